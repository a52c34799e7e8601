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
    // Regulations §1.1 (社团条例 Art. 10 para. 2): a national name with 中国/全国/中华 needs the approval's reference.
    expect(codes({ ...group, registeringAuthority: '100000', registeredCapitalFen: 10_000_000, proposedName: '中国科技志愿者协会', nameApprovalReference: '国函〔2027〕12号' })).toEqual([]);
  });

  describe('names under MCA Order 69: division + field + form word (regulations §1.1)', () => {
    const national = { ...group, registeringAuthority: '100000', registeredCapitalFen: 10_000_000 };
    const violation = (f: FoundingFacts) => foundingViolations(f).map(({ error, field, rule }) => ({ code: error.definition.code, field, rule }));

    it('uses 中国/全国/中华 only at national level (100000), with an approval reference, and never for social service organizations', () => {
      for (const name of ['中国科技志愿者协会', '全国科技志愿者协会', '中华科技志愿者协会']) {
        expect(violation({ ...national, proposedName: name })).toEqual([{ code: 'REGISTRATION.NAME_FORBIDDEN_WORD', field: 'nameApprovalReference', rule: 'approvalReference' }]);
        expect(violation({ ...national, proposedName: name, nameApprovalReference: ' ' })).toHaveLength(1);
        expect(violation({ ...national, proposedName: name, nameApprovalReference: '国函〔2027〕12号' })).toEqual([]);
      }
      // Local: refused even with an approval reference (社团条例 Art. 10 para. 2: local groups may not use them).
      expect(violation({ ...group, proposedName: '北京市中华文化促进会', nameApprovalReference: 'x' })).toEqual([{ code: 'REGISTRATION.NAME_FORBIDDEN_WORD', field: 'proposedName', rule: 'forbiddenWord' }]);
      // 民非 may not use them at all (regulations §1.2).
      const sso = { ...national, form: 'SOCIAL_SERVICE_ORGANIZATION' as const, proposedName: '中国康复服务中心', nameApprovalReference: 'x' };
      expect(codes(sso)).toEqual(['REGISTRATION.NAME_FORBIDDEN_WORD']);
      // A national name without these words needs no approval.
      expect(codes({ ...national, proposedName: '科技志愿者协会' })).toEqual([]);
    });

    it('starts a local name with its administrative division', () => {
      expect(codes({ ...group, proposedName: '科技志愿者协会' })).toEqual(['REGISTRATION.NAME_DIVISION']);
      // In a municipality every level starts with the municipality; a district's names may go on with the district.
      expect(codes({ ...group, proposedName: '北京市科技志愿者协会' })).toEqual([]);
      expect(codes({ ...group, proposedName: '海淀区科技志愿者协会' })).toEqual(['REGISTRATION.NAME_DIVISION']);
      expect(codes({ ...group, proposedName: '上海市科技志愿者协会' })).toEqual(['REGISTRATION.NAME_DIVISION']);
      // A provincial authority: the province's name.
      const guangdong = { ...group, registeringAuthority: '440000' };
      expect(codes({ ...guangdong, proposedName: '广东省科技志愿者协会' })).toEqual([]);
      expect(codes({ ...guangdong, proposedName: '深圳市科技志愿者协会' })).toEqual(['REGISTRATION.NAME_DIVISION']);
      expect(foundingViolations({ ...guangdong, proposedName: '深圳市科技志愿者协会' })[0].message).toContain('"广东省"');
      // Below provincial level outside the municipalities: a division name (市/州/县/区…).
      expect(codes({ ...group, registeringAuthority: '440300', proposedName: '深圳市科技志愿者协会' })).toEqual([]);
      expect(codes({ ...group, registeringAuthority: '330106', proposedName: '杭州市西湖区科技志愿者协会' })).toEqual([]);
      expect(codes({ ...group, registeringAuthority: '330106', proposedName: '科技志愿者协会' })).toEqual(['REGISTRATION.NAME_DIVISION']);
    });

    it('states the field (or trade name and field) between division and form word', () => {
      expect(violation({ ...group, proposedName: '北京市协会' })).toEqual([{ code: 'REGISTRATION.NAME_FIELD', field: 'proposedName', rule: 'fieldOrTradeName' }]);
      expect(codes({ ...group, proposedName: '北京市海淀区协会' })).toEqual(['REGISTRATION.NAME_FIELD']);
      const sso = { ...group, form: 'SOCIAL_SERVICE_ORGANIZATION' as const, individualMembers: null };
      expect(codes({ ...sso, proposedName: '北京市海淀区中心' })).toEqual(['REGISTRATION.NAME_FIELD']);
      expect(codes({ ...sso, proposedName: '北京市海淀区阳光社区养老服务中心' })).toEqual([]);
      const foundation = { ...group, form: 'FOUNDATION' as const, registeringAuthority: '110000', foundationType: 'NON_PUBLIC' as const, registeredCapitalFen: 200_000_000 };
      expect(codes({ ...foundation, proposedName: '北京市基金会' })).toEqual(['REGISTRATION.NAME_FIELD']);
      expect(codes({ ...foundation, proposedName: '北京市春晖教育基金会' })).toEqual([]);
    });

    it('names an out-of-town chamber division + home place + 商会 (北京市浙江商会), the home place another province', () => {
      const beijing = { ...group, registeringAuthority: '110000' };
      expect(codes({ ...beijing, proposedName: '北京市浙江商会' })).toEqual([]);
      expect(codes({ ...beijing, proposedName: '北京市浙江省商会' })).toEqual([]);
      expect(codes({ ...beijing, proposedName: '北京市内蒙古商会' })).toEqual([]);
      expect(codes({ ...group, registeringAuthority: '440300', proposedName: '深圳市湖南商会' })).toEqual([]);
      expect(codes({ ...beijing, proposedName: '北京市北京商会' })).toEqual(['REGISTRATION.NAME_OUT_OF_TOWN_CHAMBER']);
      expect(codes({ ...group, registeringAuthority: '440300', proposedName: '深圳市广东商会' })).toEqual(['REGISTRATION.NAME_OUT_OF_TOWN_CHAMBER']);
      // A home place alone is a field only for a 商会; an industry chamber stays an ordinary name.
      expect(codes({ ...beijing, proposedName: '北京市浙江协会' })).toEqual(['REGISTRATION.NAME_FIELD']);
      expect(codes({ ...beijing, proposedName: '北京市汽车商会' })).toEqual([]);
    });
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
