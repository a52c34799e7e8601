import type { OrganizationCategory, OrganizationForm, Regime } from '@sop/contracts';
import { civilDate, civilDateOf, divisionLevel, divisionPrefix, isDivisionCode, jurisdictionCovers, NATIONAL_DIVISION, startOfCivilDay, type CivilDate } from '@sop/util';
import { RegistrationErrors } from './registration.errors';

/**
 * Registration policy as data: which path an application takes, DIRECT registration or DUAL_MANAGEMENT
 * (supervising-unit consent first). A rule set belongs to one jurisdiction (a division code; 100000 = national)
 * and has versions with an effectiveFrom instant; each rule maps (organization form, category) to a regime and
 * cites its source. To decide, every rule set whose jurisdiction covers the registering authority contributes
 * the version in force at that instant; the most specific jurisdiction with a matching rule wins, and within a
 * version the most specific rule (form + category > category > form > catch-all) wins.
 * Every decision records "<rule-set id>@v<version>" of the rule that decided it.
 */
export interface RegimeRule {
  /** null = any form. */
  form: OrganizationForm | null;
  /** null = any category. */
  category: OrganizationCategory | null;
  regime: Regime;
  source: string;
}

export interface RuleSetVersion {
  ruleSetId: string;
  jurisdiction: string;
  version: number;
  /** 00:00 Beijing time of the Beijing date the version takes effect (effectiveOnOf gives the date). */
  effectiveFrom: Date;
  rules: RegimeRule[];
  publishedBy: string;
  publishedAt: Date;
  note: string | null;
}

export interface RegimeDecision {
  regime: Regime;
  /** "<rule-set id>@v<version>", recorded on every application. */
  policyVersion: string;
  ruleSetId: string;
  version: number;
  jurisdiction: string;
  source: string;
}

export const NATIONAL_RULE_SET_ID = 'registration-regime/national-default';

export function ruleSetIdFor(jurisdiction: string): string {
  return jurisdiction === NATIONAL_DIVISION ? NATIONAL_RULE_SET_ID : `registration-regime/${jurisdiction}`;
}

export function policyVersionOf(v: { ruleSetId: string; version: number }): string {
  return `${v.ruleSetId}@v${v.version}`;
}

/** The four direct-registration categories of the 2013 reform (regulations §2). */
export const DIRECT_REGISTRATION_CATEGORIES = [
  'INDUSTRY_ASSOCIATION_CHAMBER',
  'SCIENCE_TECHNOLOGY',
  'PUBLIC_INTEREST_CHARITY',
  'URBAN_RURAL_COMMUNITY_SERVICE',
] as const satisfies readonly OrganizationCategory[];

const DIRECT_SOURCE =
  'State Council Institutional Reform and Function Transformation Plan (2013); 2016 Opinions on reforming social-organization management (regulations §2)';
const DUAL_SOURCE = '社团条例 Art. 3, 9, 11(2); 民非条例 Art. 3, 8(1), 9(2); 基金会条例 Art. 9(5) (regulations §2)';

/** The seeded national default (migration 1732600000100): four categories direct, everything else dual. */
export const NATIONAL_DEFAULT_RULES: RegimeRule[] = [
  ...DIRECT_REGISTRATION_CATEGORIES.map((category) => ({ form: null, category, regime: 'DIRECT' as const, source: DIRECT_SOURCE })),
  { form: null, category: null, regime: 'DUAL_MANAGEMENT', source: DUAL_SOURCE },
];

export const NATIONAL_DEFAULT_VERSION: RuleSetVersion = {
  ruleSetId: NATIONAL_RULE_SET_ID,
  jurisdiction: NATIONAL_DIVISION,
  version: 1,
  effectiveFrom: startOfCivilDay(civilDate('2013-03-14')),
  rules: NATIONAL_DEFAULT_RULES,
  publishedBy: 'seed',
  publishedAt: startOfCivilDay(civilDate('2013-03-14')),
  note: 'national default seeded from regulations §2',
};

/** The version of each rule set in force at `at`: latest effectiveFrom <= at, ties by highest version. */
export function versionsInForce(versions: readonly RuleSetVersion[], at: Date): RuleSetVersion[] {
  const byId = new Map<string, RuleSetVersion>();
  for (const v of versions) {
    if (v.effectiveFrom.getTime() > at.getTime()) continue;
    const current = byId.get(v.ruleSetId);
    if (
      !current ||
      v.effectiveFrom.getTime() > current.effectiveFrom.getTime() ||
      (v.effectiveFrom.getTime() === current.effectiveFrom.getTime() && v.version > current.version)
    ) {
      byId.set(v.ruleSetId, v);
    }
  }
  return [...byId.values()];
}

function ruleSpecificity(r: RegimeRule): number {
  return (r.category ? 2 : 0) + (r.form ? 1 : 0);
}

export interface RegimeQuery {
  registeringAuthority: string;
  form: OrganizationForm;
  category: OrganizationCategory;
  at: Date;
}

