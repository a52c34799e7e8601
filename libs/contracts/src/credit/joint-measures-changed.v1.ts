import { IsArray, IsIn, IsISO8601, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';

export const CREDIT_JOINT_MEASURES = ['KEY_SUPERVISION', 'NO_FUNDING', 'NO_PURCHASE_OF_SERVICES', 'NO_HONOURS', 'GRADE_DOWNGRADE_REFERENCE', 'NO_EVALUATION'] as const;

/**
 * The joint measures (regulations §5.3) now in force for an organization, as a whole set: other services
 * (purchasing, evaluation, funding) enforce exactly this set until the next change. Key: the USCC.
 */
export class JointMeasuresChangedV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @IsArray() @IsIn(['ABNORMAL', 'SERIOUS'], { each: true }) lists: string[];
  @IsArray() @IsIn(CREDIT_JOINT_MEASURES, { each: true }) measures: string[];
  /** The instant (UTC) the change took effect: that of the list decision behind it (see credit.list.v1 `at`). */
  @IsISO8601({ strict: true }) effectiveFrom: string;
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
}

export const JointMeasuresChanged: EventContractDefinition<JointMeasuresChangedV1> = {
  type: 'credit.joint-measures.changed',
  topic: 'credit.joint-measures.v1',
  version: 1,
  payload: JointMeasuresChangedV1,
  description: 'The set of joint measures applying to an organization changed because it entered or left a list.',
};
