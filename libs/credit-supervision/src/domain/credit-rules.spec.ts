import { ORDER_60_V1, addMonthsUtc, addYearsUtc, ruleSetAt, ruleVersionOf } from './credit-rules';
import { decideTrigger } from './list-decisions';
import { penaltyTriggers, type Penalty } from './penalty';
import { idSequence, USCC } from '../test-support/list-fixtures';

const newId = idSequence();

describe('credit rule sets', () => {
  it('picks the set in force and names its version', () => {
    expect(ruleVersionOf(ruleSetAt(new Date('2026-01-01T00:00:00Z')))).toBe('credit-lists/order-60@v1');
    expect(() => ruleSetAt(new Date('2017-01-01T00:00:00Z'))).toThrow(RangeError);
  });
  it('a later version applies from its effectiveFrom and decisions record it; earlier decisions keep theirs', () => {
    const v2 = { ...ORDER_60_V1, version: 2, effectiveFrom: '2030-01-01T00:00:00.000Z', serious: { ...ORDER_60_V1.serious, largeFineThresholdFen: 10_000_000 } };
    const sets = [ORDER_60_V1, v2];
    expect(ruleSetAt(new Date('2029-12-31T23:59:59.999Z'), sets).version).toBe(1);
    const rules = ruleSetAt(new Date('2030-01-01T00:00:00.000Z'), sets);
    expect(ruleVersionOf(rules)).toBe('credit-lists/order-60@v2');
    const fine: Penalty = { penaltyId: 'p', uscc: USCC, kind: 'FINE', amountFen: 6_000_000, suspendedUntil: null, decidedAt: '2030-02-01T00:00:00.000Z', decidingBody: 'x', basis: 'y' };
    expect(penaltyTriggers(fine, [], ORDER_60_V1, '110108').map((t) => t.reason)).toEqual(['LARGE_FINE']);
    const [trigger] = penaltyTriggers(fine, [], rules, '110108');
    expect(trigger.reason).toBe('WARNING_OR_SMALL_FINE');
    expect(decideTrigger({}, trigger, rules, newId)[0].ruleVersion).toBe('credit-lists/order-60@v2');
  });

  it('adds months clamping to the month end', () => {
    expect(addMonthsUtc(new Date('2025-08-31T10:00:00Z'), 6).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addYearsUtc(new Date('2024-02-29T00:00:00Z'), 2).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });
});
