import { PERFORMANCE_OUTCOMES, PURCHASE_METHODS, type EvaluationGrade, type OrganizationCategory } from '@sop/contracts';
import { civilDate, civilDateOf, compareCivilDates, startOfCivilDay, type CivilDate } from '@sop/util';
import { PurchasingErrors } from './purchasing.errors';

/**
 * Purchasing rules as versioned data (ARCHITECTURE "Rules as data"): every contract and assessment records the
 * `id@effectiveFrom` of the rule set it applied, so a later rule change never rewrites history. Sources:
 * ../../../../shared/domain/regulations.md §7 (政府购买服务管理办法, MOF Order 102 [S16]), §5.3 (joint measures) and
 * §6 (evaluation grades).
 */

export type PurchaseMethod = (typeof PURCHASE_METHODS)[number];
export type PerformanceOutcome = (typeof PERFORMANCE_OUTCOMES)[number];

/** The credit joint measure that bars purchase of services (§5.3); credit decides which lists carry it. */
export const NO_PURCHASE_OF_SERVICES = 'NO_PURCHASE_OF_SERVICES';

export interface PerformanceBand {
  /** Inclusive lower bound of the score (0–100). */
  minScore: number;
  outcome: PerformanceOutcome;
}

export interface PurchasingRuleSet {
  id: string;
  /**
   * First day the set applies (inclusive), a Beijing civil date: it applies from 00:00 China Standard Time of that
   * day (2020-03-01 → 2020-02-29T16:00Z). Also its version label.
   */
  effectiveFrom: CivilDate;
  source: string;
  term: {
    /** Order 102 Art. 24: normally at most 1 year. */
    normalMaxYears: number;
    /** Order 102 Art. 24: up to 3 years for stable, continuous services with budget assurance. */
    multiYearMaxYears: number;
    source: string;
  };
  methods: readonly PurchaseMethod[];
  /** Joint measures (published by credit) that bar signing with a supplier. */
  barringMeasures: readonly string[];
  priority: {
    /** 财综〔2014〕87号: the four direct-registration categories "under equal conditions" (§7.1). */
    categories: readonly OrganizationCategory[];
    /** Order 39 benefit articles / local practice: 3A+ is a priority condition (§6, §7.2). */
    minGrade: EvaluationGrade;
    source: string;
  };
  performance: {
    /** Descending by minScore; the first band whose minScore ≤ score wins. */
    bands: readonly PerformanceBand[];
    source: string;
  };
}

/** Order 102, reportedly in force 2020-03-01 (effective date UNCONFIRMED in regulations §7.1). */
export const ORDER_102_2020: PurchasingRuleSet = {
  id: 'purchasing/order-102',
  effectiveFrom: civilDate('2020-03-01'),
  source: 'regulations.md §7 — 政府购买服务管理办法 (MOF Order 102) [S16]; §5.3 joint measures [S14]; §6 grades [S15]',
  term: {
    normalMaxYears: 1,
    multiYearMaxYears: 3,
    source: 'Order 102 Art. 24 (regulations §7.2)',
  },
  methods: PURCHASE_METHODS,
  barringMeasures: [NO_PURCHASE_OF_SERVICES],
  priority: {
    categories: ['INDUSTRY_ASSOCIATION_CHAMBER', 'SCIENCE_TECHNOLOGY', 'PUBLIC_INTEREST_CHARITY', 'URBAN_RURAL_COMMUNITY_SERVICE'],
    minGrade: '3A',
    source: '财综〔2014〕87号 (regulations §7.1); Order 39 3A+ benefits and local practice (regulations §6, §7.2)',
  },
  performance: {
    // Local practice: Order 102 requires performance management and acceptance, but article-level detail and any
    // national score bands are UNCONFIRMED (regulations §7.2). A jurisdiction with other bands publishes a new set.
    bands: [
      { minScore: 90, outcome: 'EXCELLENT' },
      { minScore: 80, outcome: 'GOOD' },
      { minScore: 60, outcome: 'QUALIFIED' },
      { minScore: 0, outcome: 'UNQUALIFIED' },
    ],
    source: 'local practice; Order 102 performance management, article-level detail UNCONFIRMED (regulations §7.2)',
  },
};

export const PURCHASING_RULE_SETS: readonly PurchasingRuleSet[] = [ORDER_102_2020];

/** e.g. `purchasing/order-102@2020-03-01`. */
export function ruleVersionOf(rules: PurchasingRuleSet): string {
  return `${rules.id}@${rules.effectiveFrom}`;
}

/** The instant a rule set starts to apply: 00:00 Beijing time of its effective date. */
export function ruleSetStartsAt(rules: PurchasingRuleSet): Date {
  return startOfCivilDay(rules.effectiveFrom);
}

/** The rule set in force on the Beijing date of `at`: the latest effectiveFrom not after it, or null before any. */
export function ruleSetAt(at: Date, sets: readonly PurchasingRuleSet[] = PURCHASING_RULE_SETS): PurchasingRuleSet | null {
  const day = civilDateOf(at);
  const applicable = sets.filter((s) => compareCivilDates(s.effectiveFrom, day) <= 0).sort((a, b) => compareCivilDates(b.effectiveFrom, a.effectiveFrom));
  return applicable[0] ?? null;
}

/**
 * The rule set a decision on `at` applies (by its Beijing date); before the first one (Order 102, 2020-03-01
 * Beijing time) purchasing cannot decide: PURCHASING.NO_RULE_SET, naming `field` (the input or moment that chose the day).
 */
export function ruleSetInForce(at: Date, field: string): PurchasingRuleSet {
  const rules = ruleSetAt(at);
  if (!rules)
    throw new PurchasingErrors.NO_RULE_SET(`no purchasing rule set in force on ${civilDateOf(at)}`, {
      violations: [{ field, rule: 'Order 102 in force from 2020-03-01 (regulations §7.1)', message: 'before the first purchasing rule set' }],
    });
  return rules;
}
