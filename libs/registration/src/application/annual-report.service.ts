import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertJurisdiction } from '@sop/auth';
import {
  AnnualReportOverdue,
  AnnualReportReviewed,
  AnnualReportSubmitted,
} from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { ORGANIZATION_FORMS } from '@sop/contracts';
import { Clock, ProblemError } from '@sop/util';
import {
  cycleInForce,
  cycleVersion,
  dueDate,
  dueEnd,
  inScope,
  latestOverdueYear,
  registeredBeforeForScope,
  type AnnualReportOutcome,
} from '../domain/annual-report-cycle';
import { AnnualReportStore, RegistrationStore, type AnnualReportRecord } from './registration.ports';

const BATCH = 200;

/**
 * Annual reports (regulations §4): organizations submit the previous year's report; the registration authority
 * concludes pass / basic pass / fail; the scheduler publishes AnnualReportOverdue once per organization and
 * cycle from the day after the due date.
 */
@Injectable()
export class AnnualReportService {
  private readonly logger = new Logger('AnnualReports');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly reports: AnnualReportStore,
    private readonly registry: RegistrationStore,
    private readonly clock: Clock,
  ) {}

  /** The organization's own representative, or a registrar in jurisdiction filing on its behalf. */
  async submit(uscc: string, reportYear: number, principal: Principal): Promise<AnnualReportRecord> {
    const organization = await this.registry.findOrganization(uscc);
    if (!organization) throw ProblemError.notFound('REGISTRATION.ORGANIZATION_NOT_FOUND', `no organization with USCC ${uscc}`);
    const ownOrganization = principal.roles.includes('org-representative') && principal.organizationUscc === uscc;
    if (!ownOrganization) {
      if (!principal.roles.includes('registrar')) throw ProblemError.forbidden('REGISTRATION.NOT_OWN_ORGANIZATION', `you do not represent ${uscc}`);
      assertJurisdiction(principal, organization.registeringAuthority, `organization ${uscc}`);
    }
    const now = this.clock.now();
    if (reportYear >= now.getUTCFullYear()) {
      throw ProblemError.unprocessable('REGISTRATION.ANNUAL_REPORT_YEAR', `the report for ${reportYear} can be submitted from ${reportYear + 1} (社团条例 Art. 28)`, [
        { field: 'reportYear', rule: 'previousYear', message: 'a report covers a finished year' },
      ]);
    }
    const cycle = cycleInForce(await this.reports.cycles(), now);
    if (!inScope(cycle, reportYear, organization.registeredAt)) {
      throw ProblemError.unprocessable('REGISTRATION.ANNUAL_REPORT_NOT_IN_SCOPE', `${uscc} was registered less than ${cycle.minMonthsRegistered} months at the end of ${reportYear} (${cycle.source})`);
    }
    const report: AnnualReportRecord = {
      uscc,
      reportYear,
      registeringAuthority: organization.registeringAuthority,
      submittedAt: now,
      submittedBy: principal.subject,
      dueDate: dueDate(cycle, organization.form, reportYear),
      ruleVersion: cycleVersion(cycle),
      outcome: null,
      reviewedBy: null,
      reviewedAt: null,
    };
    return this.uow.run(async (tx) => {
      if (await this.reports.findReport(tx, uscc, reportYear)) {
        throw ProblemError.conflict('REGISTRATION.ANNUAL_REPORT_EXISTS', `${uscc} already submitted the report for ${reportYear}`);
      }
      await this.reports.insertReport(tx, report);
      await tx.publish(AnnualReportSubmitted, { subject: uscc,
        policyVersion: report.ruleVersion,
        data: {
          uscc,
          registeringAuthority: report.registeringAuthority,
          reportYear,
          dueDate: report.dueDate,
          submittedAt: now.toISOString(),
          late: now.getTime() >= dueEnd(cycle, organization.form, reportYear).getTime(),
          ruleVersion: report.ruleVersion,
        },
      });
      return report;
    });
  }

  async review(uscc: string, reportYear: number, outcome: AnnualReportOutcome, principal: Principal): Promise<AnnualReportRecord> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const report = await this.reports.findReport(tx, uscc, reportYear);
      if (!report) throw ProblemError.notFound('REGISTRATION.ANNUAL_REPORT_NOT_FOUND', `no report of ${uscc} for ${reportYear}`);
      assertJurisdiction(principal, report.registeringAuthority, `organization ${uscc}`);
      if (report.outcome) throw ProblemError.conflict('REGISTRATION.ANNUAL_REPORT_REVIEWED', `the ${reportYear} report of ${uscc} is already concluded (${report.outcome})`);
      await this.reports.saveReview(tx, uscc, reportYear, { outcome, reviewedBy: principal.subject, reviewedAt: now });
      await tx.publish(AnnualReportReviewed, { subject: uscc,
        policyVersion: report.ruleVersion,
        data: { uscc, registeringAuthority: report.registeringAuthority, reportYear, outcome, reviewedAt: now.toISOString(), ruleVersion: report.ruleVersion },
      });
      return { ...report, outcome, reviewedBy: principal.subject, reviewedAt: now };
    });
  }

  async list(uscc: string, principal: Principal): Promise<AnnualReportRecord[]> {
    const organization = await this.registry.findOrganization(uscc);
    if (!organization) throw ProblemError.notFound('REGISTRATION.ORGANIZATION_NOT_FOUND', `no organization with USCC ${uscc}`);
    const own = principal.roles.includes('org-representative') && principal.organizationUscc === uscc;
    if (!own) assertJurisdiction(principal, organization.registeringAuthority, `organization ${uscc}`);
    return this.reports.listReports(uscc);
  }

  /**
   * From the day after the due date: one AnnualReportOverdue per organization in scope that has no report
   * submitted by the deadline. The finding row (primary key USCC + year) and the event commit together, so
   * re-runs, overlapping scheduler instances and crashes never publish twice. Looks at the latest overdue year and
   * the one before, so a scheduler that was down for up to a year still catches up.
   */
  async detectOverdue(): Promise<number> {
    const now = this.clock.now();
    const cycle = cycleInForce(await this.reports.cycles(), now);
    let published = 0;
    // Per form: the due date is rule data per form (基金会条例 Art. 36: 31 March; 社团条例 Art. 28, 民非条例 Art. 23: 31 May).
    for (const form of ORGANIZATION_FORMS) {
      const latest = latestOverdueYear(cycle, form, now);
      for (const reportYear of [latest - 1, latest]) {
        const deadline = dueEnd(cycle, form, reportYear);
        for (;;) {
          const candidates = await this.reports.overdueCandidates(form, reportYear, registeredBeforeForScope(cycle, reportYear), deadline, BATCH);
          if (!candidates.length) break;
          let progressed = 0;
          for (const c of candidates) {
            const recorded = await this.uow.run(async (tx) => {
              const finding = { uscc: c.uscc, reportYear, dueDate: dueDate(cycle, form, reportYear), detectedAt: now, ruleVersion: cycleVersion(cycle) };
              if (!(await this.reports.recordOverdue(tx, finding))) return false;
              await tx.publish(AnnualReportOverdue, { subject: c.uscc,
                policyVersion: finding.ruleVersion,
                data: {
                  uscc: c.uscc,
                  registeringAuthority: c.registeringAuthority,
                  reportYear,
                  dueDate: finding.dueDate,
                  detectedAt: now.toISOString(),
                  ruleVersion: finding.ruleVersion,
                },
              });
              return true;
            });
            if (recorded) published++;
            progressed++;
          }
          if (progressed < BATCH) break;
        }
      }
    }
    if (published) this.logger.log(`${published} annual report(s) overdue`);
    return published;
  }
}
