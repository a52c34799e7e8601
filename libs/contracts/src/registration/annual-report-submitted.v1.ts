import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';

/** An organization submitted its annual report for a year. Key and subject: the USCC. */
export class AnnualReportSubmittedV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(/^\d{6}$/) registeringAuthority: string;
  @IsInt() @Min(1998) @Max(9999) reportYear: number;
  /** Last day to submit: a Beijing date (China Standard Time), YYYY-MM-DD; it ends at 24:00 Beijing time. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/) dueDate: string;
  @IsISO8601({ strict: true }) submittedAt: string;
  /** Submitted from 24:00 Beijing time of the due date on (the overdue event may already have been published). */
  @IsIn([true, false]) late: boolean;
  @IsString() @IsNotEmpty() ruleVersion: string;
}

export const ANNUAL_REPORT_OUTCOMES_V1 = ['PASS', 'BASIC_PASS', 'FAIL'] as const;

/** The registration authority concluded an annual report: pass, basic pass or fail (regulations §4). */
export class AnnualReportReviewedV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(/^\d{6}$/) registeringAuthority: string;
  @IsInt() @Min(1998) @Max(9999) reportYear: number;
  @IsIn(ANNUAL_REPORT_OUTCOMES_V1) outcome: (typeof ANNUAL_REPORT_OUTCOMES_V1)[number];
  @IsISO8601({ strict: true }) reviewedAt: string;
  @IsString() @IsNotEmpty() ruleVersion: string;
}

export const AnnualReportSubmitted: EventContractDefinition<AnnualReportSubmittedV1> = {
  type: 'registration.annual-report.submitted',
  topic: 'registration.annual-report.v1',
  version: 1,
  payload: AnnualReportSubmittedV1,
  description: 'An organization submitted the annual report of a year.',
};

export const AnnualReportReviewed: EventContractDefinition<AnnualReportReviewedV1> = {
  type: 'registration.annual-report.reviewed',
  topic: 'registration.annual-report.v1',
  version: 1,
  payload: AnnualReportReviewedV1,
  description: 'The registration authority concluded an annual report (pass, basic pass, fail).',
};
