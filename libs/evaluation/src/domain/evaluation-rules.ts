/**
 * Evaluation rules as versioned data (ARCHITECTURE "Rules as data"). Every grade decision records the id@version
 * of the rule set in force at its announcement, so a later rule change never rewrites an awarded grade. Source of
 * every number: ../../../../shared/domain/regulations.md §6 (社会组织评估管理办法, MCA Order 39, 2010, and the 2026
 * replacement [S15]).
 */
import { EVALUATION_GRADES, GRADE_ADJUSTMENT_REASONS, type EvaluationGrade } from '@sop/contracts';
import { civilDate, civilDateOf, compareCivilDates, startOfCivilDay, type CivilDate } from '@sop/util';

export { EVALUATION_GRADES, GRADE_ADJUSTMENT_REASONS, type EvaluationGrade };
export type GradeAdjustmentReason = (typeof GRADE_ADJUSTMENT_REASONS)[number];

/** How a grade's validity is computed from its announcement date. */
export type ValidityRule =
  /** Order 39 Art. 28: 5 years from the announcement (validUntil = the day before the 5th anniversary). */
  | { kind: 'FROM_ANNOUNCEMENT'; years: number }
  /** 2026 measures: 1 January of the year after the announcement to 31 December of the `years`-th year. */
  | { kind: 'CALENDAR_YEARS_AFTER_ANNOUNCEMENT'; years: number };

/**
 * Order 39 Art. 7 (regulations §6 "Not evaluated"): the facts of last year that bar an evaluation. "Last year" is the
 * Beijing year before the Beijing year of the decision; "last year's inspection" is the annual inspection (annual
 * report) of that year (the report due in the decision's year, §4). The 2026 measures relax these (§6 "2026
 * revision": failed / basic-pass inspections, pending investigations and minor penalties no longer bar evaluation).
 */
export interface NotEvaluatedRules {
  /** Last year's annual report not submitted by its deadline (AnnualReportOverdue) and not concluded since. */
  missedLastYearsInspection: boolean;
  /** Last year's annual report concluded FAIL. */
  failedLastYearsInspection: boolean;
  /** BASIC_PASS this many report years running, ending with last year; null: no such bar. */
  basicPassYearsRunning: number | null;
  /**
   * Penalties decided last year that bar: every kind in `kinds`, and a FINE of `fineFromFen` or more (null: a fine
   * bars only when FINE is in `kinds`).
   */
  penaltyLastYear: { kinds: readonly string[]; fineFromFen: number | null };
  /** Under investigation by government or judicial organs (an officer-set fact: no event carries it). */
  underInvestigation: boolean;
}

export interface GradeCutOff {
  grade: EvaluationGrade;
  /** Lowest total (inclusive) that earns the grade. */
  minScore: number;
}

export interface EvaluationRuleSet {
  id: string;
  version: number;
  /**
   * The Beijing civil date (YYYY-MM-DD) from which the rule set applies, inclusive: from 00:00 Beijing time that day
   * ("effective 2026-03-01" applies from 2026-02-28T16:00Z).
   */
  effectiveFrom: CivilDate;
  source: string;
  /** §6 Eligibility: registered ≥ 2 full years (Order 39 Art. 6). */
  minimumYearsRegistered: number;
  validity: ValidityRule;
  /**
   * Re-evaluation while a grade is valid: null = not allowed (Order 39 Art. 6: only once the 5-year validity has
   * expired); otherwise allowed within the first `withinYearsOfValidity` years of the current grade's validity.
   */
  reEvaluation: { withinYearsOfValidity: number } | null;
  /** Credit joint measures (regulations §5.3) under which an organization is not evaluated. */
  barringMeasures: readonly string[];
  /** §6 "Not evaluated" (Order 39 Art. 7): the annual-inspection, penalty and investigation bars of the rule set. */
  notEvaluated: NotEvaluatedRules;
  /** Credit joint measures that open a verification case for a grade in force (never an automatic downgrade). */
  verificationMeasures: readonly string[];
  /** §6 Scoring: 1,000-point scale, some localities add up to 100 bonus points. */
  scale: { base: number; maxBonus: number };
  /**
   * Highest grade first. Below the last cut-off: no grade. Empty in the national defaults: regulations §6 Scoring —
   * "Grade cut-offs are set locally ... National cut-offs: UNCONFIRMED" — so a jurisdiction's local version supplies
   * them (local-rule-sets.ts, issue §2 "local rules are local").
   */
  cutOffs: readonly GradeCutOff[];
  /** Reasons for which a grade in force may be lowered or cancelled (§6 Downgrade/cancellation). */
  adjustmentReasons: readonly GradeAdjustmentReason[];
  /**
   * §6 Downgrade/cancellation: days after the notice of a lowering or cancellation within which the organization
   * returns certificate and plaque (a Civil Code period in days, see certificate-return.ts).
   */
  certificateReturnDays: number;
  /** §6 Bodies: the committee's final meeting needs ≥ 2/3 present and a majority of ALL members in favour. */
  committee: { quorumNumerator: number; quorumDenominator: number; majorityOfAllMembers: true };
}

const S15 = 'regulations.md §6 — 社会组织评估管理办法 (MCA Order 39, 2010; 2026 replacement) [S15]';

