import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import {
  EvaluationEligibilityReviewed,
  EvaluationExpertsAssigned,
  EvaluationFieldAssessed,
  EvaluationIndicatorsScored,
  EvaluationPreliminaryOpinionGiven,
  type EvaluationPreliminaryOpinionGivenV1,
} from '@sop/contracts';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { ruleSetByVersion } from '../../domain/evaluation-rules';
import { gradeForScore } from '../../domain/grading';
import { resolveRules } from '../../domain/local-rule-sets';
import { reviewEligibility } from '../../domain/procedure/eligibility-checklist';
import { frameworkVersionOf } from '../../domain/procedure/indicator-frameworks';
import { assertNoConflict, assertStatus, fieldOpinionDue, isLate, pseudonymsFor, reportDue } from '../../domain/procedure/procedure';
import { aggregate, assertScoreSheet } from '../../domain/procedure/scoring';
import { ComplianceFactsStore } from '../compliance/compliance.ports';
import { CreditMeasuresStore } from '../credit-measures/credit-measures.ports';
import { GradeStore } from '../grades/grades.ports';
import { PerformanceEvidenceReader } from '../performance-evidence/performance-evidence.reader';
import { EvaluationRuleSetStore } from '../rule-sets/rule-sets.ports';
import { IndicatorFrameworkStore, ProcedureStore } from './procedure.ports';
import { ProcedureRunner } from './procedure-runner';

const base = (p: { procedureId: string; uscc: string; ruleVersion: string }) => ({ procedureId: p.procedureId, uscc: p.uscc, ruleVersion: p.ruleVersion });

/**
 * Steps 2–3 of the procedure (regulations §6): the eligibility review rule by rule, the expert group with recusal,
 * the field assessment, each expert's score sheet and the preliminary opinion with the documented aggregation. The
 * national variant's deadlines (民发〔2021〕96号) are recorded and a late step is flagged, not refused: the office
 * still has to act.
 */
@Injectable()
export class AssessmentSteps {
  constructor(
    private readonly runner: ProcedureRunner,
    private readonly procedures: ProcedureStore,
    private readonly frameworks: IndicatorFrameworkStore,
    private readonly grades: GradeStore,
    private readonly measures: CreditMeasuresStore,
    private readonly compliance: ComplianceFactsStore,
    private readonly ruleSets: EvaluationRuleSetStore,
    private readonly evidence: PerformanceEvidenceReader,
  ) {}

  reviewEligibility(procedureId: string, principal: Principal) {
    return this.runner.step(procedureId, principal, 'evaluator', async ({ tx, procedure: p, organization: org, now }) => {
      assertStatus(p, 'the eligibility review', 'APPLIED');
      const [grades, measures, annualReports, penalties] = await Promise.all([this.grades.grades(tx, p.uscc), this.measures.creditMeasures(tx, p.uscc), this.compliance.annualReports(tx, p.uscc), this.compliance.penalties(tx, p.uscc)]);
      const review = reviewEligibility(
        { registeredAt: org.registeredAt, registrationStatus: org.registrationStatus, registrationStatusAt: org.registrationStatusAt, grades, measures: measures?.measures ?? [], annualReports, penalties, underInvestigation: org.investigation?.underInvestigation ?? false },
        now,
        ruleSetByVersion(p.ruleVersion),
      );
      const eligible = review.eligibility.eligible;
      p.eligibility = { eligible, checks: review.checks, reviewedAt: now.toISOString(), late: isLate(p.eligibilityReviewDueOn, now), replacesGradeId: review.eligibility.eligible ? review.eligibility.replacesGradeId : null };
      p.status = eligible ? 'ELIGIBLE' : 'INELIGIBLE';
      if (eligible && review.eligibility.eligible && review.eligibility.basis === 'RE_EVALUATION') p.kind = 'RE_EVALUATION';
      await tx.publish(EvaluationEligibilityReviewed, { subject: p.uscc, data: { ...base(p), eligible, checks: review.checks, reviewedAt: now.toISOString(), late: p.eligibility.late }, policyVersion: p.ruleVersion });
      return p;
    });
  }

  assignExperts(procedureId: string, experts: { expertId: string; name: string }[], principal: Principal) {
    return this.runner.step(procedureId, principal, 'evaluator', async ({ tx, procedure: p, now }) => {
      assertStatus(p, 'the assignment of the expert group', 'ELIGIBLE');
      const linked = new Set((await this.procedures.expertLinks(tx, p.uscc)).map((l) => l.expertId));
      assertNoConflict(experts, linked, p.uscc);
      p.experts = pseudonymsFor(experts);
      p.assignedAt = now.toISOString();
      p.status = 'EXPERTS_ASSIGNED';
      await tx.publish(EvaluationExpertsAssigned, { subject: p.uscc, data: { ...base(p), experts: p.experts.map((e) => e.pseudonym), assignedAt: p.assignedAt }, policyVersion: p.ruleVersion });
      return p;
    });
  }

