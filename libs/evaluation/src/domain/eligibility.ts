import { civilDateOf, civilYearOf, compareCivilDates, startOfCivilDay, type CivilDate } from '@sop/util';
import { EvaluationErrors } from './evaluation.errors';
import { ruleVersionOf, type EvaluationRuleSet } from './evaluation-rules';
import { currentGrade, type GradeRecord } from './grade';
import type { RegistrationStatus } from './registration-status';
import { anniversaryOf } from './validity';

/**
 * Evaluation eligibility starts after 2 full years of registration (社会组织评估管理办法, Order 39 Art. 6;
 * regulations §6). The rule set carries the number; this constant is the default of both rule sets.
 */
export const YEARS_REGISTERED_BEFORE_EVALUATION = 2;

/**
 * The first Beijing date on which the organization has been registered for `years` full years: the anniversary of
 * its Beijing registration date. Like a grade's validity (validity.ts), the years are a span of dates that includes
 * the day of the event, so they are complete at 24:00 Beijing time on the day before the anniversary and the
 * organization is eligible from 00:00 Beijing time on the anniversary. Registered 2026-11-25 at 16:00 Beijing time
 * (08:00Z) → eligible on 2028-11-25, from 2028-11-24T16:00Z; registered at 00:30 Beijing time on 2026-11-26
 * (2026-11-25T16:30Z) → eligible on 2028-11-26. Nothing is moved off a rest day (Art. 203 is for acting within a
 * period; this is a length of existence), so no official calendar is needed.
 */
export function eligibleForEvaluationOn(registeredAt: Date, years: number = YEARS_REGISTERED_BEFORE_EVALUATION): CivilDate {
  return anniversaryOf(civilDateOf(registeredAt), years);
}

/** 00:00 Beijing time on `eligibleForEvaluationOn` (16:00Z the day before), the instant stored and shown. */
export function eligibleForEvaluationFrom(registeredAt: Date, years: number = YEARS_REGISTERED_BEFORE_EVALUATION): Date {
  return startOfCivilDay(eligibleForEvaluationOn(registeredAt, years));
}

export type EligibilityBasis = 'FIRST_EVALUATION' | 'NO_GRADE_IN_FORCE' | 'RE_EVALUATION';

/** The condition a refusal names (`rule`), with the rule set's version beside it (`ruleVersion`). */
export type EligibilityRule =
  | 'ORGANIZATION_NOT_ACTIVE'
  | 'REGISTERED_TWO_FULL_YEARS'
  | 'CREDIT_MEASURE_NO_EVALUATION'
  /** Order 39 Art. 7: last year's inspection (annual report) missed. */
  | 'ANNUAL_INSPECTION_MISSED_LAST_YEAR'
  /** Order 39 Art. 7: last year's inspection failed. */
  | 'ANNUAL_INSPECTION_FAILED_LAST_YEAR'
  /** Order 39 Art. 7: basic pass two years running. */
  | 'ANNUAL_INSPECTION_BASIC_PASS_YEARS_RUNNING'
  /** Order 39 Art. 7: an administrative penalty last year. */
  | 'ADMINISTRATIVE_PENALTY_LAST_YEAR'
  /** Order 39 Art. 7: under investigation by government or judicial organs. */
  | 'UNDER_INVESTIGATION'
  | 'PREVIOUS_GRADE_STILL_VALID'
  | 'RE_EVALUATION_WITHIN_FOUR_YEARS';

/** Annual-inspection conclusions (regulations §4: 合格 / 基本合格 / 不合格), as registration's AnnualReportReviewed reports them. */
export type AnnualInspectionOutcome = 'PASS' | 'BASIC_PASS' | 'FAIL';

/** One report year of an organization as registration reported it. */
export interface AnnualReportFact {
  /** The year the report covers (the inspection of that year is concluded the year after, §4). */
  reportYear: number;
  /** The registration authority's conclusion; null while not concluded. */
  outcome: AnnualInspectionOutcome | null;
  /** Not submitted by the deadline (AnnualReportOverdue). */
  overdue: boolean;
}

/** A penalty credit supervision recorded (credit.penalty.recorded). */
export interface PenaltyFact {
  penaltyId: string;
  /** WARNING, FINE, SUSPENSION, REVOCATION */
  kind: string;
  amountFen: number | null;
  decidedAt: Date;
}

