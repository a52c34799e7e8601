import fc from 'fast-check';
import type { OrganizationForm } from '@sop/contracts';
import { foundingViolations, minimumFundsFen, minimumMembersMet, assertFoundingConditions, type FoundingFacts } from './founding-conditions';

const group: FoundingFacts = {
  proposedName: '北京市海淀区科技志愿者协会',
  form: 'SOCIAL_GROUP',
  registeringAuthority: '110108',
  domicile: '北京市海淀区中关村南大街5号',
  purpose: '组织科技志愿服务',
  legalRepresentativeName: '李四',
  registeredCapitalFen: 3_000_000,
  individualMembers: 50,
  unitMembers: 0,
  foundationType: null,
};
const codes = (f: FoundingFacts) => foundingViolations(f).map((v) => v.error.definition.code);

describe('founding conditions (regulations §1.1-1.3)', () => {
  it('accepts a local social group exactly at the thresholds', () => {
    expect(codes(group)).toEqual([]);
    expect(codes({ ...group, individualMembers: 0, unitMembers: 30 })).toEqual([]);
    expect(codes({ ...group, individualMembers: 20, unitMembers: 30 })).toEqual([]);
  });

  it('names the members rule (社团条例 Art. 10(1))', () => {
    expect(() => assertFoundingConditions({ ...group, individualMembers: 49 })).toThrow(
      expect.objectContaining({ code: 'REGISTRATION.MEMBERS_BELOW_MINIMUM', kind: 'REFUSED', message: expect.stringContaining('社团条例 Art. 10(1)') }) as unknown as Error,
    );
    expect(codes({ ...group, individualMembers: 1, unitMembers: 30 })).toEqual(['REGISTRATION.MEMBERS_BELOW_MINIMUM']); // mixed: 31 < 50
    expect(codes({ ...group, individualMembers: null, unitMembers: null })).toEqual(['REGISTRATION.MEMBERS_BELOW_MINIMUM']);
  });

  it('property: membership is met iff ≥ 50 individual, ≥ 30 unit, or mixed total ≥ 50', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), (i, u) => {
        const expected = i > 0 && u > 0 ? i + u >= 50 : i >= 50 || u >= 30;
        return minimumMembersMet(i, u) === expected;
      }),
      { numRuns: 3000 },
    );
  });

  it.each<[OrganizationForm, string, 'PUBLIC' | 'NON_PUBLIC' | null, number | null]>([
    ['SOCIAL_GROUP', '100000', null, 10_000_000],
    ['SOCIAL_GROUP', '110108', null, 3_000_000],
    ['SOCIAL_GROUP', '110000', null, 3_000_000],
    ['FOUNDATION', '100000', 'PUBLIC', 800_000_000],
    ['FOUNDATION', '110000', 'PUBLIC', 400_000_000],
    ['FOUNDATION', '100000', 'NON_PUBLIC', 200_000_000],
    ['FOUNDATION', '110000', 'NON_PUBLIC', 200_000_000],
    ['SOCIAL_SERVICE_ORGANIZATION', '110108', null, null],
  ])('minimum funds of %s at %s (%s): %s fen', (form, authority, type, fen) => {
    expect(minimumFundsFen(form, authority, type)?.fen ?? null).toBe(fen);
  });

  it('property: funds pass exactly from the minimum upwards (fen arithmetic)', () => {
    const cases = fc.constantFrom(
      { form: 'SOCIAL_GROUP' as const, authority: '100000', type: null, name: '中国科技志愿者协会' },
      { form: 'SOCIAL_GROUP' as const, authority: '440300', type: null, name: '深圳市科技志愿者协会' },
      { form: 'FOUNDATION' as const, authority: '100000', type: 'PUBLIC' as const, name: '中华慈善基金会' },
      { form: 'FOUNDATION' as const, authority: '440000', type: 'PUBLIC' as const, name: '广东省慈善基金会' },
      { form: 'FOUNDATION' as const, authority: '440000', type: 'NON_PUBLIC' as const, name: '广东省教育基金会' },
    );
    fc.assert(
      fc.property(cases, fc.integer({ min: 0, max: 2_000_000_000 }), (c, fen) => {
        const facts = { ...group, form: c.form, registeringAuthority: c.authority, foundationType: c.type, proposedName: c.name, registeredCapitalFen: fen };
        const min = minimumFundsFen(c.form, c.authority, c.type)?.fen ?? 0;
        return codes(facts).includes('REGISTRATION.FUNDS_BELOW_MINIMUM') === fen < min;
      }),
      { numRuns: 2000 },
    );
  });

  it('checks names: form word and forbidden words', () => {
    expect(codes({ ...group, proposedName: '北京市海淀区科技志愿者' })).toEqual(['REGISTRATION.NAME_FORM_WORD']);
    expect(codes({ ...group, proposedName: '北京市海淀区科技基金会' })).toEqual(['REGISTRATION.NAME_FORM_WORD']);
    expect(codes({ ...group, proposedName: '中国海淀科技志愿者协会' })).toEqual(['REGISTRATION.NAME_FORBIDDEN_WORD']);
    expect(codes({ ...group, registeringAuthority: '100000', registeredCapitalFen: 10_000_000, proposedName: '中国科技志愿者协会' })).toEqual([]);
  });

  it('foundations register only at national or provincial level and state their type', () => {
    const foundation = { ...group, form: 'FOUNDATION' as const, proposedName: '北京市海淀区教育基金会', foundationType: 'NON_PUBLIC' as const, registeredCapitalFen: 200_000_000 };
    expect(codes(foundation)).toEqual(['REGISTRATION.FOUNDATION_AUTHORITY_LEVEL']);
    expect(codes({ ...foundation, registeringAuthority: '110000', proposedName: '北京市教育基金会' })).toEqual([]);
    expect(codes({ ...foundation, registeringAuthority: '110000', proposedName: '北京市教育基金会', foundationType: null })).toContain('REGISTRATION.FOUNDATION_TYPE_REQUIRED');
  });

  it('requires domicile, purpose and legal representative', () => {
    expect(codes({ ...group, domicile: ' ', purpose: '', legalRepresentativeName: ' ' })).toEqual([
      'REGISTRATION.DOMICILE_REQUIRED',
      'REGISTRATION.PURPOSE_REQUIRED',
      'REGISTRATION.LEGAL_REPRESENTATIVE_REQUIRED',
    ]);
  });
});
