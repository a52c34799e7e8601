import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { EvaluationApplied, type EvaluationAppliedV1 } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { civilDateOf, Clock, OfficialCalendar } from '@sop/util';
import { OfficialCalendars } from '@sop/messaging';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { gradeRank, ruleVersionOf } from '../../domain/evaluation-rules';
import { currentGrade } from '../../domain/grade';
import { frameworkAt, frameworkVersionOf, isOrganizationForm } from '../../domain/procedure/indicator-frameworks';
import { eligibilityReviewDue, type ProcedureKind, type ProcedureRecord } from '../../domain/procedure/procedure';
import { procedureRulesFor } from '../../domain/procedure/procedure-rules';
import { rulesAt } from '../grades/decision-time';
import { GradeStore } from '../grades/grades.ports';
import { OrganizationAccess } from '../organizations/organization-access';
import { OrganizationStore, type EvaluationOrganization } from '../organizations/organizations.ports';
import { IndicatorFrameworkStore, ProcedureStore } from './procedure.ports';

/** Procedures that are over: announced, found ineligible, or a tracking evaluation the committee concluded. */
export const isClosed = (p: ProcedureRecord) => p.status === 'ANNOUNCED' || p.status === 'INELIGIBLE' || (p.kind === 'TRACKING' && p.status === 'COMMITTEE_DECIDED');

/**
 * Step 1 of the procedure (regulations §6): the organization applies (evaluation is voluntary on application under
 * the 2026 measures; a graded organization may apply for re-evaluation within the first 4 years of validity, which
 * the eligibility review checks), or civil affairs opens a tracking evaluation (跟踪评估) of a sampled organization
 * graded 4A or above (2026 measures). The procedure fixes the national rule set and the indicator framework in
 * force that day; the eligibility review is due within 10 working days (民发〔2021〕96号).
 */
@Injectable()
export class ApplyForEvaluation {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OrganizationAccess,
    private readonly organizations: OrganizationStore,
    private readonly procedures: ProcedureStore,
    private readonly frameworks: IndicatorFrameworkStore,
    private readonly grades: GradeStore,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  /** By the organization's representative, for its own organization. */
  async apply(uscc: string, principal: Principal): Promise<ProcedureRecord> {
    if (!(principal.roles.includes('org-representative') && principal.organizationUscc === uscc))
      throw new EvaluationErrors.NOT_OWN_ORGANIZATION('an organization applies for its own evaluation (voluntary on application, 2026 measures)');
    const org = await this.organizations.organization(null, uscc);
    if (!org) throw new EvaluationErrors.ORGANIZATION_NOT_FOUND(`evaluation has no organization ${uscc}`);
    return this.open(org, 'EVALUATION', principal);
  }

  /** By an evaluator within jurisdiction: a tracking evaluation of an organization graded 4A or above. */
  async openTracking(uscc: string, principal: Principal): Promise<ProcedureRecord> {
    const org = await this.access.forEvaluator(uscc, principal);
    return this.open(org, 'TRACKING', principal);
  }

  private async open(org: EvaluationOrganization, kind: ProcedureKind, principal: Principal): Promise<ProcedureRecord> {
    const now = this.clock.now();
    const national = rulesAt(now, 'appliedAt');
    const rules = procedureRulesFor(national);
    const calendar: OfficialCalendar = this.calendars.current();
    return this.uow.run(async (tx) => {
      await this.organizations.lockOrganization(tx, org.uscc);
      const open = (await this.procedures.proceduresOf(tx, org.uscc)).filter((p) => !isClosed(p));
      if (open.length > 0) throw new EvaluationErrors.PROCEDURE_ALREADY_OPEN(`procedure ${open[0].procedureId} of ${org.uscc} is ${open[0].status}`, { field: 'uscc', rule: 'ONE_PROCEDURE_AT_A_TIME' });
      const form = org.form;
      const framework = isOrganizationForm(form) ? frameworkAt(now, org.registeringAuthority, form, await this.frameworks.versions(tx)) : null;
      if (!framework) throw new EvaluationErrors.NO_FRAMEWORK(`no indicator framework for form ${form} covers ${org.registeringAuthority}`, { field: 'uscc', rule: 'FRAMEWORK_FOR_THE_FORM' });
      const procedure: ProcedureRecord = {
        procedureId: randomUUID(),
        uscc: org.uscc,
        kind,
        status: 'APPLIED',
        ruleVersion: ruleVersionOf(national),
        frameworkVersion: frameworkVersionOf(framework),
        evaluatingAuthority: org.registeringAuthority,
        appliedAt: now.toISOString(),
        appliedBy: principal.subject,
        eligibilityReviewDueOn: null,
        eligibility: null,
        experts: [],
        assignedAt: null,
        fieldAssessment: null,
        sheets: [],
        opinion: null,
        decision: null,
        notice: null,
        reviews: [],
        announcement: null,
        certificateId: null,
        revision: 1,
      };
      if (kind === 'TRACKING') {
        // A tracking evaluation assesses a grade in force: no eligibility review; the sampling rule is its check.
        const current = currentGrade(await this.grades.grades(tx, org.uscc), civilDateOf(now));
        const from = rules.trackingFromGrade;
        const passed = !!current && !!from && gradeRank(current.grade) >= gradeRank(from);
        if (!passed)
          throw new EvaluationErrors.TRACKING_NOT_ADMITTED(
            from ? `tracking evaluation samples organizations graded ${from} or above; ${org.uscc} has ${current ? current.grade : 'no grade in force'}` : `${rules.ruleVersion} has no tracking evaluation (2026 measures)`,
            { field: 'uscc', rule: 'TRACKING_OF_4A_AND_ABOVE' },
          );
        procedure.status = 'ELIGIBLE';
        procedure.eligibility = { eligible: true, checks: [{ rule: 'RE_EVALUATION_WITHIN_FOUR_YEARS', passed: true, evidence: `tracking of grade ${current!.grade} (${current!.gradeId}) in force until ${current!.validUntil}` }], reviewedAt: now.toISOString(), late: false, replacesGradeId: null };
      } else {
        procedure.eligibilityReviewDueOn = eligibilityReviewDue(now, rules, calendar)?.lastDay ?? null;
      }
      await this.procedures.insert(tx, procedure, now);
      const data: EvaluationAppliedV1 = { procedureId: procedure.procedureId, uscc: org.uscc, ruleVersion: procedure.ruleVersion, kind, appliedAt: procedure.appliedAt, frameworkVersion: procedure.frameworkVersion };
      if (procedure.eligibilityReviewDueOn) data.eligibilityReviewDueOn = procedure.eligibilityReviewDueOn;
      await tx.publish(EvaluationApplied, { subject: org.uscc, data, policyVersion: procedure.ruleVersion });
      return procedure;
    });
  }
}
