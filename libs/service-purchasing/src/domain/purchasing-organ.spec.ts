import { PURCHASING_ORGAN_KINDS } from '@sop/contracts';
import { assertPurchasingKind, assertRegistrarCovers, levelOf, ORGAN_KIND_RULES, signingOrgan, type PurchasingOrganVersion } from './purchasing-organ';

const organ = (over: Partial<PurchasingOrganVersion> = {}): PurchasingOrganVersion => ({
  unitId: 'unit-haidian-mca',
  version: 1,
  name: '北京市海淀区民政局',
  kind: 'STATE_ORGAN',
  jurisdiction: '110108',
  reason: null,
  recordedBy: 'finance-bj',
  recordedAt: new Date('2026-03-01T00:00:00Z'),
  eventId: 'e',
  ...over,
});

describe('purchasing organs (Order 102 Art. 5 and 8)', () => {
  it('only state organs purchase; each other kind is refused with its article, naming the field kind', () => {
    expect(PURCHASING_ORGAN_KINDS.filter((k) => ORGAN_KIND_RULES[k].purchases)).toEqual(['STATE_ORGAN']);
    expect(() => assertPurchasingKind('STATE_ORGAN')).not.toThrow();
    expect(() => assertPurchasingKind('PUBLIC_INSTITUTION_CATEGORY_1')).toThrow(
      expect.objectContaining({ code: 'PURCHASING.ORGAN_NOT_A_PURCHASER', kind: 'REFUSED', violations: [expect.objectContaining({ field: 'kind', message: expect.stringContaining('Art. 8') })] }),
    );
    expect(() => assertPurchasingKind('PEOPLES_ORGANIZATION_APPROPRIATION_FUNDED')).toThrow(expect.objectContaining({ message: expect.stringContaining('Art. 8') }));
    expect(() => assertPurchasingKind('PUBLIC_INSTITUTION_OTHER')).toThrow(expect.objectContaining({ message: expect.stringContaining('Art. 5') }));
  });

  it('the level follows from the jurisdiction', () => {
    expect(['100000', '110000', '110100', '110108'].map((jurisdiction) => levelOf({ jurisdiction }))).toEqual(['NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY']);
  });

  it('a finance officer registers within its jurisdiction only (403), a real division code (400)', () => {
    expect(() => assertRegistrarCovers('110000', '110108')).not.toThrow();
    expect(() => assertRegistrarCovers('110108', '110108')).not.toThrow();
    expect(() => assertRegistrarCovers('110108', '110000')).toThrow(expect.objectContaining({ code: 'PURCHASING.ORGAN_OUTSIDE_JURISDICTION', kind: 'FORBIDDEN' }));
    expect(() => assertRegistrarCovers('110000', '310104')).toThrow(expect.objectContaining({ code: 'PURCHASING.ORGAN_OUTSIDE_JURISDICTION' }));
    expect(() => assertRegistrarCovers('100000', '000000')).toThrow(expect.objectContaining({ code: 'PURCHASING.ORGAN_JURISDICTION_INVALID', kind: 'INVALID' }));
  });

  describe('the signing organ', () => {
    const refused = (detail: string) => expect.objectContaining({ code: 'PURCHASING.PURCHASER_NOT_REGISTERED', kind: 'FORBIDDEN', message: expect.stringContaining(detail), rule: expect.stringContaining('Order 102 Art. 5') });

    it("is the token's unit, registered as a state organ in a covered division; its registered name is the purchaser", () => {
      expect(signingOrgan({ jurisdiction: '110108', unitId: 'unit-haidian-mca' }, organ(), undefined)).toMatchObject({ name: '北京市海淀区民政局' });
      expect(signingOrgan({ jurisdiction: '110000', unitId: 'unit-haidian-mca' }, organ(), '北京市海淀区民政局')).toMatchObject({ unitId: 'unit-haidian-mca' });
    });

    it('refuses a token without unit_id, an unregistered unit, a kind that does not purchase, an organ outside the token jurisdiction', () => {
      expect(() => signingOrgan({ jurisdiction: '110108' }, null, undefined)).toThrow(refused('names no unit'));
      expect(() => signingOrgan({ jurisdiction: '110108', unitId: 'unit-x' }, null, undefined)).toThrow(refused('unit unit-x is not a registered purchasing organ'));
      expect(() => signingOrgan({ jurisdiction: '110108', unitId: 'unit-haidian-mca' }, organ({ kind: 'PUBLIC_INSTITUTION_CATEGORY_1' }), undefined)).toThrow(refused('Art. 8'));
      expect(() => signingOrgan({ jurisdiction: '110105', unitId: 'unit-haidian-mca' }, organ(), undefined)).toThrow(refused('outside your jurisdiction 110105'));
    });

    it('a purchaser name that differs from the registered one is 422 naming purchaser', () => {
      expect(() => signingOrgan({ jurisdiction: '110108', unitId: 'unit-haidian-mca' }, organ(), '上海市徐汇区民政局')).toThrow(
        expect.objectContaining({ code: 'PURCHASING.PURCHASER_NAME_MISMATCH', kind: 'REFUSED', violations: [expect.objectContaining({ field: 'purchaser' })], extensions: { registeredName: '北京市海淀区民政局' } }),
      );
    });
  });
});