/** MCA Order 39, in force 2011-03-01. */
export const ORDER_39_V1: EvaluationRuleSet = {
  id: 'evaluation/order-39',
  version: 1,
  effectiveFrom: civilDate('2011-03-01'),
  source: S15,
  minimumYearsRegistered: 2, // Art. 6
  validity: { kind: 'FROM_ANNOUNCEMENT', years: 5 }, // Art. 28
  reEvaluation: null, // Art. 6: never evaluated, or the previous grade's validity has expired
  barringMeasures: ['NO_EVALUATION'], // Art. 7 + national rules 2021: abnormal or serious list → not evaluated
  // Art. 7: missed or failed last year's inspection, basic pass 2 years running, penalized last year, under investigation.
  notEvaluated: {
    missedLastYearsInspection: true,
    failedLastYearsInspection: true,
    basicPassYearsRunning: 2,
    penaltyLastYear: { kinds: ['WARNING', 'FINE', 'SUSPENSION', 'REVOCATION'], fineFromFen: null },
    underInvestigation: true,
  },
  // Order 39 has no verification evaluation; the serious list is still "an important reference for cancelling or
  // lowering the grade" (§5.3), so the fact is put before the evaluators as a case.
  verificationMeasures: ['GRADE_DOWNGRADE_REFERENCE'],
  scale: { base: 1000, maxBonus: 100 },
  cutOffs: [], // §6 Scoring: set locally (local-rule-sets.ts); national cut-offs UNCONFIRMED
  // Art. 30 as applied: failed / missed inspection, basic pass 2 years running, penalty; serious list (§5.3);
  // fraud (UNCONFIRMED as to article text); a review committee decision. No verification evaluation before 2026.
  adjustmentReasons: GRADE_ADJUSTMENT_REASONS.filter((r) => r !== 'VERIFICATION_EVALUATION'),
  certificateReturnDays: 15, // "return certificate and plaque within 15 days of notice" (MCA announcements applying Art. 30)
  committee: { quorumNumerator: 2, quorumDenominator: 3, majorityOfAllMembers: true },
};

/** The 2026 社会组织评估管理办法, in force 2026-03-01 (article numbers UNCONFIRMED). */
export const MEASURES_2026_V1: EvaluationRuleSet = {
  id: 'evaluation/measures-2026',
  version: 1,
  effectiveFrom: civilDate('2026-03-01'),
  source: S15,
  minimumYearsRegistered: 2, // eligibility relaxed for inspections and penalties, not for the 2 years
  validity: { kind: 'CALENDAR_YEARS_AFTER_ANNOUNCEMENT', years: 5 },
  reEvaluation: { withinYearsOfValidity: 4 }, // "re-evaluation may be requested within the first 4 years of validity"
  barringMeasures: ['NO_EVALUATION'], // national rules 2021 (abnormal / serious list) still apply
  // §6 2026 revision: "failed/basic-pass inspections, pending investigations and minor penalties no longer bar
  // evaluation". A missed inspection is not among the relaxations, so it still bars. "Minor" is this platform's
  // reading (the 2026 text on it is UNCONFIRMED): a warning, or a fine under RMB 50,000 — the penalties below the
  // serious-list triggers of §5.2 (3: suspension; 4: a fine of RMB 50,000 or more; 7: revocation).
  notEvaluated: {
    missedLastYearsInspection: true,
    failedLastYearsInspection: false,
    basicPassYearsRunning: null,
    penaltyLastYear: { kinds: ['SUSPENSION', 'REVOCATION'], fineFromFen: 5_000_000 },
    underInvestigation: false,
  },
  verificationMeasures: ['GRADE_DOWNGRADE_REFERENCE'], // civil affairs must run a verification evaluation (核查评估)
  scale: { base: 1000, maxBonus: 100 },
  cutOffs: [], // §6 Scoring: set locally (local-rule-sets.ts); national cut-offs UNCONFIRMED
  // Adds the verification evaluation (核查评估) that adjusts grades; review requests move into the committee.
  adjustmentReasons: GRADE_ADJUSTMENT_REASONS,
  certificateReturnDays: 15, // carried over from Order 39 practice; the 2026 text on it is UNCONFIRMED
  // The committee rule of Order 39 is carried over; the 2026 text on quorum and vote is UNCONFIRMED.
  committee: { quorumNumerator: 2, quorumDenominator: 3, majorityOfAllMembers: true },
};

export const EVALUATION_RULE_SETS: readonly EvaluationRuleSet[] = [ORDER_39_V1, MEASURES_2026_V1];

export function ruleVersionOf(rules: EvaluationRuleSet): string {
  return `${rules.id}@v${rules.version}`;
}

/** The rule set in force at `at`: the latest effectiveFrom not after the Beijing date of `at`. */
export function ruleSetAt(at: Date, sets: readonly EvaluationRuleSet[] = EVALUATION_RULE_SETS): EvaluationRuleSet {
  const day = civilDateOf(at);
  const applicable = sets.filter((s) => compareCivilDates(s.effectiveFrom, day) <= 0).sort((a, b) => compareCivilDates(b.effectiveFrom, a.effectiveFrom));
  if (applicable.length === 0) throw new RangeError(`no evaluation rule set in force at ${at.toISOString()}`);
  return applicable[0];
}

/** The instant a rule set starts to apply: 00:00 Beijing time on its effective date. */
export function ruleSetStartsAt(rules: EvaluationRuleSet): Date {
  return startOfCivilDay(rules.effectiveFrom);
}

export function ruleSetByVersion(version: string, sets: readonly EvaluationRuleSet[] = EVALUATION_RULE_SETS): EvaluationRuleSet {
  const found = sets.find((s) => ruleVersionOf(s) === version);
  if (!found) throw new RangeError(`unknown evaluation rule set ${version}`);
  return found;
}

/** Position on the grade ladder, 1A = 1 … 5A = 5 (Order 39 Art. 26). */
export function gradeRank(grade: EvaluationGrade): number {
  return EVALUATION_GRADES.indexOf(grade) + 1;
}

export function isGrade(value: unknown): value is EvaluationGrade {
  return typeof value === 'string' && (EVALUATION_GRADES as readonly string[]).includes(value);
}
