import type { Principal } from '@sop/auth';
import type { Tx } from '@sop/messaging';
import { gradeInForce } from '../../domain/supplier-grade';
import type { BidderFacts } from '../../domain/procurement/bidder-eligibility';
import { PurchaseModeErrors } from '../../domain/purchase-modes/purchase-modes.errors';
import { signingOrgan, type PurchasingOrganVersion } from '../../domain/purchasing-organ';
import type { OrganStore } from '../organs/organs.ports';
import type { PerformanceHistoryStore } from '../procurements/performance-history.port';
import type { SupplierGradeStore, SupplierStore } from '../suppliers/suppliers.ports';
import type { ModeRecordKeys, ModeRecordKind, PurchaseModeStore } from './purchase-modes.ports';

/** The registered purchasing organ the caller acts for (Order 102 Art. 5; 403 PURCHASING.PURCHASER_NOT_REGISTERED otherwise). */
export async function organOf(organs: OrganStore, tx: Tx | null, principal: Principal): Promise<PurchasingOrganVersion> {
  return signingOrgan(principal, principal.unitId ? await organs.current(tx, principal.unitId.trim()) : null, undefined);
}

/** 403 unless the caller acts for `unitId` (its own round, facility, agreement). */
export function assertOwnOrgan(unitId: string, principal: Principal, what: string): void {
  if (principal.unitId !== unitId) throw new PurchaseModeErrors.NOT_THE_ORGAN(`${what} belongs to unit ${unitId}`, { field: 'unit_id', rule: 'the organ that announced, owns or signed it acts on it (Order 102 Art. 5)' });
}

/** Writes a changed record; a concurrent change committed first is a 409. */
export async function saveChanged<T>(store: PurchaseModeStore, tx: Tx, kind: ModeRecordKind, keys: ModeRecordKeys, body: T, at: Date): Promise<void> {
  if (!(await store.update(tx, kind, keys, body, at))) throw new PurchaseModeErrors.CONCURRENT_CHANGE(`${kind.toLowerCase()} ${keys.id} was changed concurrently; read it and retry`);
}

/**
 * What purchasing knows of an organization for an eligibility evaluation — the same facts the procurement award
 * reads (awards.use-cases.ts): registration status and credit measures as known now, the grade in force at `asOf` —
 * its performance failures in purchasing's own tables (the rule version's performance bar) — plus its registering
 * authority (a round's "registered locally").
 */
export async function proposerFacts(stores: { suppliers: SupplierStore; grades: SupplierGradeStore; history: PerformanceHistoryStore }, tx: Tx, uscc: string, asOf: Date): Promise<{ facts: BidderFacts; registeringAuthority: string | null }> {
  const { suppliers, grades, history } = stores;
  const [s, measures, g, performanceFailures] = await Promise.all([suppliers.supplier(tx, uscc), suppliers.measures(tx, uscc), grades.grades(tx, uscc), history.failuresOf(tx, uscc)]);
  return {
    facts: {
      uscc,
      supplier: s ? { status: s.status, statusChangedAt: s.statusChangedAt?.toISOString() ?? null, category: s.category, registrationEventId: s.registrationEventId ?? null, statusEventId: s.statusEventId ?? null } : null,
      measures: measures ? { lists: measures.lists, measures: measures.measures, effectiveFrom: measures.effectiveFrom, ruleVersion: measures.ruleVersion, eventId: measures.eventId } : null,
      grade: gradeInForce(g, asOf),
      performanceFailures,
    },
    registeringAuthority: s?.registeringAuthority ?? null,
  };
}