export function resolveRegime(versions: readonly RuleSetVersion[], q: RegimeQuery): RegimeDecision {
  const candidates = versionsInForce(versions, q.at)
    .filter((v) => jurisdictionCovers(v.jurisdiction, q.registeringAuthority))
    .sort((a, b) => divisionPrefix(b.jurisdiction).length - divisionPrefix(a.jurisdiction).length);
  for (const v of candidates) {
    const matching = v.rules
      .filter((r) => (r.form === null || r.form === q.form) && (r.category === null || r.category === q.category))
      .sort((a, b) => ruleSpecificity(b) - ruleSpecificity(a));
    if (matching.length > 0) {
      const rule = matching[0];
      return { regime: rule.regime, policyVersion: policyVersionOf(v), ruleSetId: v.ruleSetId, version: v.version, jurisdiction: v.jurisdiction, source: rule.source };
    }
  }
  throw new RegistrationErrors.NO_POLICY(
    `no registration policy in force covers ${q.registeringAuthority} / ${q.form} / ${q.category} at ${q.at.toISOString()}`,
  );
}

/** A rule set's effective date is a Beijing date: the version applies from 00:00 Beijing time of it. */
export function effectiveFromOf(effectiveOn: CivilDate): Date {
  return startOfCivilDay(effectiveOn);
}

/** The Beijing date a version takes effect. */
export function effectiveOnOf(v: { effectiveFrom: Date }): CivilDate {
  return civilDateOf(v.effectiveFrom);
}

/** An effective instant given for compatibility: the version starts at 00:00 Beijing time of its Beijing date. */
export function normalizeEffectiveFrom(effectiveFrom: Date): Date {
  return effectiveFromOf(civilDateOf(effectiveFrom));
}

export interface NewVersionInput {
  jurisdiction: string;
  /** Taken at 00:00 Beijing time of its Beijing date (normalizeEffectiveFrom) when the version is published. */
  effectiveFrom: Date;
  rules: RegimeRule[];
  note: string | null;
}

/** A rule set belongs to a jurisdiction given as a GB/T 2260 division code. */
export function assertPolicyJurisdiction(jurisdiction: string): void {
  if (!isDivisionCode(jurisdiction)) {
    throw new RegistrationErrors.POLICY_JURISDICTION('jurisdiction must be a 6-digit division code', {
      violations: [{ field: 'jurisdiction', rule: 'divisionCode', message: 'a GB/T 2260 division code' }],
    });
  }
}

/** Registration policy is published by registrars at national or provincial level. */
export function assertPublisherLevel(publisherJurisdiction: string): void {
  const level = divisionLevel(publisherJurisdiction);
  if (level !== 'NATIONAL' && level !== 'PROVINCIAL') {
    throw new RegistrationErrors.POLICY_PUBLISHER_LEVEL(`registration policy is published at national or provincial level; your jurisdiction ${publisherJurisdiction} is ${level}`);
  }
}

/**
 * Checks a new version's content before it is stored: effective strictly in the future (a rule change never
 * rewrites decided history), non-empty rules each citing a source, no two rules for the same (form, category).
 * Who may publish it (level, jurisdiction) is checked with `assertPublisherLevel` and the caller's jurisdiction.
 */
export function assertVersionPublishable(input: NewVersionInput, now: Date): void {
  const effectiveFrom = normalizeEffectiveFrom(input.effectiveFrom);
  if (!(effectiveFrom.getTime() > now.getTime())) {
    throw new RegistrationErrors.POLICY_EFFECTIVE_DATE_NOT_FUTURE(
      `the effective date ${effectiveOnOf({ effectiveFrom })} (from ${effectiveFrom.toISOString()}, 00:00 Beijing time) must be after today (${civilDateOf(now)}, Beijing)`,
      { violations: [{ field: 'effectiveFrom', rule: 'future', message: 'a new version takes effect on a later Beijing date; decided cases keep the version they applied' }] },
    );
  }
  if (input.rules.length === 0) {
    throw new RegistrationErrors.POLICY_RULES_EMPTY('a version needs at least one rule', { violations: [{ field: 'rules', rule: 'nonEmpty', message: 'at least one rule' }] });
  }
  const seen = new Set<string>();
  input.rules.forEach((r, i) => {
    if (!r.source || !r.source.trim()) {
      throw new RegistrationErrors.POLICY_RULE_SOURCE(`rule ${i} cites no source`, { violations: [{ field: `rules.${i}.source`, rule: 'required', message: 'each rule cites its source' }] });
    }
    const key = `${r.form ?? '*'}|${r.category ?? '*'}`;
    if (seen.has(key)) {
      throw new RegistrationErrors.POLICY_RULE_DUPLICATE(`two rules for ${key}`, { violations: [{ field: `rules.${i}`, rule: 'unique', message: 'one rule per (form, category)' }] });
    }
    seen.add(key);
  });
}
