import { addYears, isCalendarDate, ORDER_102_2020, ruleSetAt, ruleSetInForce, ruleVersionOf, type PurchasingRuleSet } from './purchasing-rules';

describe('purchasing rule sets', () => {
  it('Order 102 is in force from 2020-03-01 and versioned by that date', () => {
    expect(ruleVersionOf(ORDER_102_2020)).toBe('purchasing/order-102@2020-03-01');
    expect(ruleSetAt(new Date('2020-02-29T23:59:59.999Z'))).toBeNull();
    expect(ruleSetAt(new Date('2020-03-01T00:00:00.000Z'))).toBe(ORDER_102_2020);
  });

  it('a later set wins from its effective day, the earlier one still applies before it', () => {
    const local: PurchasingRuleSet = { ...ORDER_102_2020, id: 'purchasing/local', effectiveFrom: '2027-01-01' };
    expect(ruleSetAt(new Date('2026-12-31T23:00:00Z'), [local, ORDER_102_2020])).toBe(ORDER_102_2020);
    expect(ruleSetAt(new Date('2027-01-01T00:00:00Z'), [ORDER_102_2020, local])).toBe(local);
  });

  it('a decision before the first rule set is refused with NO_RULE_SET, naming the field that chose the day', () => {
    expect(ruleSetInForce(new Date('2020-03-01T00:00:00.000Z'), 'signedAt')).toBe(ORDER_102_2020);
    expect(() => ruleSetInForce(new Date('2020-02-29T23:59:59.999Z'), 'signedAt')).toThrow(
      expect.objectContaining({
        code: 'PURCHASING.NO_RULE_SET',
        kind: 'REFUSED',
        message: 'no purchasing rule set in force on 2020-02-29',
        violations: [{ field: 'signedAt', rule: 'Order 102 in force from 2020-03-01 (regulations §7.1)', message: 'before the first purchasing rule set' }],
        extensions: {},
      }) as unknown as Error,
    );
  });

  it('dates: calendar validity and anniversaries', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-2-1')).toBe(false);
    expect(addYears('2026-01-01', 3)).toBe('2029-01-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
  });
});
