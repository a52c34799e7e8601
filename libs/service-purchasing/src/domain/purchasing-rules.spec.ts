import { civilDate } from '@sop/util';
import { ORDER_102_2020, ruleSetAt, ruleSetInForce, ruleSetStartsAt, ruleVersionOf, type PurchasingRuleSet } from './purchasing-rules';

describe('purchasing rule sets', () => {
  it('Order 102 is in force from 2020-03-01 (00:00 Beijing time) and versioned by that date', () => {
    expect(ruleVersionOf(ORDER_102_2020)).toBe('purchasing/order-102@2020-03-01');
    expect(ruleSetStartsAt(ORDER_102_2020).toISOString()).toBe('2020-02-29T16:00:00.000Z');
    expect(ruleSetAt(new Date('2020-02-29T15:59:59.999Z'))).toBeNull(); // 23:59:59.999 Beijing, 29 February
    expect(ruleSetAt(new Date('2020-02-29T16:00:00.000Z'))).toBe(ORDER_102_2020); // 00:00 Beijing, 1 March
    expect(ruleSetAt(new Date('2020-03-01T00:00:00.000Z'))).toBe(ORDER_102_2020);
  });

  it('a later set wins from its effective day, the earlier one still applies before it', () => {
    const local: PurchasingRuleSet = { ...ORDER_102_2020, id: 'purchasing/local', effectiveFrom: civilDate('2027-01-01') };
    expect(ruleSetAt(new Date('2026-12-31T15:59:59.999Z'), [local, ORDER_102_2020])).toBe(ORDER_102_2020);
    // 2026-12-31T23:00Z is already 1 January 2027 07:00 in Beijing (it used to be the old set, by the UTC date).
    expect(ruleSetAt(new Date('2026-12-31T16:00:00Z'), [ORDER_102_2020, local])).toBe(local);
    expect(ruleSetAt(new Date('2026-12-31T23:00:00Z'), [local, ORDER_102_2020])).toBe(local);
    expect(ruleSetAt(new Date('2027-01-01T00:00:00Z'), [ORDER_102_2020, local])).toBe(local);
    // "effective 2026-03-01" applies from 2026-02-28T16:00Z.
    const march: PurchasingRuleSet = { ...ORDER_102_2020, id: 'purchasing/march', effectiveFrom: civilDate('2026-03-01') };
    expect(ruleSetAt(new Date('2026-02-28T15:59:59.999Z'), [march, ORDER_102_2020])).toBe(ORDER_102_2020);
    expect(ruleSetAt(new Date('2026-02-28T16:00:00.000Z'), [march, ORDER_102_2020])).toBe(march);
  });

  it('a decision before the first rule set is refused with NO_RULE_SET, naming the field that chose the day', () => {
    expect(ruleSetInForce(new Date('2020-02-29T16:00:00.000Z'), 'signedAt')).toBe(ORDER_102_2020);
    expect(() => ruleSetInForce(new Date('2020-02-29T15:59:59.999Z'), 'signedAt')).toThrow(
      expect.objectContaining({
        code: 'PURCHASING.NO_RULE_SET',
        kind: 'REFUSED',
        message: 'no purchasing rule set in force on 2020-02-29',
        violations: [{ field: 'signedAt', rule: 'Order 102 in force from 2020-03-01 (regulations §7.1)', message: 'before the first purchasing rule set' }],
        extensions: {},
      }) as unknown as Error,
    );
  });

  it('the rule set effective date is a real Beijing civil date', () => {
    expect(civilDate(ORDER_102_2020.effectiveFrom)).toBe('2020-03-01');
  });
});
