import { ORDER_60_V1, ruleSetAt, ruleSetStartsAt, ruleVersionOf, type CreditRuleSet } from './credit-rules';
import { decideTrigger } from './list-decisions';
import { penaltyTriggers, type Penalty } from './penalty';
import { idSequence, USCC } from '../test-support/list-fixtures';

const newId = idSequence();

describe('credit rule sets', () => {
  it('picks the set in force and names its version', () => {
    expect(ruleVersionOf(ruleSetAt(new Date('2026-01-01T00:00:00Z')))).toBe('credit-lists/order-60@v1');
    expect(() => ruleSetAt(new Date('2017-01-01T00:00:00Z'))).toThrow(RangeError);
  });

  it('a rule set is in force from 00:00 Beijing time of its effective date (16:00 UTC the day before)', () => {
    // Order 60 took effect on 24 January 2018 (Beijing).
    expect(ruleSetStartsAt(ORDER_60_V1).toISOString()).toBe('2018-01-23T16:00:00.000Z');
    expect(() => ruleSetAt(new Date('2018-01-23T15:59:59.999Z'))).toThrow(RangeError);
    expect(ruleSetAt(new Date('2018-01-23T16:00:00.000Z')).version).toBe(1);
  });

  it('a later version applies from its effectiveFrom and decisions record it; earlier decisions keep theirs', () => {
    const v2 = { ...ORDER_60_V1, version: 2, effectiveFrom: '2030-01-01', serious: { ...ORDER_60_V1.serious, largeFineThresholdFen: 10_000_000 } } as CreditRuleSet;
    const sets = [ORDER_60_V1, v2];
    // Updated for civil time: "effective 2030-01-01" starts at 00:00 Beijing, 2029-12-31T16:00Z (was 00:00 UTC).
    expect(ruleSetAt(new Date('2029-12-31T15:59:59.999Z'), sets).version).toBe(1);
    const rules = ruleSetAt(new Date('2029-12-31T16:00:00.000Z'), sets);
    expect(ruleVersionOf(rules)).toBe('credit-lists/order-60@v2');
    const fine: Penalty = { penaltyId: 'p', uscc: USCC, kind: 'FINE', amountFen: 6_000_000, suspendedUntil: null, decidedAt: '2030-02-01T00:00:00.000Z', decidingBody: 'x', basis: 'y' };
    expect(penaltyTriggers(fine, [], ORDER_60_V1, '110108').map((t) => t.reason)).toEqual(['LARGE_FINE']);
    const [trigger] = penaltyTriggers(fine, [], rules, '110108');
    expect(trigger.reason).toBe('WARNING_OR_SMALL_FINE');
    expect(decideTrigger({}, trigger, rules, newId)[0].ruleVersion).toBe('credit-lists/order-60@v2');
  });

  it('refuses a rule set whose effective date is not a civil date', () => {
    expect(() => ruleSetStartsAt({ effectiveFrom: '2030-01-01T00:00:00.000Z' } as CreditRuleSet)).toThrow(/civil date/);
  });
});