export type Eligibility =
  | { eligible: true; basis: EligibilityBasis; replacesGradeId: string | null; ruleVersion: string }
  | {
      eligible: false;
      /** Always EvaluationErrors.NOT_ELIGIBLE's code; `rule` says which condition failed. */
      code: string;
      field: string;
      rule: EligibilityRule;
      message: string;
      ruleVersion: string;
    };

export interface EligibilityFacts {
  registeredAt: Date;
  /** As last reported by registration (OrganizationRevoked / OrganizationDeregistered end it). */
  registrationStatus: RegistrationStatus;
  /** When the registration was revoked or deregistered (null while ACTIVE). */
  registrationStatusAt?: Date | null;
  /** Every grade the organization ever had (any status). */
  grades: readonly GradeRecord[];
  /** The credit joint measures now in force for it (regulations §5.3), as last received. */
  measures: readonly string[];
  /** Annual-report outcomes and defaults reported by registration (Order 39 Art. 7). Absent: none known. */
  annualReports?: readonly AnnualReportFact[];
  /** Penalties recorded by credit supervision (Order 39 Art. 7). Absent: none known. */
  penalties?: readonly PenaltyFact[];
  /** Under investigation by government or judicial organs (Order 39 Art. 7): no event carries it. Absent: false. */
  underInvestigation?: boolean;
}

/**
 * May the organization be graded at `at` under `rules` (regulations §6)?
 *  - still registered: a revoked or deregistered organization is not evaluated (checked first);
 *  - registered ≥ 2 full years (Order 39 Art. 6);
 *  - not under a barring credit measure (NO_EVALUATION: abnormal or serious list, national rules 2021);
 *  - none of the Order 39 Art. 7 facts the rule set keeps (see notEvaluatedRefusal);
 *  - Order 39: never graded, or no grade in force any more (5-year validity expired, or cancelled);
 *  - 2026 measures: a grade in force may be replaced by re-evaluation within the first 4 years of its validity.
 */
export function assessEligibility(facts: EligibilityFacts, at: Date, rules: EvaluationRuleSet): Eligibility {
  const ruleVersion = ruleVersionOf(rules);
  const refuse = (rule: Extract<Eligibility, { eligible: false }>['rule'], field: string, message: string): Eligibility => ({ eligible: false, code: EvaluationErrors.NOT_ELIGIBLE.definition.code, field, rule, message, ruleVersion });

  if (facts.registrationStatus !== 'ACTIVE') {
    const since = facts.registrationStatusAt ? ` on ${facts.registrationStatusAt.toISOString()}` : '';
    const what = facts.registrationStatus === 'REVOKED' ? "the organization's registration was revoked" : 'the organization was deregistered';
    return refuse('ORGANIZATION_NOT_ACTIVE', 'uscc', `${what}${since}; only registered organizations are evaluated (regulations §6, Order 39 Art. 6)`);
  }
  // Compared as Beijing dates: the decision's day against the first eligible day.
  const date = civilDateOf(at);
  const from = eligibleForEvaluationOn(facts.registeredAt, rules.minimumYearsRegistered);
  if (compareCivilDates(date, from) < 0) {
    return refuse(
      'REGISTERED_TWO_FULL_YEARS',
      'announcedAt',
      `registered on ${civilDateOf(facts.registeredAt)} (Beijing; ${facts.registeredAt.toISOString()}); evaluation needs ${rules.minimumYearsRegistered} full years of registration, i.e. from ${from} (00:00 Beijing time, ${startOfCivilDay(from).toISOString()}) (regulations §6, Order 39 Art. 6)`,
    );
  }
  const barring = facts.measures.filter((m) => rules.barringMeasures.includes(m));
  if (barring.length > 0) {
    return refuse('CREDIT_MEASURE_NO_EVALUATION', 'uscc', `the organization is under the credit joint measure ${barring.join(', ')} (abnormal or serious list) and is not evaluated (regulations §6, national rules 2021; §5.3)`);
  }
  const barred = notEvaluatedRefusal(facts, date, rules);
  if (barred) return refuse(barred.rule, 'uscc', barred.message);
  const current = currentGrade(facts.grades, date);
  if (!current) {
    return { eligible: true, basis: facts.grades.length === 0 ? 'FIRST_EVALUATION' : 'NO_GRADE_IN_FORCE', replacesGradeId: null, ruleVersion };
  }
  if (!rules.reEvaluation) {
    return refuse('PREVIOUS_GRADE_STILL_VALID', 'uscc', `grade ${current.grade} (${current.gradeId}) is valid until ${current.validUntil}; a new evaluation needs the previous grade's validity to have expired (regulations §6, Order 39 Art. 6)`);
  }
  // "Within the first 4 years of validity": the first 4 years of the validity's span of dates, i.e. until the day
  // before the 4th anniversary of validFrom (Beijing dates; 2027-01-01 → through 2030-12-31). A grade announced
  // but not yet valid (2026 validity starts on 1 January) is inside the window too. Like the validity it is part
  // of, the window is a span of dates, not a period counted from an event: no Art. 203 move off rest days (that
  // would also push it into the fifth year, which the measures exclude).
  const windowEnds = anniversaryOf(current.validFrom, rules.reEvaluation.withinYearsOfValidity);
  if (compareCivilDates(date, windowEnds) >= 0) {
    return refuse(
      'RE_EVALUATION_WITHIN_FOUR_YEARS',
      'announcedAt',
      `grade ${current.grade} (${current.gradeId}) has been valid since ${current.validFrom}; re-evaluation may be requested only within the first ${rules.reEvaluation.withinYearsOfValidity} years of validity (before ${windowEnds}) (regulations §6, 2026 measures)`,
    );
  }
  return { eligible: true, basis: 'RE_EVALUATION', replacesGradeId: current.gradeId, ruleVersion };
}

