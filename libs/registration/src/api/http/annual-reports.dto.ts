// Requests and views of annual reports (regulations §4).
import { ApiProperty } from '@nestjs/swagger';
import { civilDate, endOfCivilDay } from '@sop/util';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { WithPartyOrganization } from './party-organization.dto';
import { ANNUAL_REPORT_OUTCOMES, type AnnualReportOutcome } from '../../domain/annual-report-cycle';
import type { AnnualReportRecord } from '../../application/annual-reports/annual-reports.ports';

export class SubmitAnnualReportRequest extends WithPartyOrganization {
  @ApiProperty({ example: 2026, description: 'the finished year the report covers' })
  @IsInt() @Min(1998) @Max(9999)
  reportYear: number;
}

export class ReviewAnnualReportRequest {
  @ApiProperty({ enum: ANNUAL_REPORT_OUTCOMES })
  @IsIn(ANNUAL_REPORT_OUTCOMES)
  outcome: AnnualReportOutcome;
}

export function annualReportView(r: AnnualReportRecord) {
  return {
    uscc: r.uscc,
    reportYear: r.reportYear,
    dueDate: r.dueDate,
    /** The end of the due date: 24:00 Beijing time (a report submitted from then on is late). */
    dueBy: endOfCivilDay(civilDate(r.dueDate)).toISOString(),
    submittedAt: r.submittedAt.toISOString(),
    ruleVersion: r.ruleVersion,
    outcome: r.outcome,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
  };
}
