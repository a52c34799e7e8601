import { civilDateOf, compareCivilDates } from '@sop/util';
import { PurchasingErrors } from './purchasing.errors';
import type { PurchasingRuleSet } from './purchasing-rules';

/** Registration status as purchasing learns it from registration's events. */
export const SUPPLIER_STATUSES = ['ACTIVE', 'REVOKED', 'DEREGISTERED'] as const;
export type SupplierStatus = (typeof SUPPLIER_STATUSES)[number];

/** The whole set of credit joint measures in force for an organization (credit.joint-measures.changed). */
export interface MeasureSet {
  lists: string[];
  measures: string[];
  effectiveFrom: string;
  /** Credit's rule set that derived the measures from the lists. */
  ruleVersion: string;
}

export interface SupplierFacts {
  uscc: string;
  status: SupplierStatus;
  /** null: credit has never published measures for it (none apply). */
  measures: MeasureSet | null;
}

/**
 * Status only moves forward: ACTIVE → REVOKED → DEREGISTERED (a revoked organization is still liquidated and
 * deregistered; nothing brings either back). A stale or repeated event therefore never undoes a later one.
 */
const STATUS_RANK: Record<SupplierStatus, number> = { ACTIVE: 0, REVOKED: 1, DEREGISTERED: 2 };

export function nextStatus(current: SupplierStatus, incoming: SupplierStatus): SupplierStatus {
  return STATUS_RANK[incoming] > STATUS_RANK[current] ? incoming : current;
}

/** The barring measures of `rules` present in the supplier's current measure set. */
export function barringMeasuresOf(measures: MeasureSet | null, rules: PurchasingRuleSet): string[] {
  return (measures?.measures ?? []).filter((m) => rules.barringMeasures.includes(m));
}

/**
 * May the purchaser sign with this supplier now? Undertakers must be lawfully established (Order 102 Art. 6–7,
 * regulations §7.2): a social organization known from registration and still registered. Credit's joint measures
 * (regulations §5.3: no purchase of services from serious-list organizations; local rules extend it to the
 * abnormal list — credit decides and publishes the set) bar it while in force. Throws the refusal.
 */
export function assertSupplierEligible(uscc: string, supplier: SupplierFacts | null, rules: PurchasingRuleSet): void {
  if (!supplier)
    throw new PurchasingErrors.SUPPLIER_UNKNOWN(`purchasing knows no registered social organization ${uscc}`, {
      field: 'supplierUscc',
      rule: 'Order 102 Art. 6: undertaker is a lawfully registered social organization (regulations §7.2)',
    });
  if (supplier.status !== 'ACTIVE')
    throw new PurchasingErrors.SUPPLIER_NOT_ACTIVE(`organization ${uscc} is ${supplier.status}`, {
      field: 'supplierUscc',
      rule: 'Order 102 Art. 6–7: undertaker is lawfully established (regulations §7.2)',
      extensions: { supplierStatus: supplier.status },
    });
  const measures = supplier.measures;
  const barring = barringMeasuresOf(measures, rules);
  if (measures && barring.length > 0)
    throw new PurchasingErrors.SUPPLIER_BARRED(
      `organization ${uscc} is barred from purchase of services by credit joint measures (lists: ${measures.lists.join(', ') || 'none'})`,
      {
        field: 'supplierUscc',
        rule: `credit joint measure ${barring.join(', ')} (regulations §5.3) under ${measures.ruleVersion}`,
        extensions: { measures: barring, lists: measures.lists, measureRuleVersion: measures.ruleVersion, measuresEffectiveFrom: measures.effectiveFrom },
      },
    );
}

/**
 * A contract is signed with an organization that exists: not before its registration (Order 102 Art. 6). Compared
 * as Beijing dates (a contract is dated, a registration certificate too): signing on the day of registration is
 * allowed, at any hour; the day before (Beijing time) is refused.
 */
export function assertSignedAfterRegistration(uscc: string, signedAt: Date, registeredAt: Date): void {
  const signedOn = civilDateOf(signedAt);
  const registeredOn = civilDateOf(registeredAt);
  if (compareCivilDates(signedOn, registeredOn) < 0)
    throw new PurchasingErrors.SIGNED_BEFORE_REGISTRATION(`the contract is dated ${signedOn}, before ${uscc} was registered on ${registeredOn} (Beijing dates)`, {
      field: 'signedAt',
      rule: 'Order 102 Art. 6: undertaker is a lawfully established organization (regulations §7.2)',
      extensions: { registeredAt: registeredAt.toISOString(), registeredOn, signedOn },
    });
}
