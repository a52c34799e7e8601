import { Injectable } from '@nestjs/common';
import { assertWithinReach, type Principal } from '@sop/auth';
import { civilDateOf, Clock } from '@sop/util';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { currentGrade } from '../../domain/grade';
import { frameworkVersionOf } from '../../domain/procedure/indicator-frameworks';
import type { ProcedureRecord } from '../../domain/procedure/procedure';
import { benefitsOf, procedureRulesByVersion, PROCEDURE_RULES } from '../../domain/procedure/procedure-rules';
import { GradeStore } from '../grades/grades.ports';
import { OrganizationAccess } from '../organizations/organization-access';
import { OrganizationStore } from '../organizations/organizations.ports';
import { PerformanceEvidenceReader } from '../performance-evidence/performance-evidence.reader';
import { IndicatorFrameworkStore, ProcedureStore } from './procedure.ports';
import { procedureNotFound } from './procedure-runner';
import { procedureView, type Audience } from './procedure.views';

/** Procedures and scorecards as each reader may see them; the public grade card. */
@Injectable()
export class ProcedureQueries {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly organizations: OrganizationStore,
    private readonly procedures: ProcedureStore,
    private readonly frameworks: IndicatorFrameworkStore,
    private readonly grades: GradeStore,
    private readonly clock: Clock,
    private readonly evidence: PerformanceEvidenceReader,
  ) {}

  async procedure(procedureId: string, principal: Principal) {
    const p = await this.procedures.procedure(null, procedureId);
    if (!p) throw procedureNotFound(procedureId);
    try {
      await this.access.forReader(p.uscc, principal);
    } catch (err) {
      if (err instanceof EvaluationErrors.ORGANIZATION_NOT_FOUND) throw procedureNotFound(procedureId);
      throw err;
    }
    return (await this.views(p.uscc, [p], await this.audience(p.uscc, principal)))[0];
  }

  async proceduresOf(uscc: string, principal: Principal) {
    await this.access.forReader(uscc, principal);
    const audience = await this.audience(uscc, principal);
    return this.views(uscc, await this.procedures.proceduresOf(null, uscc), audience);
  }

  /**
   * Public (issue 13 §3): the grade in force, its validity and what it unlocks under the rule data (3A+: purchasing
   * priority, transferred functions, government awards, pre-tax deduction eligibility; 4A+: simplified annual
   * inspection). Nothing about the procedure, experts or scores.
   */
  async publicGrade(uscc: string) {
    const org = await this.organizations.organization(null, uscc);
    if (!org) throw new EvaluationErrors.ORGANIZATION_NOT_FOUND(`evaluation has no organization ${uscc}`);
    const today = civilDateOf(this.clock.now());
    const grade = currentGrade(await this.grades.grades(null, uscc), today);
    if (!grade) return { uscc, name: org.name, grade: null, validFrom: null, validUntil: null, benefits: [] };
    const rules = PROCEDURE_RULES.find((r) => r.ruleVersion === grade.ruleVersion) ?? procedureRulesByVersion('evaluation/order-39@v1');
    return {
      uscc,
      name: org.name,
      grade: grade.grade,
      announcedOn: civilDateOf(new Date(grade.announcedAt)),
      validFrom: grade.validFrom,
      validUntil: grade.validUntil,
      ruleVersion: grade.ruleVersion,
      benefits: benefitsOf(grade.grade, rules).map((b) => ({ benefit: b.benefit, fromGrade: b.fromGrade, note: b.note })),
      benefitsRuleVersion: rules.ruleVersion,
    };
  }

  /** The committee: evaluators whose jurisdiction covers the organization. Everyone else sees pseudonyms. */
  private async audience(uscc: string, principal: Principal): Promise<Audience> {
    if (!principal.roles.includes('evaluator')) return 'OUTSIDE';
    const org = await this.organizations.organization(null, uscc);
    if (!org) return 'OUTSIDE';
    try {
      assertWithinReach(principal, org.registeringAuthority, () => new Error('outside'));
      return 'COMMITTEE';
    } catch {
      return 'OUTSIDE';
    }
  }

  /** Each procedure with its scorecard and its performance evidence (issue 12 item 5), the organization's evidence read once. */
  private async views(uscc: string, procedures: ProcedureRecord[], audience: Audience) {
    const frameworks = await this.frameworks.versions(null);
    const withFramework = procedures.map((procedure) => ({ procedure, framework: frameworks.find((f) => frameworkVersionOf(f) === procedure.frameworkVersion) ?? null }));
    const evidence = await this.evidence.views(uscc, withFramework);
    return withFramework.map(({ procedure, framework }, i) => procedureView(procedure, audience, framework, evidence[i]));
  }
}
