import type { TerminationCause } from '@sop/contracts';
import { addCivilMonths, civilDateOf, compareCivilDates, type CivilDate } from '@sop/util';
import { PurchasingErrors } from '../purchasing.errors';

/**
 * Performance feeds back into eligibility (issue 11 item 5; regulations §7.2 "performance management and acceptance",
 * article-level detail UNCONFIRMED): a rule-set version may bar a supplier for a period after a failed final
 * acceptance or a termination of its contract. Rule data of the version (`performanceBar`); versions without it
 * (the national default, every version published before) apply no bar and their eligibility records are unchanged.
 */
export interface PerformanceBarRule {
  /** Calendar months from the Beijing date of the failure: barred from that date, admitted again on the same date `months` later. */
  months: number;
  /** A failed acceptance of the contract's last milestone, not followed by a passing re-acceptance of it. */
  afterFailedFinalAcceptance: boolean;
  /** A termination of the contract for the supplier's breach (or one recorded before causes were). */
  afterTermination: boolean;
  /**
   * Scoring (optional): points deducted from a bidder's total for each failed acceptance of a milestone (any
   * milestone, not cured by a passing re-acceptance by the deadline) within `months` before the bid deadline. Absent
   * or 0: no deduction. Applied to bidders the bar left eligible.
   */
  scoreDeductionPoints?: number;
  source: string;
  /** The numbers are local practice not confirmed against a published instrument (regulations §7.2). */
  unconfirmed: boolean;
}

/** An example of local practice, as a jurisdiction would publish it (UNCONFIRMED: no national instrument sets it). */
export const LOCAL_PRACTICE_PERFORMANCE_BAR: PerformanceBarRule = {
  months: 12,
  afterFailedFinalAcceptance: true,
  afterTermination: true,
  source: 'local practice: barred for 12 months after a failed final acceptance or a termination for the supplier’s breach (regulations §7.2, UNCONFIRMED)',
  unconfirmed: true,
};

export const PERFORMANCE_FAILURE_KINDS = ['FAILED_FINAL_ACCEPTANCE', 'FAILED_ACCEPTANCE', 'TERMINATION'] as const;
export type PerformanceFailureKind = (typeof PERFORMANCE_FAILURE_KINDS)[number];

/** A failure purchasing recorded itself (its contract and acceptance tables), with the event it committed with. */
export interface PerformanceFailure {
  kind: PerformanceFailureKind;
  contractId: string;
  /** When it happened (acceptedAt / terminatedAt, UTC). */
  at: string;
  /** purchasing.contract.milestone-accepted / purchasing.contract.terminated event id (null when no longer retained). */
  eventId: string | null;
  /** The contract's signing event, so the evidence names the contract's origin. */
  contractEventId: string;
  /** FAILED_(FINAL_)ACCEPTANCE: the milestone, attempt, score, band and the rule version that scored it. */
  acceptance?: { acceptanceId: string; sequence: number; attempt: number; score: number; band: string; ruleVersion: string };
  /** FAILED_FINAL_ACCEPTANCE: when a later attempt on the same milestone passed (cures the failure from then on). */
  curedAt?: string | null;
  /** TERMINATION: the purchaser's reasons. */
  reasons?: string[];
  /** TERMINATION: its cause; null for a termination recorded before causes were (counted, as it was then). */
  cause?: TerminationCause | null;
}

export interface BarringFailure extends PerformanceFailure {
  /** Beijing date of the failure. */
  on: CivilDate;
  /** First Beijing date the supplier is admitted again. */
  admittedFrom: CivilDate;
}

/** Only a termination for the supplier's breach bars it; one for the purchaser's own reasons does not. */
function terminationSpeaksAgainstSupplier(f: PerformanceFailure): boolean {
  return f.cause === undefined || f.cause === null || f.cause === 'SUPPLIER_BREACH';
}

/** The first Beijing date after the bar of a failure at `at`. */
export function barEndsOn(at: Date, rule: PerformanceBarRule): CivilDate {
  return addCivilMonths(civilDateOf(at), rule.months);
}

