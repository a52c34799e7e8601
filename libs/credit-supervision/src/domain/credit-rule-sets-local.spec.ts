import type { CivilDate } from '@sop/util';
import { CREDIT_RULE_SETS, localRuleSet, ORDER_60_V1, ruleSetFor, ruleVersionOf, SUINING_V1 } from './credit-rules';
import { jointMeasuresOf } from './list-decisions';
import type { ListState } from './list-state';

const AT = new Date('2026-06-01T00:00:00.000Z');

describe('local credit rule sets (issue §2 "local rules are local", regulations §5.3)', () => {
  it('the national default bars purchases only for the serious list (§5.3)', () => {
    expect(ORDER_60_V1.jurisdiction).toBe('100000');
    expect(ORDER_60_V1.jointMeasures.ABNORMAL).not.toContain('NO_PURCHASE_OF_SERVICES');
    expect(ORDER_60_V1.jointMeasures.SERIOUS).toContain('NO_PURCHASE_OF_SERVICES');
  });

  it("Suining's seeded local version bars abnormal-listed organizations from purchases (§5.3)", () => {
    const suining = ruleSetFor(AT, '510903');
    expect(ruleVersionOf(suining)).toBe('credit-lists/510900@v1');
    expect(suining.jointMeasures.ABNORMAL).toEqual(['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES']);
    // Everything but the measures is the national default's.
    expect(suining.abnormal).toEqual(ORDER_60_V1.abnormal);
    expect(suining.serious).toEqual(ORDER_60_V1.serious);
  });

  it('an organization elsewhere gets the national rules', () => {
    expect(ruleVersionOf(ruleSetFor(AT, '110108'))).toBe('credit-lists/order-60@v1');
    expect(ruleVersionOf(ruleSetFor(AT, '510000'))).toBe('credit-lists/order-60@v1'); // the province is not covered by its city
    expect(ruleVersionOf(ruleSetFor(AT, 'not-a-division'))).toBe('credit-lists/order-60@v1');
  });

  it('the most specific covering jurisdiction with a version in force decides; a future version waits for its Beijing date', () => {
    const province = localRuleSet({ jurisdiction: '510000', version: 1, effectiveFrom: '2020-01-01' as CivilDate, jointMeasures: { ABNORMAL: [], SERIOUS: ['NO_FUNDING'] }, source: 's' });
    const county = localRuleSet({ jurisdiction: '510903', version: 1, effectiveFrom: '2030-01-01' as CivilDate, jointMeasures: { ABNORMAL: ['KEY_SUPERVISION'], SERIOUS: [] }, source: 's' });
    const sets = [...CREDIT_RULE_SETS, province, county];
    expect(ruleVersionOf(ruleSetFor(AT, '510903', sets))).toBe('credit-lists/510900@v1'); // city beats province; county not yet in force
    expect(ruleVersionOf(ruleSetFor(new Date('2029-12-31T16:00:00.000Z'), '510903', sets))).toBe('credit-lists/510903@v1');
    expect(ruleVersionOf(ruleSetFor(AT, '510104', sets))).toBe('credit-lists/510000@v1');
    const v2 = localRuleSet({ ...SUINING_V1, version: 2, effectiveFrom: '2026-05-01' as CivilDate });
    expect(ruleSetFor(AT, '510903', [...sets, v2]).version).toBe(2);
  });

  it('joint measures of an abnormal-listed organization follow its rule set', () => {
    const state = { e1: { entryId: 'e1', uscc: 'U', list: 'ABNORMAL', status: 'ACTIVE' } } as unknown as ListState;
    expect(jointMeasuresOf(state, 'U', ruleSetFor(AT, '510903')).measures).toEqual(['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES']);
    expect(jointMeasuresOf(state, 'U', ruleSetFor(AT, '110108')).measures).toEqual(['NO_EVALUATION']);
  });
});