  recordFieldAssessment(procedureId: string, summary: string, principal: Principal) {
    return this.runner.step(procedureId, principal, 'evaluator', async ({ tx, procedure: p, now, rules, calendar }) => {
      assertStatus(p, 'the field assessment', 'EXPERTS_ASSIGNED');
      const opinionDue = fieldOpinionDue(now, rules, calendar);
      const report = reportDue(now, rules, calendar);
      // The performance evidence the experts have before them, frozen (issue 12 item 5): later items do not change it.
      const evidence = await this.evidence.freeze(tx, p, now);
      p.fieldAssessment = { assessedAt: now.toISOString(), summary, fieldOpinionDueOn: opinionDue?.lastDay ?? null, reportDueOn: report?.lastDay ?? null, evidence };
      p.status = 'FIELD_ASSESSED';
      const data = { ...base(p), assessedAt: now.toISOString(), late: false, ...(report ? { reportDueOn: report.lastDay } : {}) };
      await tx.publish(EvaluationFieldAssessed, { subject: p.uscc, data, policyVersion: p.ruleVersion });
      return p;
    });
  }

  /** One expert of the group scores every indicator (a later sheet of the same expert replaces the earlier one). */
  recordScoreSheet(procedureId: string, input: { expertId: string; scores: Record<string, number>; bonus?: number }, principal: Principal) {
    return this.runner.step(procedureId, principal, 'evaluator', async ({ tx, procedure: p, now }) => {
      assertStatus(p, 'scoring', 'FIELD_ASSESSED');
      const expert = p.experts.find((e) => e.expertId === input.expertId);
      if (!expert) throw new EvaluationErrors.EXPERT_GROUP_INVALID(`${input.expertId} is not in the expert group of procedure ${p.procedureId}`, { field: 'expertId', rule: 'SCORED_BY_THE_ASSIGNED_GROUP' });
      const framework = await this.framework(p.frameworkVersion);
      const sheet = { expert: expert.pseudonym, scores: input.scores, bonus: input.bonus ?? 0 };
      assertScoreSheet(sheet, framework);
      const evidence = await this.evidence.freeze(tx, p, now);
      p.sheets = [...p.sheets.filter((s) => s.expertId !== expert.expertId), { ...sheet, expertId: expert.expertId, scoredAt: now.toISOString(), evidence }];
      const scores = Object.entries(sheet.scores).map(([indicator, points]) => ({ indicator, points }));
      await tx.publish(EvaluationIndicatorsScored, { subject: p.uscc, data: { ...base(p), expert: expert.pseudonym, scores, bonus: sheet.bonus, scoredAt: now.toISOString() }, policyVersion: p.ruleVersion });
      return p;
    });
  }

  /** The expert group's opinion: every expert has scored; the total by MEAN_PER_INDICATOR@v1; the grade it earns under the cut-offs. */
  givePreliminaryOpinion(procedureId: string, opinion: string, principal: Principal) {
    return this.runner.step(procedureId, principal, 'evaluator', async ({ tx, procedure: p, now }) => {
      assertStatus(p, 'the preliminary opinion', 'FIELD_ASSESSED');
      const missing = p.experts.filter((e) => !p.sheets.some((s) => s.expertId === e.expertId));
      if (missing.length > 0)
        throw new EvaluationErrors.PROCEDURE_STEP_OUT_OF_ORDER(`${missing.map((e) => e.pseudonym).join(', ')} has not scored the indicators yet`, { field: 'procedureId', rule: 'EVERY_EXPERT_SCORED' });
      const framework = await this.framework(p.frameworkVersion);
      const aggregation = aggregate([...p.sheets].sort((a, b) => a.expert.localeCompare(b.expert)), framework);
      const { rules, localVersion } = resolveRules(ruleSetByVersion(p.ruleVersion), now, p.evaluatingAuthority, await this.ruleSets.versions(tx));
      let proposedGrade = null;
      try {
        proposedGrade = gradeForScore(aggregation.total, rules);
      } catch (err) {
        if (!(err instanceof EvaluationErrors.SCORE_BELOW_LOWEST_GRADE)) throw err; // below every cut-off: no grade proposed
      }
      const opinionLate = isLate(p.fieldAssessment?.fieldOpinionDueOn ?? null, now);
      p.opinion = { aggregation, proposedGrade, localRuleVersion: localVersion, opinion, givenAt: now.toISOString(), late: opinionLate };
      p.status = 'OPINION_GIVEN';
      const data: EvaluationPreliminaryOpinionGivenV1 = { ...base(p), aggregation: aggregation.method, total: aggregation.total, opinion, givenAt: now.toISOString(), late: opinionLate };
      if (proposedGrade) data.proposedGrade = proposedGrade;
      await tx.publish(EvaluationPreliminaryOpinionGiven, { subject: p.uscc, data, policyVersion: p.ruleVersion });
      return p;
    });
  }

  private async framework(version: string) {
    const found = (await this.frameworks.versions(null)).find((f) => frameworkVersionOf(f) === version);
    if (!found) throw new EvaluationErrors.NO_FRAMEWORK(`indicator framework ${version} is not stored`, { field: 'frameworkVersion', rule: 'FRAMEWORK_OF_THE_PROCEDURE' });
    return found;
  }
}