/**
 * The failures that bar a supplier as of `asOf`: of the kinds the rule names, that happened by `asOf`, whose bar
 * still runs on the Beijing date of `asOf` (from the failure's Beijing date, inclusive, to `admittedFrom`, exclusive)
 * and that a passing re-acceptance had not cured by `asOf`.
 */
export function barringFailures(failures: readonly PerformanceFailure[], rule: PerformanceBarRule, asOf: Date): BarringFailure[] {
  const today = civilDateOf(asOf);
  return failures
    .filter((f) => (f.kind === 'FAILED_FINAL_ACCEPTANCE' ? rule.afterFailedFinalAcceptance : f.kind === 'TERMINATION' ? rule.afterTermination && terminationSpeaksAgainstSupplier(f) : false))
    .filter((f) => Date.parse(f.at) <= asOf.getTime() && !(f.curedAt && Date.parse(f.curedAt) <= asOf.getTime()))
    .map((f) => ({ ...f, on: civilDateOf(new Date(f.at)), admittedFrom: barEndsOn(new Date(f.at), rule) }))
    .filter((f) => compareCivilDates(today, f.admittedFrom) < 0)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The deduction from a bidder's total (scoring), with the failed acceptances it counts. */
export interface ScoreDeduction {
  points: number;
  perFailure: number;
  months: number;
  failures: { kind: PerformanceFailureKind; contractId: string; eventId: string | null; on: CivilDate; sequence: number | null }[];
}

/**
 * Failed acceptances (final or not) within `months` before `asOf` (from the Beijing date `months` earlier, inclusive),
 * not cured by then, each costing `scoreDeductionPoints`; null when the rule deducts nothing or nothing counts.
 */
export function scoreDeduction(failures: readonly PerformanceFailure[], rule: PerformanceBarRule | null, asOf: Date): ScoreDeduction | null {
  const perFailure = rule?.scoreDeductionPoints ?? 0;
  if (!rule || perFailure <= 0) return null;
  const from = addCivilMonths(civilDateOf(asOf), -rule.months);
  const counted = failures
    .filter((f) => f.kind === 'FAILED_ACCEPTANCE' || f.kind === 'FAILED_FINAL_ACCEPTANCE')
    .filter((f) => Date.parse(f.at) <= asOf.getTime() && !(f.curedAt && Date.parse(f.curedAt) <= asOf.getTime()))
    .filter((f) => compareCivilDates(civilDateOf(new Date(f.at)), from) >= 0)
    .map((f) => ({ kind: f.kind, contractId: f.contractId, eventId: f.eventId, on: civilDateOf(new Date(f.at)), sequence: f.acceptance?.sequence ?? null }));
  return counted.length ? { points: perFailure * counted.length, perFailure, months: rule.months, failures: counted } : null;
}

/** A version's bar: whole months 1–60, at least one trigger, a cited source. */
export function assertPerformanceBar(rule: PerformanceBarRule | null | undefined): void {
  if (!rule) return;
  const bad = (field: string, message: string) =>
    new PurchasingErrors.RULE_SET_PERFORMANCE_BAR_INVALID(message, { violations: [{ field: `performanceBar.${field}`, rule: 'a performance bar: 1–60 months, a trigger, a source', message }] });
  if (!Number.isInteger(rule.months) || rule.months < 1 || rule.months > 60) throw bad('months', 'months is an integer 1–60');
  if (!rule.afterFailedFinalAcceptance && !rule.afterTermination) throw bad('afterFailedFinalAcceptance', 'at least one trigger (failed final acceptance or termination)');
  if (!rule.source.trim()) throw bad('source', 'the bar cites its source');
  const d = rule.scoreDeductionPoints;
  if (d !== undefined && d !== null && !(Number.isInteger(d) && d >= 0 && d <= 20)) throw bad('scoreDeductionPoints', 'scoreDeductionPoints is an integer 0–20');
}
