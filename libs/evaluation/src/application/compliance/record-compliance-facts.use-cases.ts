import { Injectable } from '@nestjs/common';
import type { AnnualReportOverdueV1, AnnualReportReviewedV1, PenaltyRecordedV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { addCivilDays, civilDate } from '@sop/util';
import { OrganizationStore } from '../organizations/organizations.ports';
import { ComplianceFactsStore, type AnnualReportRecord } from './compliance.ports';

/**
 * Registration's annual-report conclusions and defaults, and credit supervision's penalties, kept as the facts the
 * eligibility rule reads (regulations §6 "Not evaluated", Order 39 Art. 7; §4 conclusions). Each runs in the
 * consuming handler's transaction under the organization's lock (inbox: a redelivery changes nothing). Facts about
 * an organization evaluation has not projected yet are kept too: events of different topics may arrive in any order.
 */
@Injectable()
export class RecordComplianceFacts {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly facts: ComplianceFactsStore,
  ) {}

  /** registration.annual-report.reviewed → the year's outcome (PASS / BASIC_PASS / FAIL); a later review of the same year replaces an earlier one. */
  async reviewed(event: CloudEvent<AnnualReportReviewedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const reviewedAt = new Date(d.reviewedAt);
    const row = await this.row(tx, d.uscc, d.reportYear);
    if (row.reviewedAt && row.reviewedAt > reviewedAt) return;
    await this.facts.saveAnnualReport(tx, { ...row, outcome: d.outcome, reviewedAt, reviewEventId: event.id });
  }

  /** registration.annual-report.overdue → the year's report was not submitted by its deadline (the inspection was missed). */
  async overdue(event: CloudEvent<AnnualReportOverdueV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const row = await this.row(tx, d.uscc, d.reportYear);
    if (row.overdue) return;
    const overdueOn = d.overdueOn ?? addCivilDays(civilDate(d.dueDate), 1);
    await this.facts.saveAnnualReport(tx, { ...row, overdue: true, overdueOn, overdueEventId: event.id });
  }

  /** credit.penalty.recorded → the penalty, its kind, amount and decision instant (its Beijing year is what Art. 7 looks at). */
  async penaltyRecorded(event: CloudEvent<PenaltyRecordedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.organizations.lockOrganization(tx, d.uscc);
    await this.facts.savePenalty(tx, {
      penaltyId: d.penaltyId,
      uscc: d.uscc,
      kind: d.kind,
      amountFen: d.amountFen ?? null,
      decidedAt: new Date(d.decidedAt),
      eventId: event.id,
      recordedAt: new Date(d.recordedAt),
    });
  }

  private async row(tx: Tx, uscc: string, reportYear: number): Promise<AnnualReportRecord> {
    await this.organizations.lockOrganization(tx, uscc);
    return (
      (await this.facts.annualReport(tx, uscc, reportYear)) ?? {
        uscc,
        reportYear,
        outcome: null,
        reviewedAt: null,
        reviewEventId: null,
        overdue: false,
        overdueOn: null,
        overdueEventId: null,
      }
    );
  }
}
