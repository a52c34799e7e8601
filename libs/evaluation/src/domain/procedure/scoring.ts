import { EvaluationErrors } from '../evaluation.errors';
import { indicatorsOf, type IndicatorFrameworkVersion } from './indicator-frameworks';

/** One expert's score sheet: whole points per indicator of the framework, and the local bonus. */
export interface ScoreSheet {
  /** Pseudonym ("expert 1"): the identity stays with the committee (procedure record). */
  expert: string;
  scores: Record<string, number>;
  bonus: number;
}

/**
 * Every indicator of the framework scored once, in whole points from 0 to its maximum; no unknown indicator; the
 * bonus 0..framework.maxBonus. Throws SCORE_SHEET_INVALID naming the indicator and the rule.
 */
export function assertScoreSheet(sheet: ScoreSheet, framework: IndicatorFrameworkVersion): void {
  const indicators = indicatorsOf(framework);
  const known = new Set(indicators.map((i) => i.code));
  for (const code of Object.keys(sheet.scores))
    if (!known.has(code)) throw new EvaluationErrors.SCORE_SHEET_INVALID(`${code} is not an indicator of ${framework.ruleSetId}@v${framework.version}`, { field: `scores.${code}`, rule: 'INDICATOR_OF_THE_FRAMEWORK' });
  for (const i of indicators) {
    const points = sheet.scores[i.code];
    if (points === undefined) throw new EvaluationErrors.SCORE_SHEET_INVALID(`indicator ${i.code} (${i.name}) is not scored; every indicator is`, { field: `scores.${i.code}`, rule: 'EVERY_INDICATOR_SCORED' });
    if (!Number.isInteger(points) || points < 0 || points > i.max)
      throw new EvaluationErrors.SCORE_SHEET_INVALID(`indicator ${i.code} (${i.name}): ${points} points; whole points from 0 to its maximum ${i.max}`, { field: `scores.${i.code}`, rule: 'AT_MOST_THE_INDICATOR_MAXIMUM' });
  }
  if (!Number.isInteger(sheet.bonus) || sheet.bonus < 0 || sheet.bonus > framework.maxBonus)
    throw new EvaluationErrors.SCORE_SHEET_INVALID(`bonus ${sheet.bonus}: whole points from 0 to the framework's local bonus ${framework.maxBonus} (regulations §6 Scoring)`, { field: 'bonus', rule: 'AT_MOST_THE_LOCAL_BONUS' });
}

/** The documented aggregation; a stored result names it, so the same sheets always give the same total. */
export const AGGREGATION_METHOD = 'MEAN_PER_INDICATOR';
export const AGGREGATION_VERSION = 1;
export const AGGREGATION = `${AGGREGATION_METHOD}@v${AGGREGATION_VERSION}`;

export interface Aggregation {
  method: string;
  /** Per indicator: the mean across experts, to two decimals (display; the total uses the exact sums). */
  indicators: { code: string; max: number; mean: number }[];
  bonusMean: number;
  /** Σ means + mean bonus, exact, before rounding (two decimals). */
  exactTotal: number;
  /** The total the committee and the cut-offs use: the exact total rounded half up to a whole point. */
  total: number;
  experts: number;
}

const twoDecimals = (numerator: number, denominator: number) => Math.round((numerator * 100) / denominator) / 100;

/**
 * MEAN_PER_INDICATOR@v1: for each indicator the mean of the experts' points; the total is the sum of those means
 * plus the mean bonus, computed exactly in integers (Σ all points / number of experts) and rounded half up to a
 * whole point (the cut-offs and GradeAwarded take whole points). Independent of the order of the sheets.
 */
export function aggregate(sheets: readonly ScoreSheet[], framework: IndicatorFrameworkVersion): Aggregation {
  if (sheets.length === 0) throw new EvaluationErrors.PROCEDURE_STEP_OUT_OF_ORDER('no expert has scored the indicators yet', { field: 'scores', rule: 'EVERY_EXPERT_SCORED' });
  const n = sheets.length;
  const indicators = indicatorsOf(framework).map((i) => {
    const sum = sheets.reduce((s, sheet) => s + sheet.scores[i.code], 0);
    return { code: i.code, max: i.max, sum };
  });
  const bonusSum = sheets.reduce((s, sheet) => s + sheet.bonus, 0);
  const grand = indicators.reduce((s, i) => s + i.sum, 0) + bonusSum;
  return {
    method: AGGREGATION,
    indicators: indicators.map((i) => ({ code: i.code, max: i.max, mean: twoDecimals(i.sum, n) })),
    bonusMean: twoDecimals(bonusSum, n),
    exactTotal: twoDecimals(grand, n),
    total: Math.floor((2 * grand + n) / (2 * n)), // round half up of grand / n, in integers
    experts: n,
  };
}
