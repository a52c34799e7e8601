import { PERFORMANCE_OUTCOMES, PURCHASE_METHODS, type EvaluationGrade, type OrganizationCategory } from '@sop/contracts';
import { civilDate, civilDateOf, mostSpecificVersionInForce, NATIONAL_DIVISION, startOfCivilDay, type CivilDate } from '@sop/util';
import type { PerformanceBarRule } from './procurement/performance-bar';
import { PurchasingErrors } from './purchasing.errors';

/**
 * Purchasing rules as versioned data per jurisdiction (ARCHITECTURE "Rules as data"): every contract and assessment
 * records the `<rule set>@v<version>` it applied (the rule set names its jurisdiction), so a later rule change never rewrites history. Sources:
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
  /** `purchasing/<jurisdiction>`: the rule set of a jurisdiction (100000 = the national default, Order 102). */
  id: string;
  /** The division whose purchasers it governs (regulations §7.2 Art. 5: state organs at all levels). */
  jurisdiction: string;
  version: number;
  /**
   * First day the version applies (inclusive), a Beijing civil date: it applies from 00:00 China Standard Time of that
   * day (2020-03-01 → 2020-02-29T16:00Z).
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
  /**
   * Performance bands: local practice (regulations §7.2 — Order 102 requires performance management and acceptance,
   * article-level detail and any national score bands UNCONFIRMED), so the national default has none (null) and only
   * a jurisdiction's published version carries them.
   */
  performance: {
    /** Descending by minScore; the first band whose minScore ≤ score wins; the last one's minScore is 0. */
    bands: readonly PerformanceBand[];
    source: string;
  } | null;
  /** Bar after a failed final acceptance or a termination (issue 11 item 5; local practice, UNCONFIRMED); null: none. */
  performanceBar: PerformanceBarRule | null;
}

/**
 * A stored version of a jurisdiction's purchasing rule set (table purchasing_rule_set_version). The national default
 * (100000, v1) is Order 102 without bands; a local version carries the jurisdiction's performance bands and otherwise
 * applies Order 102's national rules unchanged (a province cannot lengthen the Art. 24 term, §7.2).
 */
export interface PurchasingRuleSetVersion {
  ruleSetId: string;
  jurisdiction: string;
  version: number;
  effectiveFrom: CivilDate;
  /** null: no banding rule (the national default). */
  bands: readonly PerformanceBand[] | null;
  source: string;
  publishedBy: string;
  publishedAt: Date;
  note: string | null;
  /** Absent or null (every version before issue 11 item 5, the national default): no performance bar. */
  performanceBar?: PerformanceBarRule | null;
}

export function purchasingRuleSetIdFor(jurisdiction: string): string {
  return `purchasing/${jurisdiction}`;
}

/** The seeded national default (migration 1732500000430): Order 102, reportedly in force 2020-03-01 (UNCONFIRMED, §7.1), no bands. */
export const NATIONAL_DEFAULT_VERSION: PurchasingRuleSetVersion = {
  ruleSetId: purchasingRuleSetIdFor(NATIONAL_DIVISION),
  jurisdiction: NATIONAL_DIVISION,
  version: 1,
  effectiveFrom: civilDate('2020-03-01'),
  bands: null,
  source: 'regulations.md §7 — 政府购买服务管理办法 (MOF Order 102) [S16]; §5.3 joint measures [S14]; §6 grades [S15]',
  publishedBy: 'seed',
  publishedAt: startOfCivilDay(civilDate('2020-03-01')),
  note: 'national default (Order 102); performance bands are local practice (regulations §7.2) and come from local versions',
};

/** The national rules every version applies (Order 102), whatever its jurisdiction. */
const ORDER_102_RULES = {
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
} satisfies Pick<PurchasingRuleSet, 'term' | 'methods' | 'barringMeasures' | 'priority'>;

/** The rule set a stored version stands for: Order 102's national rules plus the version's bands (if any). */
export function ruleSetOf(v: PurchasingRuleSetVersion): PurchasingRuleSet {
  return {
    id: v.ruleSetId,
    jurisdiction: v.jurisdiction,
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    source: v.source,
    ...ORDER_102_RULES,
    performance: v.bands ? { bands: v.bands, source: v.source } : null,
    performanceBar: v.performanceBar ?? null,
  };
}

/** The national default as a rule set: Order 102, no performance bands. */
export const ORDER_102_2020: PurchasingRuleSet = ruleSetOf(NATIONAL_DEFAULT_VERSION);

/** e.g. `purchasing/100000@v1` (national default) or `purchasing/110000@v2`: the rule set (its jurisdiction) and version. */
export function ruleVersionOf(rules: { id: string; version: number }): string {
  return `${rules.id}@v${rules.version}`;
}

/** The instant a rule set starts to apply: 00:00 Beijing time of its effective date. */
export function ruleSetStartsAt(rules: { effectiveFrom: CivilDate }): Date {
  return startOfCivilDay(rules.effectiveFrom);
}

/**
 * The rule set a decision by a purchaser of `jurisdiction` on the Beijing date of `at` applies (issue §2 "local
 * rules are local"): of every rule set whose jurisdiction covers the purchaser's, the version in force that day
 * (latest effectiveFrom not after it, ties by higher version); the most specific jurisdiction wins (district >
 * city > province > national). Null when none is in force (before Order 102).
 */
export function ruleSetAt(at: Date, jurisdiction: string, versions: readonly PurchasingRuleSetVersion[] = [NATIONAL_DEFAULT_VERSION]): PurchasingRuleSet | null {
  const winner = mostSpecificVersionInForce(versions, jurisdiction, at);
  return winner ? ruleSetOf(winner) : null;
}

/**
 * The rule set a decision on `at` (by its Beijing date) for a purchaser of `jurisdiction` applies; before the first
 * one (Order 102, 2020-03-01 Beijing time) purchasing cannot decide: PURCHASING.NO_RULE_SET, naming `field` (the input
 * or moment that chose the day).
 */
export function ruleSetInForce(at: Date, field: string, jurisdiction: string = NATIONAL_DIVISION, versions?: readonly PurchasingRuleSetVersion[]): PurchasingRuleSet {
  const rules = ruleSetAt(at, jurisdiction, versions);
  if (!rules)
    throw new PurchasingErrors.NO_RULE_SET(`no purchasing rule set in force on ${civilDateOf(at)} for ${jurisdiction}`, {
      violations: [{ field, rule: 'Order 102 in force from 2020-03-01 (regulations §7.1)', message: 'before the first purchasing rule set' }],
    });
  return rules;
}
