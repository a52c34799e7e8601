import type { OrganizationCategory, Regime } from '@sop/contracts';

/**
 * Which path an application takes: DIRECT registration or DUAL_MANAGEMENT (supervising-unit consent first).
 * This is the seeded national default rule set (regulations §2): the 2013 State Council plan made four
 * categories directly registrable; everything else keeps a supervising unit. Issue 3 turns rule sets into
 * versioned, jurisdiction-specific data; every decision already records the version it applied.
 */
export interface RegimeRule {
  categories: readonly OrganizationCategory[];
  regime: Regime;
  source: string;
}

export interface RegistrationRuleSet {
  id: string;
  version: number;
  effectiveFrom: string;
  rules: RegimeRule[];
  fallback: { regime: Regime; source: string };
}

export const DIRECT_REGISTRATION_CATEGORIES = [
  'INDUSTRY_ASSOCIATION_CHAMBER',
  'SCIENCE_TECHNOLOGY',
  'PUBLIC_INTEREST_CHARITY',
  'URBAN_RURAL_COMMUNITY_SERVICE',
] as const satisfies readonly OrganizationCategory[];

export const NATIONAL_DEFAULT_RULE_SET: RegistrationRuleSet = {
  id: 'registration-regime/national-default',
  version: 1,
  effectiveFrom: '2013-03-14',
  rules: [
    {
      categories: DIRECT_REGISTRATION_CATEGORIES,
      regime: 'DIRECT',
      source: 'State Council Institutional Reform and Function Transformation Plan (2013); 2016 Opinions on reforming social-organization management (regulations §2)',
    },
  ],
  fallback: {
    regime: 'DUAL_MANAGEMENT',
    source: '社团条例 Art. 3, 9, 11(2); 民非条例 Art. 3, 8(1); 基金会条例 Art. 9(5) (regulations §2)',
  },
};

export interface RegimeDecision {
  regime: Regime;
  /** "<rule-set id>@v<version>", recorded on every application. */
  policyVersion: string;
  source: string;
}

export function decideRegime(category: OrganizationCategory, ruleSet: RegistrationRuleSet = NATIONAL_DEFAULT_RULE_SET): RegimeDecision {
  const policyVersion = `${ruleSet.id}@v${ruleSet.version}`;
  const rule = ruleSet.rules.find((r) => r.categories.includes(category));
  return rule
    ? { regime: rule.regime, policyVersion, source: rule.source }
    : { regime: ruleSet.fallback.regime, policyVersion, source: ruleSet.fallback.source };
}
