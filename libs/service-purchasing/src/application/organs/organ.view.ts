import { levelOf, ORGAN_KIND_RULES, type PurchasingOrganVersion } from '../../domain/purchasing-organ';

/** One version of a purchasing organ as the HTTP API answers it (level from the jurisdiction; whether the kind purchases). */
export function organVersionView(v: PurchasingOrganVersion) {
  return {
    unitId: v.unitId,
    version: v.version,
    name: v.name,
    kind: v.kind,
    purchases: ORGAN_KIND_RULES[v.kind].purchases,
    jurisdiction: v.jurisdiction,
    level: levelOf(v),
    reason: v.reason,
    recordedBy: v.recordedBy,
    recordedAt: v.recordedAt.toISOString(),
  };
}

/** An organ: its current version, and its history when asked for one organ. */
export function organView(current: PurchasingOrganVersion, history?: PurchasingOrganVersion[]) {
  return { ...organVersionView(current), ...(history ? { history: history.map(organVersionView) } : {}) };
}
