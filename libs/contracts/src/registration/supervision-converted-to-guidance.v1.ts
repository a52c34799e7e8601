import { IsISO8601, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';

/**
 * An organization's supervising unit (业务主管单位) became a guidance unit (业务指导单位, no approval power)
 * because its registration regime changed to direct registration (regulations §2). Key and subject: the USCC.
 */
export class SupervisionConvertedToGuidanceV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(/^\d{6}$/) registeringAuthority: string;
  @IsString() @IsNotEmpty() @MaxLength(120) unitId: string;
  @IsString() @IsNotEmpty() @MaxLength(200) unitName: string;
  /** The policy version whose effective date caused the change. */
  @IsString() @IsNotEmpty() policyVersion: string;
  @IsString() @IsNotEmpty() fromPolicyVersion: string;
  /** 00:00 Beijing time of the policy version's effective date (a Beijing date). */
  @IsISO8601({ strict: true }) effectiveFrom: string;
  @IsISO8601({ strict: true }) convertedAt: string;
}

export const SupervisionConvertedToGuidance: EventContractDefinition<SupervisionConvertedToGuidanceV1> = {
  type: 'registration.organization.supervision-converted-to-guidance',
  topic: 'registration.organization.v1',
  version: 1,
  payload: SupervisionConvertedToGuidanceV1,
  description: "An organization's supervising unit became a guidance unit after a regime change.",
};
