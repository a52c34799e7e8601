import { randomUUID } from 'node:crypto';
import type { PURCHASE_METHODS } from '@sop/contracts';
import { PurchasingErrors } from '../purchasing.errors';

export type PurchaseMethod = (typeof PURCHASE_METHODS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The minimum period from the notice to the bid deadline, per method, as rule data. Counted in whole days of 24
 * hours from the instant of the notice (or of a material amendment), which is never shorter than counting from the
 * day after. Only the open-tender figure is sourced in this repository; every other figure is UNCONFIRMED: it is the
 * commonly cited national figure, not checked against the text here (calendar days; where the national rule counts
 * working days, the figure here is shorter than the rule and must be confirmed before use).
 */
export const MINIMUM_BID_PERIODS: Record<PurchaseMethod, { days: number; basis: string; confirmed: boolean }> = {
  OPEN_TENDERING: { days: 20, basis: 'Government Procurement Law Art. 35: at least 20 days from the tender notice to the bid deadline', confirmed: true },
  INVITATIONAL_TENDERING: { days: 20, basis: 'UNCONFIRMED: Government Procurement Law Art. 35 (tendering generally), not restated in regulations.md', confirmed: false },
  COMPETITIVE_NEGOTIATION: { days: 3, basis: 'UNCONFIRMED: commonly cited 3 working days (MOF Order 74)', confirmed: false },
  COMPETITIVE_CONSULTATION: { days: 10, basis: 'UNCONFIRMED: commonly cited 10 days (财库〔2014〕214号)', confirmed: false },
  SINGLE_SOURCE: { days: 5, basis: 'UNCONFIRMED: commonly cited 5 working days of public notice before a single-source purchase', confirmed: false },
  REQUEST_FOR_QUOTATIONS: { days: 3, basis: 'UNCONFIRMED: commonly cited 3 working days (MOF Order 74)', confirmed: false },
  FRAMEWORK_AGREEMENT: { days: 20, basis: 'UNCONFIRMED: open solicitation of a framework agreement, taken as the open-tender period', confirmed: false },
};

/** What the next slice's eligibility check applies at the deadline and at award; stored as data with the notice. */
export interface QualificationRequirements {
  /** Registered and ACTIVE in purchasing's supplier facts (Order 102 Art. 6–7). */
  registeredAndActive: boolean;
  /** Not under NO_PURCHASE_OF_SERVICES / not on the serious list (regulations §5.3). */
  notOnSeriousList: boolean;
  /** No major violation in the previous N years (Government Procurement Law Art. 22: 3), or null. */
  noMajorViolationYears: number | null;
  /** A minimum evaluation grade in force ('1A'…'5A'), or null. */
  minimumGrade: string | null;
  /** Further project-specific conditions in words (Order 102 Art. 7: without discrimination). */
  other: string[];
}

export interface QualityCriterion {
  name: string;
  weight: number;
  maxPoints: number;
}

/** The notice's scoring method: a price weight and quality criteria, weights summing to 100. */
export interface ScoringMethod {
  priceWeight: number;
  criteria: QualityCriterion[];
}

export const SCORING_RULE = 'price weight + quality criteria weights = 100; each criterion named once with positive max points';

export function assertScoring(scoring: ScoringMethod): void {
  const bad = (field: string, message: string) => new PurchasingErrors.SCORING_INVALID(message, { violations: [{ field, rule: SCORING_RULE, message }] });
  const weights = [scoring.priceWeight, ...scoring.criteria.map((c) => c.weight)];
  if (weights.some((w) => !Number.isInteger(w) || w < 0 || w > 100)) throw bad('scoring', 'weights are whole numbers 0–100');
  const names = new Set<string>();
  scoring.criteria.forEach((c, i) => {
    if (!c.name.trim()) throw bad(`scoring.criteria.${i}.name`, 'each criterion has a name');
    if (names.has(c.name)) throw bad(`scoring.criteria.${i}.name`, `criterion ${c.name} appears twice`);
    names.add(c.name);
    if (!Number.isInteger(c.maxPoints) || c.maxPoints <= 0) throw bad(`scoring.criteria.${i}.maxPoints`, 'max points is a positive whole number');
    if (c.weight === 0) throw bad(`scoring.criteria.${i}.weight`, 'a criterion weighs more than 0');
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum !== 100) throw bad('scoring', `the weights sum to ${sum}, not 100`);
}

/** A single-source procurement states why (else 400 JUSTIFICATION_REQUIRED naming `justification`). */
export function assertJustification(method: PurchaseMethod, justification: string | null | undefined): void {
  if (method === 'SINGLE_SOURCE' && !justification?.trim())
    throw new PurchasingErrors.JUSTIFICATION_REQUIRED('a single-source procurement states its justification', {
      violations: [{ field: 'justification', rule: 'SINGLE_SOURCE requires a justification (Government Procurement Law Art. 31)', message: 'required' }],
    });
}

export function earliestDeadline(method: PurchaseMethod, from: Date): Date {
  return new Date(from.getTime() + MINIMUM_BID_PERIODS[method].days * DAY_MS);
}

/** The deadline leaves the method's minimum period after `from` (the notice, or a material amendment), else 422 naming `bidDeadline`. */
export function assertDeadline(method: PurchaseMethod, deadline: Date, from: Date): void {
  const earliest = earliestDeadline(method, from);
  if (deadline.getTime() < earliest.getTime()) {
    const period = MINIMUM_BID_PERIODS[method];
    throw new PurchasingErrors.DEADLINE_TOO_EARLY(`the bid deadline must be at least ${period.days} days after ${from.toISOString()} (${period.basis})`, {
      violations: [{ field: 'bidDeadline', rule: period.basis, message: `not before ${earliest.toISOString()}` }],
      extensions: { earliestDeadline: earliest.toISOString(), minimumPeriodDays: period.days },
    });
  }
}

export type ProcurementStatus = 'OPEN' | 'CANCELLED';

export interface Amendment {
  number: number;
  changed: string[];
  material: boolean;
  reasons: string[];
  previousBidDeadline: string;
  bidDeadline: string;
  amendedBy: string;
  amendedAt: string;
  eventId: string;
}

export interface Procurement {
  id: string;
  ocid: string;
  organUnitId: string;
  organJurisdiction: string;
  organName: string;
  budgetLineId: string;
  title: string;
  description: string;
  method: PurchaseMethod;
  justification: string | null;
  catalogueItemCode: string;
  catalogueVersion: string;
  estimatedFen: number;
  requirements: QualificationRequirements;
  scoring: ScoringMethod;
  bidDeadline: Date;
  status: ProcurementStatus;
  amendments: Amendment[];
  publishedBy: string;
  publishedAt: Date;
  cancelReasons: string[] | null;
  cancelledAt: Date | null;
  /** Optimistic lock: each change adds one. */
  revision: number;
}

/** OCDS contracting-process id: `ocds-<prefix>-<uuid>`. */
export function newOcid(prefix: string, id: string = randomUUID()): string {
  return `ocds-${prefix}-${id}`;
}

/** Bids are accepted (and amendments made) while the procurement is open and `now` is before the deadline. */
export function assertOpenForBids(p: Pick<Procurement, 'status' | 'bidDeadline' | 'id'>, now: Date): void {
  if (p.status === 'CANCELLED') throw new PurchasingErrors.PROCUREMENT_CANCELLED(`procurement ${p.id} was cancelled`);
  if (now.getTime() >= p.bidDeadline.getTime())
    throw new PurchasingErrors.PROCUREMENT_CLOSED(`the bid deadline ${p.bidDeadline.toISOString()} has passed`, { extensions: { bidDeadline: p.bidDeadline.toISOString() } });
}

export interface AmendmentInput {
  reasons: string[];
  bidDeadline?: Date;
  requirements?: QualificationRequirements;
  scoring?: ScoringMethod;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * An amendment before the deadline. A change of requirements or scoring is material: the method's minimum period
 * runs again from the amendment, so the deadline is extended to at least `now` + the period (a later requested
 * deadline stays). A deadline-only change keeps the minimum period from the notice and stays in the future.
 */
export function amend(p: Procurement, input: AmendmentInput, now: Date): { next: Procurement; changed: string[]; material: boolean } {
  assertOpenForBids(p, now);
  const changed: string[] = [];
  if (input.requirements && !same(input.requirements, p.requirements)) changed.push('qualificationRequirements');
  if (input.scoring && !same(input.scoring, p.scoring)) changed.push('scoring');
  if (input.scoring) assertScoring(input.scoring);
  const material = changed.length > 0;
  let deadline = input.bidDeadline ?? p.bidDeadline;
  if (input.bidDeadline) {
    if (input.bidDeadline.getTime() <= now.getTime())
      throw new PurchasingErrors.DEADLINE_TOO_EARLY('the new bid deadline is not in the future', {
        violations: [{ field: 'bidDeadline', rule: 'in the future', message: `after ${now.toISOString()}` }],
        extensions: { earliestDeadline: now.toISOString() },
      });
    assertDeadline(p.method, input.bidDeadline, p.publishedAt);
  }
  if (material) {
    const earliest = earliestDeadline(p.method, now);
    if (deadline.getTime() < earliest.getTime()) deadline = earliest;
  }
  if (deadline.getTime() !== p.bidDeadline.getTime()) changed.push('bidDeadline');
  if (changed.length === 0)
    throw new PurchasingErrors.AMENDMENT_EMPTY('the amendment changes nothing', {
      violations: [{ field: 'bidDeadline', rule: 'an amendment changes bidDeadline, qualificationRequirements or scoring', message: 'no value differs from the notice' }],
    });
  return {
    next: { ...p, bidDeadline: deadline, requirements: input.requirements ?? p.requirements, scoring: input.scoring ?? p.scoring, revision: p.revision + 1 },
    changed,
    material,
  };
}
