import { civilDateOf } from '@sop/util';
import { assessEligibility, eligibleForEvaluationOn, notEvaluatedRefusal, type Eligibility, type EligibilityFacts, type EligibilityRule } from '../eligibility';
import type { EvaluationRuleSet, NotEvaluatedRules } from '../evaluation-rules';
import { currentGrade } from '../grade';

export interface EligibilityCheck {
  rule: EligibilityRule | 'NOT_EVALUATED_BARS';
  passed: boolean;
  evidence: string;
}

export interface EligibilityReview {
  eligibility: Eligibility;
  checks: EligibilityCheck[];
}

const NO_BARS: NotEvaluatedRules = { missedLastYearsInspection: false, failedLastYearsInspection: false, basicPassYearsRunning: null, penaltyLastYear: { kinds: [], fineFromFen: null }, underInvestigation: false };

/**
 * The eligibility review of the procedure (regulations §6 step 2), rule by rule: each condition of eligibility.ts
 * evaluated on its own with its evidence, so the record shows every pass and every fail (assessEligibility stops at
 * the first). The verdict is assessEligibility's own; the checklist agrees with it by construction (a check fails
 * exactly when that rule alone would refuse).
 */
export function reviewEligibility(facts: EligibilityFacts, at: Date, rules: EvaluationRuleSet): EligibilityReview {
  const date = civilDateOf(at);
  const checks: EligibilityCheck[] = [];
  checks.push({ rule: 'ORGANIZATION_NOT_ACTIVE', passed: facts.registrationStatus === 'ACTIVE', evidence: `registration status ${facts.registrationStatus}` });
  const from = eligibleForEvaluationOn(facts.registeredAt, rules.minimumYearsRegistered);
  checks.push({ rule: 'REGISTERED_TWO_FULL_YEARS', passed: from <= date, evidence: `registered on ${civilDateOf(facts.registeredAt)}; ${rules.minimumYearsRegistered} full years from ${from}` });
  const barring = facts.measures.filter((m) => rules.barringMeasures.includes(m));
  checks.push({ rule: 'CREDIT_MEASURE_NO_EVALUATION', passed: barring.length === 0, evidence: facts.measures.length ? `credit measures in force: ${facts.measures.join(', ')}` : 'no credit joint measure in force' });
  // Each Art. 7 bar the rule set keeps, alone: the rule set with only that bar switched on.
  const bars = rules.notEvaluated;
  const single: [EligibilityRule, Partial<NotEvaluatedRules>, boolean][] = [
    ['ANNUAL_INSPECTION_MISSED_LAST_YEAR', { missedLastYearsInspection: true }, bars.missedLastYearsInspection],
    ['ANNUAL_INSPECTION_FAILED_LAST_YEAR', { failedLastYearsInspection: true }, bars.failedLastYearsInspection],
    ['ANNUAL_INSPECTION_BASIC_PASS_YEARS_RUNNING', { basicPassYearsRunning: bars.basicPassYearsRunning }, bars.basicPassYearsRunning !== null],
    ['ADMINISTRATIVE_PENALTY_LAST_YEAR', { penaltyLastYear: bars.penaltyLastYear }, true],
    ['UNDER_INVESTIGATION', { underInvestigation: true }, bars.underInvestigation],
  ];
  for (const [rule, only, kept] of single) {
    if (!kept) continue;
    const refusal = notEvaluatedRefusal(facts, date, { ...rules, notEvaluated: { ...NO_BARS, ...only } });
    checks.push({ rule, passed: refusal === null, evidence: refusal?.message ?? `not found (${rule}, Order 39 Art. 7 as ${rules.id} keeps it)` });
  }
  // The grade in force: assessEligibility on facts that pass every other condition.
  const gradeOnly = assessEligibility(
    { registeredAt: new Date(0), registrationStatus: 'ACTIVE', grades: facts.grades, measures: [], annualReports: [], penalties: [], underInvestigation: false },
    at,
    { ...rules, minimumYearsRegistered: 0, notEvaluated: NO_BARS },
  );
  const current = currentGrade(facts.grades, date);
  const gradeRule: EligibilityRule = rules.reEvaluation ? 'RE_EVALUATION_WITHIN_FOUR_YEARS' : 'PREVIOUS_GRADE_STILL_VALID';
  checks.push({
    rule: gradeRule,
    passed: gradeOnly.eligible,
    evidence: gradeOnly.eligible ? (current ? `re-evaluation of grade ${current.grade} (${current.gradeId}), valid from ${current.validFrom}` : 'no grade in force') : gradeOnly.message,
  });
  return { eligibility: assessEligibility(facts, at, rules), checks };
}
