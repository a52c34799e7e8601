import { civilDateOf } from '@sop/util';
import { assertCommitteeDecision, type CommitteeVote } from './committee';
import { assessEligibility, type EligibilityBasis, type EligibilityFacts } from './eligibility';
import { EvaluationErrors } from './evaluation.errors';
import { gradeRank, isGrade, ruleVersionOf, type EvaluationGrade, type EvaluationRuleSet, type GradeAdjustmentReason } from './evaluation-rules';
import type { GradeRecord } from './grade';
import { gradeForScore } from './grading';
import { validityOf, type Validity } from './validity';

export interface AwardInput {
  score: number;
  announcedAt: Date;
  committee: CommitteeVote;
}

export interface AwardDecision extends Validity {
  grade: EvaluationGrade;
  basis: EligibilityBasis;
  replacesGradeId: string | null;
  ruleVersion: string;
}

/**
 * The committee's grade, checked against the rule set in force at the announcement (regulations §6): the
 * organization's eligibility, the committee's quorum and majority, the score's grade under the cut-offs, and the
 * validity. Throws an EvaluationErrors class naming the field and the rule when the grade cannot be awarded.
 */
export function decideAward(facts: EligibilityFacts, input: AwardInput, rules: EvaluationRuleSet): AwardDecision {
  const latest = facts.grades.map((g) => g.announcedAt).sort().pop();
  if (latest && latest >= input.announcedAt.toISOString()) {
    throw new EvaluationErrors.ANNOUNCEMENT_OUT_OF_ORDER(`the organization already has a grade announced at ${latest}; a new grade is announced after it`, { field: 'announcedAt', rule: 'ANNOUNCEMENTS_IN_ORDER' });
  }
  // The procedure's order (§6): eligibility is checked before the field assessment and the committee's vote.
  const eligibility = assessEligibility(facts, input.announcedAt, rules);
  if (!eligibility.eligible) throw new EvaluationErrors.NOT_ELIGIBLE(eligibility.message, { field: eligibility.field, rule: eligibility.rule });
  assertCommitteeDecision(input.committee, rules);
  const grade = gradeForScore(input.score, rules);
  return { grade, ...validityOf(input.announcedAt, rules), basis: eligibility.basis, replacesGradeId: eligibility.replacesGradeId, ruleVersion: ruleVersionOf(rules) };
}

export interface AdjustmentInput {
  /** Absent: the grade is cancelled. */
  newGrade?: string | null;
  reason: string;
  effectiveAt: Date;
}

export interface AdjustmentDecision {
  previousGrade: EvaluationGrade;
  newGrade: EvaluationGrade | null;
  reason: GradeAdjustmentReason;
  /** The grade's status afterwards: lowered grades stay ACTIVE with the lower grade. */
  status: 'ACTIVE' | 'CANCELLED';
  ruleVersion: string;
}

/**
 * Lowering or cancelling a grade in force before its validity ends (regulations §6 Downgrade/cancellation; 2026
 * verification evaluation). The new grade must be strictly lower; the reason must be one the rule set admits.
 */
export function decideAdjustment(grade: GradeRecord, input: AdjustmentInput, rules: EvaluationRuleSet): AdjustmentDecision {
  const ruleVersion = ruleVersionOf(rules);
  if (!(rules.adjustmentReasons as readonly string[]).includes(input.reason)) {
    throw new EvaluationErrors.ADJUSTMENT_REASON_NOT_ADMITTED(
      `${input.reason} is not a reason for lowering or cancelling a grade under ${ruleVersion} (admitted: ${rules.adjustmentReasons.join(', ')}; regulations §6)`,
      { field: 'reason', rule: 'ADJUSTMENT_REASONS' },
    );
  }
  if (input.effectiveAt.toISOString() < grade.announcedAt) {
    throw new EvaluationErrors.ADJUSTMENT_BEFORE_ANNOUNCEMENT(`grade ${grade.gradeId} was announced at ${grade.announcedAt}`, { field: 'effectiveAt', rule: 'ADJUSTS_A_GRADE_IN_FORCE' });
  }
  if (grade.status !== 'ACTIVE' || grade.validUntil < civilDateOf(input.effectiveAt)) {
    const why = grade.status !== 'ACTIVE' ? `is ${grade.status}` : `expired on ${grade.validUntil}`;
    throw new EvaluationErrors.GRADE_NOT_IN_FORCE(`grade ${grade.gradeId} ${why}; only a grade in force is lowered or cancelled`, { field: 'gradeId', rule: 'ADJUSTS_A_GRADE_IN_FORCE' });
  }
  let newGrade: EvaluationGrade | null = null;
  if (input.newGrade !== undefined && input.newGrade !== null) {
    if (!isGrade(input.newGrade)) throw new EvaluationErrors.GRADE_UNKNOWN(`${input.newGrade} is not a grade (1A-5A, Order 39 Art. 26)`, { field: 'newGrade', rule: 'GRADES_1A_TO_5A' });
    if (gradeRank(input.newGrade) >= gradeRank(grade.grade)) {
      throw new EvaluationErrors.ADJUSTMENT_NOT_LOWER(`${input.newGrade} is not lower than the grade in force ${grade.grade}; an adjustment lowers or cancels (a higher grade needs a (re-)evaluation)`, {
        field: 'newGrade',
        rule: 'LOWERING_ONLY',
      });
    }
    newGrade = input.newGrade;
  }
  return { previousGrade: grade.grade, newGrade, reason: input.reason as GradeAdjustmentReason, status: newGrade ? 'ACTIVE' : 'CANCELLED', ruleVersion };
}

/**
 * Should a change of the organization's credit joint measures open a verification case (核查评估, 2026 measures;
 * under Order 39 the serious list is "an important reference for lowering or cancelling", §5.3)? Only when a
 * measure of the rule set's verification list is present and the organization has a grade in force. The grade is
 * never lowered automatically: the evaluators decide after verifying.
 */
export function verificationNeeded(measures: readonly string[], current: GradeRecord | null, rules: EvaluationRuleSet): string[] {
  if (!current) return [];
  return measures.filter((m) => rules.verificationMeasures.includes(m));
}
