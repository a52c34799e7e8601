import type { EvaluationGrade } from '@sop/contracts';
import { civilDate, mostSpecificVersionInForce, type JurisdictionRuleVersion } from '@sop/util';

/**
 * The rules of the transfer of government functions, kept as versioned data per jurisdiction (regulations §8): the
 * qualification rules of civil affairs' catalogue of eligible undertakers and the concentration thresholds of the
 * watch against a "second government" and monopoly. Every decision records `ruleVersion`. A local version (a
 * county's, a city's) takes precedence over the national one where it covers the division (versions-in-force.ts).
 */
export interface TransferRuleSet extends JurisdictionRuleVersion {
  source: string;
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
