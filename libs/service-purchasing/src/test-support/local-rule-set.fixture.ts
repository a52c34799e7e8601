import { civilDate } from '@sop/util';
import { purchasingRuleSetIdFor, ruleSetOf, type PerformanceBand, type PurchasingRuleSet, type PurchasingRuleSetVersion } from '../domain/purchasing-rules';

/** The bands the service used to apply nationally (≥ 90 / 80 / 60), now only as a jurisdiction's published practice (§7.2). */
export const SAMPLE_BANDS: PerformanceBand[] = [
  { minScore: 90, outcome: 'EXCELLENT' },
  { minScore: 80, outcome: 'GOOD' },
  { minScore: 60, outcome: 'QUALIFIED' },
  { minScore: 0, outcome: 'UNQUALIFIED' },
];

/** A local version, as an officer of `jurisdiction` would publish it (test data, not a regulation). */
export function localVersion(jurisdiction: string, effectiveFrom: string, over: Partial<PurchasingRuleSetVersion> = {}): PurchasingRuleSetVersion {
  return {
    ruleSetId: purchasingRuleSetIdFor(jurisdiction),
    jurisdiction,
    version: 1,
    effectiveFrom: civilDate(effectiveFrom),
    bands: SAMPLE_BANDS,
    source: `test: local performance practice of ${jurisdiction}`,
    publishedBy: 'finance-test',
    publishedAt: new Date('2019-01-01T00:00:00Z'),
    note: null,
    ...over,
  };
}

/** Order 102 plus the sample bands: a banded rule set for the domain tests of scoring. */
export const BANDED_RULES: PurchasingRuleSet = ruleSetOf(localVersion('110000', '2020-03-01'));
