import { OfficialCalendars } from '@sop/messaging';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { civilDateOf, Clock } from '@sop/util';
import { assessEligibility, eligibleForEvaluationFrom, eligibleForEvaluationOn, type Eligibility } from '../../domain/eligibility';
import { ruleSetAt } from '../../domain/evaluation-rules';
import { currentGrade } from '../../domain/grade';
import { ComplianceFactsStore } from '../compliance/compliance.ports';
import { CreditMeasuresStore } from '../credit-measures/credit-measures.ports';
import { gradeView } from '../grades/grade.views';
import { GradeStore } from '../grades/grades.ports';
import { OrganizationAccess } from './organization-access';

/**
 * An organization as evaluation knows it: its registration status, its current grade, its credit measures, and
 * whether it may be evaluated now — and if not, the rule that bars it (regulations §6 eligibility).
 */
@Injectable()
export class OrganizationViewQuery {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly grades: GradeStore,
    private readonly measures: CreditMeasuresStore,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
    private readonly compliance: ComplianceFactsStore,
  ) {}

  async execute(uscc: string, principal: Principal) {
    const org = await this.access.forReader(uscc, principal);
    const officer = principal.roles.includes('evaluator') || principal.roles.includes('auditor');
    const now = this.clock.now();
    const today = civilDateOf(now);
    const [grades, measures, adjustments, annualReports, penalties] = await Promise.all([
      this.grades.grades(null, uscc),
      this.measures.creditMeasures(null, uscc),
      this.grades.adjustmentsOf(null, uscc),
      this.compliance.annualReports(null, uscc),
      this.compliance.penalties(null, uscc),
    ]);
    const current = currentGrade(grades, today);
    const rules = ruleSetAt(now);
    const eligibility: Eligibility = assessEligibility(
      { registeredAt: org.registeredAt, registrationStatus: org.registrationStatus, registrationStatusAt: org.registrationStatusAt, grades, measures: measures?.measures ?? [], annualReports, penalties, underInvestigation: org.investigation?.underInvestigation ?? false },
      now,
      rules,
    );
    return {
      uscc: org.uscc,
      name: org.name,
      form: org.form,
      category: org.category,
      registeringAuthority: org.registeringAuthority,
      registeredAt: org.registeredAt.toISOString(),
      // From the registration instant under the rule set in force (rows projected before civil time stored a UTC instant).
      eligibleForEvaluationFrom: eligibleForEvaluationFrom(org.registeredAt, rules.minimumYearsRegistered).toISOString(),
      eligibleForEvaluationOn: eligibleForEvaluationOn(org.registeredAt, rules.minimumYearsRegistered),
      registrationStatus: org.registrationStatus,
      registrationStatusAt: org.registrationStatusAt?.toISOString() ?? null,
      currentGrade: current ? gradeView(current, today, adjustments, this.calendars.current()) : null,
      eligibility: eligibility.eligible
        ? { eligible: true, basis: eligibility.basis, replacesGradeId: eligibility.replacesGradeId, ruleVersion: eligibility.ruleVersion, asOf: now.toISOString() }
        : { eligible: false, reason: { code: eligibility.code, field: eligibility.field, rule: eligibility.rule, message: eligibility.message }, ruleVersion: eligibility.ruleVersion, asOf: now.toISOString() },
      // Order 39 Art. 7 "under investigation", as an evaluator last recorded it (null: never recorded).
      // The basis (organ and reference) is shown to evaluators and auditors only, not to the organization's representative.
      investigation: org.investigation
        ? { underInvestigation: org.investigation.underInvestigation, ...(officer ? { basis: org.investigation.basis } : {}), recordedAt: org.investigation.recordedAt.toISOString() }
        : null,
      creditMeasures: measures ? { lists: measures.lists, measures: measures.measures, effectiveFrom: measures.effectiveFrom.toISOString(), ruleVersion: measures.ruleVersion } : null,
    };
  }
}
