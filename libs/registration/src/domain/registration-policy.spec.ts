import fc from 'fast-check';
import { ORGANIZATION_CATEGORIES, ORGANIZATION_FORMS } from '@sop/contracts';
import { NATIONAL_DEFAULT_VERSION, resolveRegime, type RuleSetVersion } from './registration-policy';

const now = new Date('2026-11-25T08:00:00Z');
const v = (jurisdiction: string, version: number, effectiveFrom: string, rules: RuleSetVersion['rules']): RuleSetVersion => ({
  ruleSetId: `registration-regime/${jurisdiction}`,
  jurisdiction,
  version,
  effectiveFrom: new Date(effectiveFrom),
  rules,
  publishedBy: 'registrar',
  publishedAt: now,
  note: null,
});
const beijingHealthDirect = v('110000', 1, '2027-01-01T00:00:00Z', [{ form: null, category: 'HEALTH', regime: 'DIRECT', source: 'Beijing notice 2026' }]);
const haidianHealthDual = v('110108', 1, '2027-01-01T00:00:00Z', [
  { form: 'FOUNDATION', category: 'HEALTH', regime: 'DUAL_MANAGEMENT', source: 'Haidian notice' },
]);

describe('registration policy as versioned data', () => {
  it('seeds the national default: the four categories direct, the rest dual, each citing its source', () => {
    for (const category of ['INDUSTRY_ASSOCIATION_CHAMBER', 'SCIENCE_TECHNOLOGY', 'PUBLIC_INTEREST_CHARITY', 'URBAN_RURAL_COMMUNITY_SERVICE'] as const) {
      expect(resolveRegime([NATIONAL_DEFAULT_VERSION], { registeringAuthority: '110108', form: 'SOCIAL_GROUP', category, at: now })).toMatchObject({
        regime: 'DIRECT',
        policyVersion: 'registration-regime/national-default@v1',
      });
    }
    const religion = resolveRegime([NATIONAL_DEFAULT_VERSION], { registeringAuthority: '100000', form: 'SOCIAL_GROUP', category: 'RELIGION', at: now });
    expect(religion.regime).toBe('DUAL_MANAGEMENT');
    expect(religion.source).toMatch(/社团条例/);
  });

  it('applies a version only from its effective date; the older decision stays as it was', () => {
    const all = [NATIONAL_DEFAULT_VERSION, beijingHealthDirect];
    const q = { registeringAuthority: '110108', form: 'SOCIAL_GROUP' as const, category: 'HEALTH' as const };
    expect(resolveRegime(all, { ...q, at: new Date('2026-12-31T23:59:59.999Z') })).toMatchObject({ regime: 'DUAL_MANAGEMENT', policyVersion: 'registration-regime/national-default@v1' });
    expect(resolveRegime(all, { ...q, at: new Date('2027-01-01T00:00:00Z') })).toMatchObject({ regime: 'DIRECT', policyVersion: 'registration-regime/110000@v1' });
    // Outside Beijing nothing changes.
    expect(resolveRegime(all, { ...q, registeringAuthority: '310104', at: new Date('2027-06-01T00:00:00Z') }).regime).toBe('DUAL_MANAGEMENT');
  });

  it('lets the most specific jurisdiction win, then the most specific rule', () => {
    const all = [NATIONAL_DEFAULT_VERSION, beijingHealthDirect, haidianHealthDual];
    const at = new Date('2027-02-01T00:00:00Z');
    expect(resolveRegime(all, { registeringAuthority: '110108', form: 'FOUNDATION', category: 'HEALTH', at })).toMatchObject({ regime: 'DUAL_MANAGEMENT', policyVersion: 'registration-regime/110108@v1' });
    // Haidian has no rule for social groups: Beijing's applies.
    expect(resolveRegime(all, { registeringAuthority: '110108', form: 'SOCIAL_GROUP', category: 'HEALTH', at })).toMatchObject({ regime: 'DIRECT', policyVersion: 'registration-regime/110000@v1' });
  });

  it('picks the latest version in force of a rule set', () => {
    const v2 = { ...beijingHealthDirect, version: 2, effectiveFrom: new Date('2027-06-01T00:00:00Z'), rules: [{ form: null, category: 'HEALTH' as const, regime: 'DUAL_MANAGEMENT' as const, source: 'rollback' }] };
    const all = [NATIONAL_DEFAULT_VERSION, beijingHealthDirect, v2];
    const q = { registeringAuthority: '110101', form: 'SOCIAL_GROUP' as const, category: 'HEALTH' as const };
    expect(resolveRegime(all, { ...q, at: new Date('2027-03-01T00:00:00Z') }).policyVersion).toBe('registration-regime/110000@v1');
    expect(resolveRegime(all, { ...q, at: new Date('2027-07-01T00:00:00Z') }).policyVersion).toBe('registration-regime/110000@v2');
  });

  it('property: a rule set of a jurisdiction that does not cover the authority never changes the decision', () => {
    const division = fc.constantFrom('110108', '110000', '110100', '310104', '440300', '440000', '650102');
    fc.assert(
      fc.property(division, division, fc.constantFrom(...ORGANIZATION_FORMS), fc.constantFrom(...ORGANIZATION_CATEGORIES), fc.constantFrom('DIRECT', 'DUAL_MANAGEMENT' as const), (authority, other, form, category, regime) => {
        fc.pre(!authority.startsWith(other.replace(/(00){1,2}$/, '')));
        const extra = v(other, 1, '2020-01-01T00:00:00Z', [{ form: null, category: null, regime, source: 'x' }]);
        const base = resolveRegime([NATIONAL_DEFAULT_VERSION], { registeringAuthority: authority, form, category, at: now });
        return resolveRegime([NATIONAL_DEFAULT_VERSION, extra], { registeringAuthority: authority, form, category, at: now }).policyVersion === base.policyVersion;
      }),
    );
  });
});
