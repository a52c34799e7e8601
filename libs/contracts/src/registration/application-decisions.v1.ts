import { ArrayMinSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { REGIMES, type EventContractDefinition, type Regime } from '../shared/contract-types';

/**
 * Decisions on an application before registration. Key and subject: the application id. No personal data:
 * units are named by id and name, officers by their subject only.
 */
export class ApplicationConsentGivenV1 {
  @IsUUID() applicationId: string;
  @IsString() @IsNotEmpty() @MaxLength(120) supervisingUnitId: string;
  @IsString() @IsNotEmpty() @MaxLength(200) supervisingUnitName: string;
  @IsISO8601({ strict: true }) consentedAt: string;
  /** The 60-day decision period runs from complete documents, i.e. from consent (社团条例 Art. 11(2), 12). */
  /** End of the 60-day decision period: 24:00 Beijing time (China Standard Time) of its last day, counted and moved off rest days as the Civil Code does (Art. 201–203); overdue from this instant on. */
  @IsISO8601({ strict: true }) decisionDueBy: string;
  @IsString() @IsNotEmpty() policyVersion: string;
}

export class ApplicationConsentRefusedV1 {
  @IsUUID() applicationId: string;
  @IsString() @IsNotEmpty() @MaxLength(120) supervisingUnitId: string;
  @IsString() @IsNotEmpty() @MaxLength(200) supervisingUnitName: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) reasons: string[];
  @IsISO8601({ strict: true }) refusedAt: string;
  @IsString() @IsNotEmpty() policyVersion: string;
}

/** The registration authority refused the application, stating its reasons (社团条例 Art. 12-13). */
export class ApplicationRefusedV1 {
  @IsUUID() applicationId: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) reasons: string[];
  @IsOptional() @IsString() @MaxLength(500) legalBasis?: string;
  @IsISO8601({ strict: true }) refusedAt: string;
  @IsString() @IsNotEmpty() policyVersion: string;
}

/** A regime change moved a pending dual-management application to direct registration. */
export class ApplicationReroutedV1 {
  @IsUUID() applicationId: string;
  @IsIn(REGIMES) fromRegime: Regime;
  @IsIn(REGIMES) toRegime: Regime;
  @IsString() @IsNotEmpty() fromPolicyVersion: string;
  @IsString() @IsNotEmpty() policyVersion: string;
  /** End of the 60-day decision period: 24:00 Beijing time (China Standard Time) of its last day, counted and moved off rest days as the Civil Code does (Art. 201–203); overdue from this instant on. */
  @IsISO8601({ strict: true }) decisionDueBy: string;
  @IsISO8601({ strict: true }) reroutedAt: string;
}

export const ApplicationConsentGiven: EventContractDefinition<ApplicationConsentGivenV1> = {
  type: 'registration.application.consent-given',
  topic: 'registration.application.v1',
  version: 1,
  payload: ApplicationConsentGivenV1,
  description: 'The supervising unit named by a dual-management application consented to its registration.',
};

export const ApplicationConsentRefused: EventContractDefinition<ApplicationConsentRefusedV1> = {
  type: 'registration.application.consent-refused',
  topic: 'registration.application.v1',
  version: 1,
  payload: ApplicationConsentRefusedV1,
  description: 'The supervising unit named by a dual-management application refused consent, with reasons.',
};

export const ApplicationRefused: EventContractDefinition<ApplicationRefusedV1> = {
  type: 'registration.application.refused',
  topic: 'registration.application.v1',
  version: 1,
  payload: ApplicationRefusedV1,
  description: 'The registration authority refused an application, with reasons.',
};

export const ApplicationRerouted: EventContractDefinition<ApplicationReroutedV1> = {
  type: 'registration.application.rerouted',
  topic: 'registration.application.v1',
  version: 1,
  payload: ApplicationReroutedV1,
  description: 'A regime change moved a pending application from dual management to direct registration.',
};
