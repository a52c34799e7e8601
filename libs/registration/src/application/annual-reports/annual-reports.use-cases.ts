import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertWithinReach } from '@sop/auth';
import { AnnualReportReviewed, AnnualReportSubmitted } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { civilYearAt, cycleInForce, cycleVersion, dueDate, dueEnd, inScope, type AnnualReportOutcome } from '../../domain/annual-report-cycle';
import { RegistrationErrors } from '../../domain/registration.errors';
import { OrganizationStore, organizationNotFound } from '../organizations/organizations.ports';
import { AnnualReportStore, type AnnualReportRecord } from './annual-reports.ports';
import type { PartyOrganizationDeclaration } from '../../domain/party-organization';
import { PartyOrganizations } from '../party-organization/party-organizations.use-cases';

/**
 * Annual reports (regulations §4): organizations submit the previous year's report; the registration authority
 * concludes pass / basic pass / fail. Overdue reports are found by DetectOverdueAnnualReports.
 */
@Injectable()
export class AnnualReports {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly reports: AnnualReportStore,
    private readonly organizations: OrganizationStore,
    private readonly clock: Clock,
    private readonly partyOrganizations: PartyOrganizations,
  ) {}

  /**
   * The organization's own representative, or a registrar in jurisdiction filing on its behalf. The report may
   * carry the Party-organization coverage (regulations §5.1 trigger 2), recorded with it in one transaction.
   */
  async submit(uscc: string, reportYear: number, principal: Principal, partyOrganization?: PartyOrganizationDeclaration): Promise<AnnualReportRecord> {
    const organization = await this.organizations.requireOrganization(uscc);
    const ownOrganization = principal.roles.includes('org-representative') && principal.organizationUscc === uscc;
    if (!ownOrganization) {
      if (!principal.roles.includes('registrar')) throw new RegistrationErrors.NOT_OWN_ORGANIZATION(`you do not represent ${uscc}`);
      assertWithinReach(principal, organization.registeringAuthority, () => organizationNotFound(uscc));
    }
    const now = this.clock.now();
    // The year ends at 24:00 Beijing time on 31 December (16:00 UTC).
    if (reportYear >= civilYearAt(now)) {
      throw new RegistrationErrors.ANNUAL_REPORT_YEAR(`the report for ${reportYear} can be submitted from ${reportYear + 1} (社团条例 Art. 28)`, {
        violations: [{ field: 'reportYear', rule: 'previousYear', message: 'a report covers a finished year' }],
      });
    }
    const cycle = cycleInForce(await this.reports.cycles(), now);
    if (!inScope(cycle, reportYear, organization.registeredAt)) {
      throw new RegistrationErrors.ANNUAL_REPORT_NOT_IN_SCOPE(`${uscc} was registered less than ${cycle.minMonthsRegistered} months at the end of ${reportYear} (${cycle.source})`);
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
        throw new RegistrationErrors.ANNUAL_REPORT_EXISTS(`${uscc} already submitted the report for ${reportYear}`);
      }
      await this.reports.insertReport(tx, report);
      if (partyOrganization) {
        await this.partyOrganizations.recordIn(tx, partyOrganization, {
          uscc,
          registeringAuthority: report.registeringAuthority,
          source: 'ANNUAL_REPORT',
          reportYear,
          effectiveAt: now,
          now,
          recordedBy: principal.subject,
        });
      }
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
      if (!report) throw new RegistrationErrors.ANNUAL_REPORT_NOT_FOUND(`no report of ${uscc} for ${reportYear}`);
      assertWithinReach(principal, report.registeringAuthority, () => new RegistrationErrors.ANNUAL_REPORT_NOT_FOUND(`no report of ${uscc} for ${reportYear}`));
      if (report.outcome) throw new RegistrationErrors.ANNUAL_REPORT_REVIEWED(`the ${reportYear} report of ${uscc} is already concluded (${report.outcome})`);
      await this.reports.saveReview(tx, uscc, reportYear, { outcome, reviewedBy: principal.subject, reviewedAt: now });
      await tx.publish(AnnualReportReviewed, { subject: uscc,
        policyVersion: report.ruleVersion,
        data: { uscc, registeringAuthority: report.registeringAuthority, reportYear, outcome, reviewedAt: now.toISOString(), ruleVersion: report.ruleVersion },
      });
      return { ...report, outcome, reviewedBy: principal.subject, reviewedAt: now };
    });
  }

  async list(uscc: string, principal: Principal): Promise<AnnualReportRecord[]> {
    const organization = await this.organizations.requireOrganization(uscc);
    const own = principal.roles.includes('org-representative') && principal.organizationUscc === uscc;
    // Another organization's representative is not an officer: its reports are out of reach (404), whatever the division.
    const officer = principal.roles.includes('registrar') || principal.roles.includes('auditor');
    if (!own && !officer) throw organizationNotFound(uscc);
    if (!own) assertWithinReach(principal, organization.registeringAuthority, () => organizationNotFound(uscc));
    return this.reports.listReports(uscc);
  }
}
