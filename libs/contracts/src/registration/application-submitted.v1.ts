import { IsIn, IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  ORGANIZATION_CATEGORIES,
  ORGANIZATION_FORMS,
  REGIMES,
  type EventContractDefinition,
  type OrganizationCategory,
  type OrganizationForm,
  type Regime,
} from '../shared/contract-types';

/** An application for registration was received. Key and subject: the application id. */
export class ApplicationSubmittedV1 {
  @IsUUID() applicationId: string;
  @IsString() @IsNotEmpty() @MaxLength(200) proposedName: string;
  @IsIn(ORGANIZATION_FORMS) form: OrganizationForm;
  @IsIn(ORGANIZATION_CATEGORIES) category: OrganizationCategory;
  @Matches(/^\d{6}$/) registeringAuthority: string;
  @IsIn(REGIMES) regime: Regime;
  @IsString() @IsNotEmpty() policyVersion: string;
  @IsISO8601({ strict: true }) submittedAt: string;
  /** Statutory decision deadline: 60 days after complete documents (regulations §1.1 Art. 12). */
  /** End of the 60-day decision period: 24:00 Beijing time (China Standard Time) of its last day, counted and moved off rest days as the Civil Code does (Art. 201–203); overdue from this instant on. */
  @IsISO8601({ strict: true }) decisionDueBy: string;
}

export const ApplicationSubmitted: EventContractDefinition<ApplicationSubmittedV1> = {
  type: 'registration.application.submitted',
  topic: 'registration.application.v1',
  version: 1,
  payload: ApplicationSubmittedV1,
  description: 'An application for registration was received by a registration authority.',
};
