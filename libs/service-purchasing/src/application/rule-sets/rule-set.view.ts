import { civilDateOf } from '@sop/util';
import { ruleSetStartsAt, ruleVersionOf, type PurchasingRuleSetVersion } from '../../domain/purchasing-rules';

/** A rule-set version as the HTTP API answers it. `bands: null` = no banding rule (the national default). */
export function ruleSetVersionView(v: PurchasingRuleSetVersion) {
  return {
    ruleVersion: ruleVersionOf({ id: v.ruleSetId, version: v.version }),
    ruleSetId: v.ruleSetId,
    jurisdiction: v.jurisdiction,
    version: v.version,
    effectiveOn: v.effectiveFrom,
    effectiveFrom: ruleSetStartsAt(v).toISOString(),
    bands: v.bands ? v.bands.map((b) => ({ minScore: b.minScore, outcome: b.outcome })) : null,
    source: v.source,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt.toISOString(),
    publishedOn: civilDateOf(v.publishedAt),
    note: v.note,
    /** null: no performance bar (issue 11 item 5); `unconfirmed`: local-practice numbers (regulations §7.2). */
    performanceBar: v.performanceBar ?? null,
  };
}
