import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AnnualReportOverdueV1, AnnualReportReviewedV1, AnnualReportSubmittedV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { addCivilDays, Clock, parseCivilDate, startOfCivilDay, type CivilDate } from '@sop/util';
import { decideTrigger } from '../../domain/list-decisions';
import { decideAnnualReportFulfilment, reviewInformationCategory } from '../../domain/registration-facts';
import { ListDecisions } from '../lists/list-decisions';
import { CreditCalendar } from '../calendar/credit-calendar';
import { informationAt } from '../organizations/credit-information';
import { OrganizationStore } from '../organizations/organizations.ports';
import { AnnualReportObligationStore } from './registration-facts.ports';

/**
 * Registration's annual-report events as credit information and list decisions (regulations §4, §5.1 trigger 1).
 * Each runs in the consumer's inbox transaction, the event id as source and evidence.
 */
@Injectable()
export class AnnualReportFacts {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly obligations: AnnualReportObligationStore,
    private readonly lists: ListDecisions,
    private readonly clock: Clock,
    private readonly calendar: CreditCalendar,
  ) {}

  /** registration.annual-report.overdue → abnormal list, trigger 1 of §5.1, the event id as evidence. */
  async onAnnualReportOverdue(event: CloudEvent<AnnualReportOverdueV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    // Listed from the day the default took effect (00:00 Beijing the day after the due date), not when a scheduler
    // noticed: a registration service restarted after downtime lists the organization on the same date (issue 9).
    const overdueOn = parseCivilDate(d.overdueOn) ?? (parseCivilDate(d.dueDate) ? addCivilDays(parseCivilDate(d.dueDate) as CivilDate, 1) : null);
    const effective = overdueOn ? startOfCivilDay(overdueOn) : new Date(d.detectedAt);
    const at = effective > now ? now : effective;
    await this.organizations.addInformation(
      tx,
      informationAt(this.calendar, now, {
        uscc: d.uscc,
        category: 'ANNUAL_REPORT',
        factType: 'ANNUAL_REPORT_OVERDUE',
        sourceId: event.id,
        summary: `annual report for ${d.reportYear} not submitted by ${d.dueDate} (${d.ruleVersion})`,
        occurredAt: at,
      }),
    );
    await this.obligations.addAnnualReportObligation(tx, { overdueEventId: event.id, uscc: d.uscc, reportYear: d.reportYear });
    await this.lists.decide(
      tx,
      d.uscc,
      now,
      (s, r) => decideTrigger(s, { uscc: d.uscc, list: 'ABNORMAL', reason: 'ANNUAL_REPORT_OVERDUE', evidence: [event.id], at, decidingAuthority: d.registeringAuthority }, r, randomUUID),
      event.id,
      at,
    );
  }

  /**
   * registration.annual-report.submitted → annual-report information; the obligation of the year's overdue
   * events is fulfilled, and an entry whose overdue years are all submitted gets its rectification recorded as an
   * officer's verification would (no removal application: the §5.1 6-month removal applies), event id as evidence.
   */
  async onAnnualReportSubmitted(event: CloudEvent<AnnualReportSubmittedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const submittedAt = new Date(d.submittedAt);
    await this.organizations.addInformation(
      tx,
      informationAt(this.calendar, now, {
        uscc: d.uscc,
        category: 'ANNUAL_REPORT',
        factType: 'ANNUAL_REPORT_SUBMITTED',
        sourceId: event.id,
        summary: `annual report for ${d.reportYear} submitted${d.late ? ` late (due ${d.dueDate})` : ''} (${d.ruleVersion})`,
        occurredAt: submittedAt,
      }),
    );
    await this.organizations.lockOrganization(tx, d.uscc);
    const obligations = await this.obligations.fulfilAnnualReportObligations(tx, { uscc: d.uscc, reportYear: d.reportYear, submittedAt, submittedEventId: event.id });
    const at = submittedAt > now ? now : submittedAt;
    await this.lists.decide(tx, d.uscc, now, (s, r) => decideAnnualReportFulfilment(s, { uscc: d.uscc, obligations, evidence: [event.id], at }, r), event.id, at);
  }

  /** registration.annual-report.reviewed → a failed review is an inspection conclusion; pass / basic pass annual-report information. */
  async onAnnualReportReviewed(event: CloudEvent<AnnualReportReviewedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const factType = d.outcome === 'FAIL' ? 'ANNUAL_REPORT_REVIEW_FAILED' : `ANNUAL_REPORT_REVIEW_${d.outcome}`;
    await this.organizations.addInformation(
      tx,
      informationAt(this.calendar, this.clock.now(), {
        uscc: d.uscc,
        category: reviewInformationCategory(d.outcome),
        factType,
        sourceId: event.id,
        summary: `annual report for ${d.reportYear} reviewed: ${d.outcome} (${d.ruleVersion})`,
        occurredAt: new Date(d.reviewedAt),
      }),
    );
  }
}
