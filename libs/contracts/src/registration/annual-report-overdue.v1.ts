import { IsISO8601, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';

/**
 * An organization had not submitted the previous year's annual report by the deadline of its cycle
 * (published from 00:00 Beijing time the day after the deadline, once per organization and cycle). Key and subject: the USCC.
 * Consumed by credit supervision as abnormal-list trigger 1 (regulations §5.1).
 */
export class AnnualReportOverdueV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(/^\d{6}$/) registeringAuthority: string;
  /** The year the report covers (e.g. 2025 for the report due 31 May 2026). */
  @IsInt() @Min(1998) @Max(9999) reportYear: number;
  /** Last day on which the report could be submitted: a Beijing date (China Standard Time), YYYY-MM-DD; it ends at 24:00 Beijing time. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/) dueDate: string;
  /** When the platform noticed (a scheduler run); later than overdueOn after downtime. */
  @IsISO8601({ strict: true }) detectedAt: string;
  /**
   * The day the default took effect: the Beijing date after dueDate (from 00:00 Beijing time), the same whenever it is
   * detected. Optional (added in place to v1); absent from events published before it existed: then dueDate + 1 day.
   */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) overdueOn?: string;
  /** Rule set (annual-report cycle) and version that set the deadline. */
  @IsString() @IsNotEmpty() ruleVersion: string;
}

export const AnnualReportOverdue: EventContractDefinition<AnnualReportOverdueV1> = {
  type: 'registration.annual-report.overdue',
  topic: 'registration.annual-report.v1',
  version: 1,
  payload: AnnualReportOverdueV1,
  description: 'An organization missed the annual-report deadline of a cycle.',
};
