import type { FacilityKind } from '@sop/contracts';
import { PurchaseModeErrors } from '../purchase-modes/purchase-modes.errors';

/**
 * Entrusted operation of public facilities (公建民营): a facility the state built and owns (the owner organ) is
 * operated by a social organization for a term, charging users fees within caps and receiving subsidies per period
 * (the contract's milestones); service indicators are checked each period, and a failed check withholds that
 * period's subsidy (the milestone is not accepted, so the payment rule of contract performance refuses it).
 * regulations.md gives no national text for this mode: the fields are those of common local practice (UNCONFIRMED).
 */
export interface FeeItem {
  item: string;
  unit: string;
  /** The most an operator may charge a user per unit, in fen. */
  capFen: number;
}

export const COMPARISONS = ['AT_LEAST', 'AT_MOST'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** A service indicator: e.g. occupancy AT_LEAST 60 (%), satisfaction AT_LEAST 85 (%), safety incidents AT_MOST 0. */
export interface ServiceIndicator {
  name: string;
  unit: string;
  comparison: Comparison;
  threshold: number;
}

export interface IndicatorResult {
  indicator: string;
  value: number;
  comparison: Comparison;
  threshold: number;
  met: boolean;
}

export interface PeriodCheck {
  period: number;
  acceptanceId: string;
  passed: boolean;
  score: number;
  band: string;
  results: IndicatorResult[];
  findings: string[];
  checkedBy: string;
  checkedAt: string;
  eventId: string;
}

export interface Operation {
  operatorUscc: string;
  contractId: string;
  basis: 'PROCUREMENT_AWARD' | 'LEGAL_BASIS';
  procurementId: string | null;
  legalBasis: string | null;
  termStart: string;
  termEnd: string;
  fees: FeeItem[];
  indicators: ServiceIndicator[];
  subsidyFen: number;
  periods: number;
  entrustedBy: string;
  entrustedAt: string;
  eventId: string;
}

export interface Facility {
  id: string;
  ownerUnitId: string;
  ownerJurisdiction: string;
  ownerName: string;
  name: string;
  kind: FacilityKind;
  address: string;
  capacity: number;
  status: 'REGISTERED' | 'ENTRUSTED';
  operation: Operation | null;
  checks: PeriodCheck[];
  registeredBy: string;
  registeredAt: string;
  revision: number;
}

const invalid = (field: string, message: string) => new PurchaseModeErrors.FACILITY_INVALID(message, { violations: [{ field, rule: 'a public facility with its operation terms (公建民营)', message }] });

export function checkFacility(f: { name: string; address: string; capacity: number }): void {
  if (!f.name.trim()) throw invalid('name', 'the facility has a name');
  if (!f.address.trim()) throw invalid('address', 'the facility has an address');
  if (!Number.isSafeInteger(f.capacity) || f.capacity <= 0) throw invalid('capacity', 'a positive whole number (beds, places)');
}

/** Fees (positive caps, each item once) and indicators (each named once, finite thresholds). */
export function checkOperationTerms(fees: FeeItem[], indicators: ServiceIndicator[]): void {
  const items = new Set<string>();
  fees.forEach((f, i) => {
    if (!f.item.trim() || items.has(f.item)) throw invalid(`fees.${i}.item`, 'each fee item named once');
    items.add(f.item);
    if (!Number.isSafeInteger(f.capFen) || f.capFen <= 0) throw invalid(`fees.${i}.capFen`, 'a positive whole number of fen');
  });
  if (indicators.length === 0) throw invalid('indicators', 'at least one service indicator is checked each period');
  const names = new Set<string>();
  indicators.forEach((x, i) => {
    if (!x.name.trim() || names.has(x.name)) throw invalid(`indicators.${i}.name`, 'each indicator named once');
    names.add(x.name);
    if (!Number.isFinite(x.threshold)) throw invalid(`indicators.${i}.threshold`, 'a number');
  });
}

/**
 * The period's indicator results against the thresholds: one value for each indicator (else 400
 * PURCHASE_MODES.INDICATOR_RESULTS_INVALID); the check passes only when every indicator is met.
 */
export function judgeIndicators(indicators: ServiceIndicator[], values: { indicator: string; value: number }[]): { passed: boolean; results: IndicatorResult[]; findings: string[] } {
  const bad = (field: string, message: string) => new PurchaseModeErrors.INDICATOR_RESULTS_INVALID(message, { violations: [{ field, rule: "one result per indicator of the facility", message }] });
  const given = new Map<string, number>();
  values.forEach((v, i) => {
    if (!indicators.some((x) => x.name === v.indicator)) throw bad(`results.${i}.indicator`, `the facility has no indicator ${v.indicator}`);
    if (given.has(v.indicator)) throw bad(`results.${i}.indicator`, `${v.indicator} given twice`);
    if (!Number.isFinite(v.value)) throw bad(`results.${i}.value`, 'a number');
    given.set(v.indicator, v.value);
  });
  const results = indicators.map((x) => {
    const value = given.get(x.name);
    if (value === undefined) throw bad('results', `no result for ${x.name}`);
    const met = x.comparison === 'AT_LEAST' ? value >= x.threshold : value <= x.threshold;
    return { indicator: x.name, value, comparison: x.comparison, threshold: x.threshold, met };
  });
  const findings = results.map((r) => `${r.indicator}: ${r.value} (${r.comparison === 'AT_LEAST' ? '≥' : '≤'} ${r.threshold}) ${r.met ? 'met' : 'NOT met'}`);
  return { passed: results.every((r) => r.met), results, findings };
}
