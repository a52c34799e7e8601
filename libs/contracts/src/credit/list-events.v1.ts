import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';

/**
 * Credit list events (regulations §5.1, §5.2). The lists are an append-only log of these events; the current
 * abnormal / serious lists are derived from them, so a consumer (or an auditor) can rebuild them by replay.
 * Key and subject: the USCC. Every decision names the rule set id@version it applied.
 */
export const CREDIT_LISTS = ['ABNORMAL', 'SERIOUS'] as const;
export const CREDIT_LIST_REASONS = [
  'ANNUAL_REPORT_OVERDUE',
  'PARTY_ORGANIZATION_NOT_SET_UP',
  'RECTIFICATION_NOT_MET',
  'PUBLIC_FUNDRAISING_CONDITIONS_LOST',
  'WARNING_OR_SMALL_FINE',
  'UNREACHABLE_AT_DOMICILE',
  'OTHER_BY_LAW',
  'ESCALATION_FROM_ABNORMAL',
  'FRAUDULENT_CHANGE_REVOKED',
  'SUSPENSION_PENALTY',
  'LARGE_FINE',
  'REPEATED_WARNINGS_OR_FINES',
  'DISHONEST_JUDGMENT_DEBTOR',
  'REGISTRATION_REVOKED',
] as const;
export const CREDIT_LIST_EXIT_REASONS = ['RECTIFIED', 'AUTO_AFTER_6_MONTHS', 'ESCALATED', 'CLEAN_2_YEARS', 'DEREGISTERED_AFTER_REVOCATION'] as const;


abstract class ListEventBaseV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @IsUUID() entryId: string;
  @IsIn(CREDIT_LISTS) list: (typeof CREDIT_LISTS)[number];
  /**
   * When the decision takes effect, an instant in UTC (a timer's due instant, a penalty's effective date). A period
   * that runs out (6 months, 2 years, a rectification deadline) takes effect at 24:00 Beijing time (UTC+8) of its
   * last day, i.e. 16:00 UTC; civil dates are Beijing dates.
   */
  @IsISO8601({ strict: true }) at: string;
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
  /** Optional: the official holiday calendar (id@version) that counted or moved the period the decision relies on. */
  @IsOptional() @IsString() @MaxLength(100) calendarVersion?: string;
}

export class ListEnteredV1 extends ListEventBaseV1 {
  @IsIn(CREDIT_LIST_REASONS) reason: (typeof CREDIT_LIST_REASONS)[number];
  /** Ids of the events / records that caused the listing. */
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) evidence: string[];
  @Matches(/^\d{6}$/) decidingAuthority: string;
  @IsBoolean() rectificationRequired: boolean;
}

export class ListClockRestartedV1 extends ListEventBaseV1 {
  /** The new listing situation; it restarts the entry's clock whatever its own reason (regulations §5.1, §5.2). */
  @IsIn(CREDIT_LIST_REASONS) reason: (typeof CREDIT_LIST_REASONS)[number];
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) evidence: string[];
  /** Optional: true when the situation recurred after its rectification was recorded: the entry owes it again. */
  @IsOptional() @IsBoolean() rectificationRequired?: boolean;
}

export class ListRectificationRecordedV1 extends ListEventBaseV1 {
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) evidence: string[];
}

export class ListEscalatedV1 extends ListEventBaseV1 {
  /** The new serious-list entry. */
  @IsUUID() toEntryId: string;
  @Matches(/^\d{6}$/) decidingAuthority: string;
}

export class ListExitedV1 extends ListEventBaseV1 {
  @IsIn(CREDIT_LIST_EXIT_REASONS) exitReason: (typeof CREDIT_LIST_EXIT_REASONS)[number];
  /**
   * Removal after verified rectification: the instant (UTC) the 5 working days from the verification run out, i.e.
   * 24:00 Beijing time of the last working day on the official calendar.
   */
  @IsOptional() @IsISO8601({ strict: true }) removalDeadline?: string;
  /** Optional: that last working day, a Beijing civil date (YYYY-MM-DD). */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) removalDueOn?: string;
}

export class ListEntryAnnulledV1 extends ListEventBaseV1 {
  @IsUUID() objectionId: string;
}

const topic = 'credit.list.v1';
export const ListEntered: EventContractDefinition<ListEnteredV1> = {
  type: 'credit.list.entered',
  topic,
  version: 1,
  payload: ListEnteredV1,
  description: 'An organization was put on the abnormal-activity or the serious illegal and dishonest list.',
};
export const ListClockRestarted: EventContractDefinition<ListClockRestartedV1> = {
  type: 'credit.list.clock-restarted',
  topic,
  version: 1,
  payload: ListClockRestartedV1,
  description: 'A trigger re-occurred while the organization was listed: the entry\'s clock restarts.',
};
export const ListRectificationRecorded: EventContractDefinition<ListRectificationRecordedV1> = {
  type: 'credit.list.rectification-recorded',
  topic,
  version: 1,
  payload: ListRectificationRecordedV1,
  description: 'The organization fulfilled the obligation / completed the rectification behind a list entry (verified).',
};
export const ListEscalated: EventContractDefinition<ListEscalatedV1> = {
  type: 'credit.list.escalated',
  topic,
  version: 1,
  payload: ListEscalatedV1,
  description: 'After 2 full years on the abnormal list the organization moved to the serious list.',
};
export const ListExited: EventContractDefinition<ListExitedV1> = {
  type: 'credit.list.exited',
  topic,
  version: 1,
  payload: ListExitedV1,
  description: 'An organization was removed from a list.',
};
export const ListEntryAnnulled: EventContractDefinition<ListEntryAnnulledV1> = {
  type: 'credit.list.annulled',
  topic,
  version: 1,
  payload: ListEntryAnnulledV1,
  description: 'A list entry was annulled because an objection to it was upheld; the entry stays in the history.',
};
