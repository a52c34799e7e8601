import { assertSamePurchaser, bindingOf } from './purchaser-binding';

describe('purchaser binding', () => {
  const withUnit = { subject: 'alice', jurisdiction: '110108', unitId: 'unit-haidian-mca' };
  const noUnit = { subject: 'bob', jurisdiction: '110108' };

  const haidianMca = { unitId: 'unit-haidian-mca', jurisdiction: '110108' };

  it("records the registered organ's unit and jurisdiction (not the signer's broader jurisdiction) and the signer", () => {
    expect(bindingOf({ ...withUnit, jurisdiction: '110000' }, haidianMca)).toEqual({ purchaserUnitId: 'unit-haidian-mca', purchaserJurisdiction: '110108', recordedBy: 'alice' });
  });

  it('a unit-bound contract: the same unit assesses (any subject, any jurisdiction); another unit or none is refused', () => {
    const contract = bindingOf(withUnit, haidianMca);
    expect(() => assertSamePurchaser(contract, { subject: 'carol', jurisdiction: '110000', unitId: 'unit-haidian-mca' })).not.toThrow();
    expect(() => assertSamePurchaser(contract, { subject: 'alice', jurisdiction: '110108', unitId: 'unit-chaoyang-mca' })).toThrow(
      expect.objectContaining({ code: 'PURCHASING.NOT_THE_PURCHASER', kind: 'FORBIDDEN', field: 'contractId' }),
    );
    expect(() => assertSamePurchaser(contract, { subject: 'dave', jurisdiction: '110108' })).toThrow(expect.objectContaining({ code: 'PURCHASING.NOT_THE_PURCHASER' }));
  });

  it('a jurisdiction-bound contract (signed before the organ registry): exactly the same jurisdiction (with or without a unit); a covering one is not enough', () => {
    const contract = { purchaserUnitId: null, purchaserJurisdiction: '110108', recordedBy: 'bob' };
    expect(() => assertSamePurchaser(contract, { subject: 'erin', jurisdiction: '110108', unitId: 'any-unit' })).not.toThrow();
    expect(() => assertSamePurchaser(contract, { subject: 'frank', jurisdiction: '110105' })).toThrow(expect.objectContaining({ code: 'PURCHASING.NOT_THE_PURCHASER' }));
    expect(() => assertSamePurchaser(contract, { subject: 'grace', jurisdiction: '110000' })).toThrow(expect.objectContaining({ code: 'PURCHASING.NOT_THE_PURCHASER' }));
  });

  it('a contract recorded before the binding: only its recorder (fail closed)', () => {
    const legacy = { purchaserUnitId: null, purchaserJurisdiction: null, recordedBy: 'bob' };
    expect(() => assertSamePurchaser(legacy, noUnit)).not.toThrow();
    expect(() => assertSamePurchaser(legacy, { subject: 'frank', jurisdiction: '110108' })).toThrow(expect.objectContaining({ code: 'PURCHASING.NOT_THE_PURCHASER' }));
  });
});
