import { evaluateQualification, qualificationInForce, validityOf, type UndertakerFacts, type UndertakerQualification } from './qualification';
import { assertRuleSetPublishable, NATIONAL_TRANSFER_RULES, transferRuleVersionOf, transferRulesInForce } from './transfer-rules';
import { civilDate } from '@sop/util';

const now = new Date('2026-03-02T02:00:00.000Z');
const facts = (over: Partial<UndertakerFacts> = {}): UndertakerFacts => ({
  uscc: '51110101MJ0000018X',
  name: '南锣鼓巷商会',
  registeringAuthority: '110101',
  status: 'ACTIVE',
  registrationEventId: 'ev-reg',
  statusEventId: null,
  measures: null,
  grade: { gradeId: 'g1', grade: '4A', awardedGrade: '4A', validFrom: '2026-01-01', validUntil: '2030-12-31', validFromStartsAt: null, validUntilEndsAt: null, lowered: false, ruleVersion: 'evaluation/order-39@v1' },
  ...over,
});
const failed = (f: UndertakerFacts) => evaluateQualification(f, NATIONAL_TRANSFER_RULES, now).rules.filter((r) => r.outcome === 'FAIL').map((r) => r.rule);

describe('undertaker qualification rules (regulations §8 item 2)', () => {
  it('qualifies a registered, active, unlisted 3A+ organization, with every rule and its evidence', () => {
    const e = evaluateQualification(facts(), NATIONAL_TRANSFER_RULES, now);
    expect(e.qualified).toBe(true);
    expect(e.ruleVersion).toBe('function-transfer/100000@v1');
    expect(e.rules.map((r) => r.rule)).toEqual(['REGISTERED_AND_ACTIVE', 'ON_NO_LIST', 'MINIMUM_GRADE', 'ANNUAL_REPORT']);
    expect(e.rules[2].evidence).toMatchObject({ minimumGrade: '3A', grade: { gradeId: 'g1', grade: '4A' } });
  });

  it('fails each rule on its own fact', () => {
    expect(failed(facts({ status: 'REVOKED' }))).toEqual(['REGISTERED_AND_ACTIVE']);
    expect(failed(facts({ measures: { lists: ['SERIOUS'], measures: [], effectiveFrom: '', ruleVersion: 'c', eventId: 'm' } }))).toEqual(['ON_NO_LIST']);
    expect(failed(facts({ measures: { lists: ['ABNORMAL'], measures: [], effectiveFrom: '', ruleVersion: 'c', eventId: 'm' } }))).toEqual(['ON_NO_LIST', 'ANNUAL_REPORT']);
    expect(failed(facts({ grade: null }))).toEqual(['MINIMUM_GRADE']);
    expect(failed(facts({ grade: { ...facts().grade!, grade: '2A' } }))).toEqual(['MINIMUM_GRADE']);
  });

  it('is valid for the rule set’s 5 years from the grant’s Beijing date, inclusive, and only while active', () => {
    const v = validityOf(new Date('2026-03-01T17:00:00.000Z'), NATIONAL_TRANSFER_RULES); // 2026-03-02 01:00 Beijing
    expect(v).toEqual({ validFrom: '2026-03-02', validTo: '2031-03-01' });
    const q = { status: 'ACTIVE', validFrom: v.validFrom, validTo: v.validTo } as unknown as UndertakerQualification;
    expect(qualificationInForce(q, civilDate('2031-03-01'))).toBe(true);
    expect(qualificationInForce(q, civilDate('2031-03-02'))).toBe(false);
    expect(qualificationInForce({ ...q, status: 'SUSPENDED' }, civilDate('2027-01-01'))).toBe(false);
  });
});

describe('transfer rule versions (kept as data, published by civil affairs)', () => {
  const local = { effectiveFrom: civilDate('2026-03-03'), qualification: { ...NATIONAL_TRANSFER_RULES.qualification, validityYears: 3 }, concentration: NATIONAL_TRANSFER_RULES.concentration };

  it('the most specific version in force decides', () => {
    const versions = [NATIONAL_TRANSFER_RULES, { ...NATIONAL_TRANSFER_RULES, ...local, jurisdiction: '110101', source: 'local' }];
    expect(transferRuleVersionOf(transferRulesInForce('110101', new Date('2026-03-02T15:59:59.999Z'), versions))).toBe('function-transfer/100000@v1');
    expect(transferRuleVersionOf(transferRulesInForce('110101', new Date('2026-03-02T16:00:00.000Z'), versions))).toBe('function-transfer/110101@v1');
    expect(transferRuleVersionOf(transferRulesInForce('110102', new Date('2026-04-01T00:00:00.000Z'), versions))).toBe('function-transfer/100000@v1');
  });

  it('refuses values out of range and a past effective date, naming the field', () => {
    expect(() => assertRuleSetPublishable(local, now)).not.toThrow();
    expect(() => assertRuleSetPublishable({ ...local, qualification: { ...local.qualification, validityYears: 11 } }, now)).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.RULE_SET_INVALID', field: 'qualification.validityYears' }));
    expect(() => assertRuleSetPublishable({ ...local, qualification: { ...local.qualification, barringLists: ['OTHER'] } }, now)).toThrow(expect.objectContaining({ field: 'qualification.barringLists' }));
    expect(() => assertRuleSetPublishable({ ...local, concentration: { ...local.concentration, hhiAlert: 10001 } }, now)).toThrow(expect.objectContaining({ field: 'concentration.hhiAlert' }));
    expect(() => assertRuleSetPublishable({ ...local, effectiveFrom: civilDate('2026-03-01') }, now)).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.RULE_SET_EFFECTIVE_DATE_PAST' }));
  });
});
