import { EVALUATION_GRADES, type EvaluationGrade } from '@sop/contracts';
import { civilDate, civilDateOf, compareCivilDates, mostSpecificVersionInForce, type JurisdictionRuleVersion } from '@sop/util';
import { FunctionTransferErrors } from './function-transfer.errors';

/**
 * The rules of the transfer of government functions, kept as versioned data per jurisdiction (regulations §8): the
 * qualification rules of civil affairs' catalogue of eligible undertakers and the concentration thresholds of the
 * watch against a "second government" and monopoly. Every decision records `ruleVersion`. A local version (a
 * county's, a city's) takes precedence over the national one where it covers the division (versions-in-force.ts).
 */
export interface TransferRuleSet extends JurisdictionRuleVersion {
  source: string;
  /** Who published a local version and when (null for the built-in national one). */
  publishedBy?: string | null;
  publishedAt?: string | null;
  qualification: {
    /** Years a qualification is valid (Changzhou: 5 years, then re-apply; regulations §8 item 2). */
    validityYears: number;
    /** Lowest evaluation grade in force; null: no threshold (Guangzhou: 3A+ is a priority qualification). */
    minimumGrade: EvaluationGrade | null;
    /** Credit lists (§5.1, §5.2) that refuse a grant and suspend a qualification. */
    barringLists: string[];
    /** Annual report: clean where the service knows it (purchasing learns no annual reports; the abnormal list covers a missing one, §5.1). */
    annualReport: 'ABNORMAL_LIST_AS_PROXY';
  };
  concentration: {
    /** Herfindahl–Hirschman index (shares in %, 0–10 000) above which an area is highly concentrated. */
    hhiAlert: number;
    /** One organization's share (%) above which it alerts. */
    shareAlertPercent: number;
    /** Warning signs: the department overriding first reviews this often (%), and first reviews overdue. */
    overrideRateWarningPercent: number;
    overdueFirstReviewsWarning: number;
  };
}

export const NATIONAL_TRANSFER_RULES: TransferRuleSet = {
  ruleSetId: 'function-transfer',
  jurisdiction: '100000',
  version: 1,
  effectiveFrom: civilDate('2015-07-08'),
  source:
    '2015 decoupling plan (separation of functions), 2016 Opinions (eligibility tied to credit status), Order 39 (3A+ priority), Changzhou (5-year qualification); thresholds: HHI > 2500 highly concentrated (US DOJ/FTC horizontal merger guidelines), one organization > 50 % (illustrative)',
  qualification: { validityYears: 5, minimumGrade: '3A', barringLists: ['ABNORMAL', 'SERIOUS'], annualReport: 'ABNORMAL_LIST_AS_PROXY' },
  concentration: { hhiAlert: 2500, shareAlertPercent: 50, overrideRateWarningPercent: 30, overdueFirstReviewsWarning: 1 },
};

export const TRANSFER_RULE_SETS: readonly TransferRuleSet[] = [NATIONAL_TRANSFER_RULES];

export function transferRuleVersionOf(r: TransferRuleSet): string {
  return `${r.ruleSetId}/${r.jurisdiction}@v${r.version}`;
}

/** The rule set in force for `division` at `at` (the national one is in force since 2015). */
export function transferRulesInForce(division: string, at: Date, versions: readonly TransferRuleSet[] = TRANSFER_RULE_SETS): TransferRuleSet {
  return mostSpecificVersionInForce(versions, division, at) ?? NATIONAL_TRANSFER_RULES;
}

const LISTS = ['ABNORMAL', 'SERIOUS'];

/**
 * A local version a registrar publishes (e.g. Changzhou's 5-year qualification, a county's own thresholds): the
 * values in range and an effective Beijing date not in the past. Throws RULE_SET_INVALID naming the field.
 */
export function assertRuleSetPublishable(r: Pick<TransferRuleSet, 'effectiveFrom' | 'qualification' | 'concentration'>, now: Date): void {
  const q = r.qualification;
  const c = r.concentration;
  const bad = (field: string, rule: string) => {
    throw new FunctionTransferErrors.RULE_SET_INVALID(`${field}: ${rule}`, { field, rule });
  };
  if (!Number.isInteger(q.validityYears) || q.validityYears < 1 || q.validityYears > 10) bad('qualification.validityYears', 'a whole number of years, 1–10');
  if (q.minimumGrade !== null && !EVALUATION_GRADES.includes(q.minimumGrade)) bad('qualification.minimumGrade', '1A–5A or null');
  if (q.barringLists.some((l) => !LISTS.includes(l))) bad('qualification.barringLists', 'among ABNORMAL, SERIOUS');
  if (!(c.hhiAlert >= 0 && c.hhiAlert <= 10000)) bad('concentration.hhiAlert', '0–10 000');
  for (const k of ['shareAlertPercent', 'overrideRateWarningPercent'] as const) if (!(c[k] >= 0 && c[k] <= 100)) bad(`concentration.${k}`, '0–100');
  if (!Number.isInteger(c.overdueFirstReviewsWarning) || c.overdueFirstReviewsWarning < 1) bad('concentration.overdueFirstReviewsWarning', 'a whole number ≥ 1');
  if (compareCivilDates(r.effectiveFrom, civilDateOf(now)) < 0)
    throw new FunctionTransferErrors.RULE_SET_EFFECTIVE_DATE_PAST(`effectiveOn ${r.effectiveFrom} is before today (${civilDateOf(now)}, Beijing)`, { field: 'effectiveOn', rule: 'not before today (Beijing)' });
}