/**
 * Order 39 Art. 7 (regulations §6 "Not evaluated"; §4 "evaluation: no grading if last year's inspection was missed or
 * failed, or basic pass 2 years running"), as the rule set in force keeps it (the 2026 measures relax it, see
 * NotEvaluatedRules). Years are Beijing years: "last year" is the year before the Beijing year of `date`, and last
 * year's inspection is the annual report of that year. A report concluded after it was overdue counts by its
 * conclusion (the organization took part, late); overdue and never concluded counts as missed.
 */
export function notEvaluatedRefusal(facts: EligibilityFacts, date: CivilDate, rules: EvaluationRuleSet): { rule: EligibilityRule; message: string } | null {
  const bars = rules.notEvaluated;
  const lastYear = civilYearOf(date) - 1;
  const reports = facts.annualReports ?? [];
  const reportOf = (year: number) => reports.find((r) => r.reportYear === year);
  const last = reportOf(lastYear);
  const cite = '(regulations §6, Order 39 Art. 7)';
  if (bars.missedLastYearsInspection && last && last.overdue && last.outcome === null) {
    return { rule: 'ANNUAL_INSPECTION_MISSED_LAST_YEAR', message: `the annual report for ${lastYear} was not submitted by its deadline (annual inspection missed); an organization that missed last year's inspection is not evaluated ${cite}` };
  }
  if (bars.failedLastYearsInspection && last?.outcome === 'FAIL') {
    return { rule: 'ANNUAL_INSPECTION_FAILED_LAST_YEAR', message: `the annual inspection for ${lastYear} was concluded FAIL; an organization that failed last year's inspection is not evaluated ${cite}` };
  }
  const running = bars.basicPassYearsRunning;
  if (running !== null && running > 0) {
    const years = Array.from({ length: running }, (_, i) => lastYear - running + 1 + i);
    if (years.every((y) => reportOf(y)?.outcome === 'BASIC_PASS')) {
      return { rule: 'ANNUAL_INSPECTION_BASIC_PASS_YEARS_RUNNING', message: `the annual inspections for ${years.join(' and ')} were each concluded BASIC_PASS; basic pass ${running} years running bars evaluation ${cite}` };
    }
  }
  const barring = (facts.penalties ?? []).filter(
    (p) =>
      civilYearOf(civilDateOf(p.decidedAt)) === lastYear &&
      (bars.penaltyLastYear.kinds.includes(p.kind) || (p.kind === 'FINE' && bars.penaltyLastYear.fineFromFen !== null && (p.amountFen ?? 0) >= bars.penaltyLastYear.fineFromFen)),
  );
  if (barring.length > 0) {
    const which = barring.map((p) => `${p.kind}${p.amountFen ? ` ${p.amountFen} fen` : ''} decided ${civilDateOf(p.decidedAt)} (${p.penaltyId})`).join('; ');
    return { rule: 'ADMINISTRATIVE_PENALTY_LAST_YEAR', message: `administrative penalty in ${lastYear} (Beijing): ${which}; an organization penalized last year is not evaluated ${cite}` };
  }
  if (bars.underInvestigation && facts.underInvestigation) {
    return { rule: 'UNDER_INVESTIGATION', message: `the organization is under investigation by government or judicial organs and is not evaluated ${cite}` };
  }
  return null;
}
