import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';

/**
 * An organization's Party-organization coverage as recorded at registration, in an annual report or by a change
 * (regulations §5.1 trigger 2). Key and subject: the USCC. Names only: no Party member is named.
 */
export class PartyOrganizationRecordedV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(/^\d{6}$/) registeringAuthority: string;
  /** OWN (its own primary organization), JOINT (a joint organization), INSTRUCTOR (a Party-building instructor), NONE. */
  @IsIn(['OWN', 'JOINT', 'INSTRUCTOR', 'NONE']) form: 'OWN' | 'JOINT' | 'INSTRUCTOR' | 'NONE';
  @IsInt() @Min(0) fullPartyMembers: number;
  /** What the rule requires for that many members: OWN (3+ full members), OWN_OR_JOINT, ANY (an instructor suffices). */
  @IsIn(['OWN', 'OWN_OR_JOINT', 'ANY']) requiredCoverage: 'OWN' | 'OWN_OR_JOINT' | 'ANY';
  @IsIn([true, false]) covered: boolean;
  /** While not covered: the last day to meet the requirement, a Beijing date (YYYY-MM-DD) ending at 24:00 Beijing time. */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) dueOn?: string;
  @IsIn(['REGISTRATION', 'ANNUAL_REPORT', 'CHANGE']) source: 'REGISTRATION' | 'ANNUAL_REPORT' | 'CHANGE';
  /** The annual report's year, for source ANNUAL_REPORT. */
  @IsOptional() @IsInt() reportYear?: number;
  /** When the recorded state took effect (00:00 Beijing time of a stated day, else when it was recorded). */
  @IsISO8601({ strict: true }) effectiveAt: string;
  /** Rule set and version that set the requirement and the deadline (party-building/<jurisdiction>@vN). */
  @IsString() @IsNotEmpty() @MaxLength(120) ruleVersion: string;
}

/**
 * The deadline to meet the Party-organization requirement passed with the organization still not covered
 * (published from 00:00 Beijing time the day after dueOn, once per deadline). Consumed by credit supervision as
 * abnormal-list trigger 2 (regulations §5.1), dated overdueOn whenever it is detected.
 */
export class PartyOrganizationOverdueV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(/^\d{6}$/) registeringAuthority: string;
  @IsIn(['OWN', 'OWN_OR_JOINT', 'ANY']) requiredCoverage: 'OWN' | 'OWN_OR_JOINT' | 'ANY';
  @IsIn(['OWN', 'JOINT', 'INSTRUCTOR', 'NONE']) form: 'OWN' | 'JOINT' | 'INSTRUCTOR' | 'NONE';
  /** The last day to meet it (Beijing). */
  @Matches(/^\d{4}-\d{2}-\d{2}$/) dueOn: string;
  /** The day the default took effect: the Beijing date after dueOn, the same whenever it is detected. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/) overdueOn: string;
  /** When the platform noticed (a scheduler run); later than overdueOn after downtime. */
  @IsISO8601({ strict: true }) detectedAt: string;
  @IsString() @IsNotEmpty() @MaxLength(120) ruleVersion: string;
}

export const PartyOrganizationRecorded: EventContractDefinition<PartyOrganizationRecordedV1> = {
  type: 'registration.party-organization.recorded',
  topic: 'registration.party-organization.v1',
  version: 1,
  payload: PartyOrganizationRecordedV1,
  description: "An organization's Party-organization coverage was recorded (registration, annual report or change), with what the rule requires and the deadline while not covered.",
};

export const PartyOrganizationOverdue: EventContractDefinition<PartyOrganizationOverdueV1> = {
  type: 'registration.party-organization.overdue',
  topic: 'registration.party-organization.v1',
  version: 1,
  payload: PartyOrganizationOverdueV1,
  description: 'The deadline to set up a Party organization as required passed without it (abnormal-list trigger 2).',
};
