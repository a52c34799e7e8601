import { ORDER_102_2020 } from './purchasing-rules';
import { assertSignedAfterRegistration, assertSupplierEligible, nextStatus, type MeasureSet, type SupplierFacts } from './supplier-eligibility';

const uscc = '52110108MJ0000018M';
const measures = (m: string[], lists: string[] = ['SERIOUS']): MeasureSet => ({ lists, measures: m, effectiveFrom: '2026-01-01T00:00:00.000Z', ruleVersion: 'credit-lists/order-60@v1' });
const supplier = (over: Partial<SupplierFacts> = {}): SupplierFacts => ({ uscc, status: 'ACTIVE', measures: null, ...over });

describe('supplier eligibility (Order 102 Art. 6–7; regulations §5.3)', () => {
  it('an active registered organization without measures is eligible', () => {
    expect(() => assertSupplierEligible(uscc, supplier(), ORDER_102_2020)).not.toThrow();
    expect(() => assertSupplierEligible(uscc, supplier({ measures: measures([], []) }), ORDER_102_2020)).not.toThrow();
  });

  it('an unknown organization is refused', () => {
    expect(() => assertSupplierEligible(uscc, null, ORDER_102_2020)).toThrow(expect.objectContaining({ code: 'PURCHASING.SUPPLIER_UNKNOWN', field: 'supplierUscc' }) as unknown as Error);
  });

  it('revoked or deregistered organizations are refused', () => {
    for (const status of ['REVOKED', 'DEREGISTERED'] as const)
      expect(() => assertSupplierEligible(uscc, supplier({ status }), ORDER_102_2020)).toThrow(expect.objectContaining({ code: 'PURCHASING.SUPPLIER_NOT_ACTIVE', extensions: expect.objectContaining({ supplierStatus: status }) }) as unknown as Error);
  });

  it('NO_PURCHASE_OF_SERVICES bars, naming the rule and the credit measure ruleVersion; other measures do not', () => {
    expect(() => assertSupplierEligible(uscc, supplier({ measures: measures(['KEY_SUPERVISION', 'NO_PURCHASE_OF_SERVICES']) }), ORDER_102_2020)).toThrow(
      expect.objectContaining({
        code: 'PURCHASING.SUPPLIER_BARRED',
        kind: 'REFUSED',
        rule: 'credit joint measure NO_PURCHASE_OF_SERVICES (regulations §5.3) under credit-lists/order-60@v1',
        extensions: expect.objectContaining({ measures: ['NO_PURCHASE_OF_SERVICES'], measureRuleVersion: 'credit-lists/order-60@v1', lists: ['SERIOUS'] }),
      }) as unknown as Error,
    );
    // Credit decides whether the abnormal list carries the measure: purchasing enforces exactly the published set.
    expect(() => assertSupplierEligible(uscc, supplier({ measures: measures(['NO_EVALUATION'], ['ABNORMAL']) }), ORDER_102_2020)).not.toThrow();
  });

  it('status only moves forward', () => {
    expect(nextStatus('ACTIVE', 'REVOKED')).toBe('REVOKED');
    expect(nextStatus('REVOKED', 'DEREGISTERED')).toBe('DEREGISTERED');
    expect(nextStatus('DEREGISTERED', 'REVOKED')).toBe('DEREGISTERED');
    expect(nextStatus('REVOKED', 'ACTIVE')).toBe('REVOKED');
    expect(nextStatus('REVOKED', 'REVOKED')).toBe('REVOKED');
  });

  it('refuses a contract signed before the supplier was registered', () => {
    const registeredAt = new Date('2026-11-26T01:00:00.000Z');
    expect(() => assertSignedAfterRegistration(uscc, new Date('2026-11-26T01:00:00.000Z'), registeredAt)).not.toThrow();
    expect(() => assertSignedAfterRegistration(uscc, new Date('2026-11-25T00:00:00.000Z'), registeredAt)).toThrow(
      expect.objectContaining({ code: 'PURCHASING.SIGNED_BEFORE_REGISTRATION', field: 'signedAt', kind: 'REFUSED' }) as unknown as Error,
    );
  });

  it('compares the Beijing dates of signing and registration: the registration day counts from 00:00 Beijing time', () => {
    const registeredAt = new Date('2026-11-26T01:00:00.000Z'); // 09:00 Beijing, 26 November
    // 00:00 Beijing on 26 November, before the registration instant but on its day: allowed (was refused by instants).
    expect(() => assertSignedAfterRegistration(uscc, new Date('2026-11-25T16:00:00.000Z'), registeredAt)).not.toThrow();
    expect(() => assertSignedAfterRegistration(uscc, new Date('2026-11-26T00:59:59.999Z'), registeredAt)).not.toThrow();
    // 23:59:59.999 Beijing on 25 November: the day before.
    expect(() => assertSignedAfterRegistration(uscc, new Date('2026-11-25T15:59:59.999Z'), registeredAt)).toThrow(
      expect.objectContaining({
        code: 'PURCHASING.SIGNED_BEFORE_REGISTRATION',
        message: `the contract is dated 2026-11-25, before ${uscc} was registered on 2026-11-26 (Beijing dates)`,
        extensions: expect.objectContaining({ registeredAt: '2026-11-26T01:00:00.000Z', registeredOn: '2026-11-26', signedOn: '2026-11-25' }),
      }) as unknown as Error,
    );
    // Registered at 17:00Z on 25 November = 01:00 Beijing on the 26th: a signing at 10:00Z on the 25th (18:00 Beijing) is the day before.
    expect(() => assertSignedAfterRegistration(uscc, new Date('2026-11-25T10:00:00.000Z'), new Date('2026-11-25T17:00:00.000Z'))).toThrow(
      expect.objectContaining({ code: 'PURCHASING.SIGNED_BEFORE_REGISTRATION', extensions: expect.objectContaining({ registeredOn: '2026-11-26', signedOn: '2026-11-25' }) }) as unknown as Error,
    );
  });
});
