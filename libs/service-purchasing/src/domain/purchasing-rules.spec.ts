import { civilDate } from '@sop/util';
import { localVersion } from '../test-support/local-rule-set.fixture';
import { NATIONAL_DEFAULT_VERSION, ORDER_102_2020, ruleSetAt, ruleSetInForce, ruleSetStartsAt, ruleVersionOf, type PurchasingRuleSetVersion } from './purchasing-rules';

const national = NATIONAL_DEFAULT_VERSION;
/** The `ruleVersion` a decision at `iso` by a purchaser of `jurisdiction` records, or null. */
const label = (iso: string, jurisdiction: string, versions: readonly PurchasingRuleSetVersion[]) => {
  const rules = ruleSetAt(new Date(iso), jurisdiction, versions);
  return rules ? ruleVersionOf(rules) : null;
};

describe('purchasing rule sets', () => {
  it('the national default is Order 102 from 2020-03-01 (00:00 Beijing time), labelled by jurisdiction and version, without performance bands (§7.2)', () => {
    expect(ruleVersionOf(ORDER_102_2020)).toBe('purchasing/100000@v1');
    expect(ORDER_102_2020).toMatchObject({ jurisdiction: '100000', version: 1, performance: null, term: { normalMaxYears: 1, multiYearMaxYears: 3 } });
    expect(ruleSetStartsAt(ORDER_102_2020).toISOString()).toBe('2020-02-29T16:00:00.000Z');
    expect(ruleSetAt(new Date('2020-02-29T15:59:59.999Z'), '110108')).toBeNull(); // 23:59:59.999 Beijing, 29 February
    expect(ruleSetAt(new Date('2020-02-29T16:00:00.000Z'), '110108')).toEqual(ORDER_102_2020); // 00:00 Beijing, 1 March
    expect(ruleSetAt(new Date('2020-03-01T00:00:00.000Z'), '100000')).toEqual(ORDER_102_2020);
  });

  it('a local version wins for purchasers it covers from its effective Beijing day; the national default before it and elsewhere', () => {
    const beijing = localVersion('110000', '2027-01-01');
    const versions = [beijing, national];
    expect(label('2026-12-31T15:59:59.999Z', '110108', versions)).toBe('purchasing/100000@v1');
    // 2026-12-31T16:00Z is 1 January 2027 00:00 in Beijing.
    const local = ruleSetAt(new Date('2026-12-31T16:00:00Z'), '110108', versions);
    expect(local && ruleVersionOf(local)).toBe('purchasing/110000@v1');
    expect(local?.performance?.bands).toEqual(beijing.bands);
    expect(local?.term).toEqual(ORDER_102_2020.term); // a local set keeps Order 102's national rules (Art. 24)
    expect(label('2027-06-01T00:00:00Z', '110000', versions)).toBe('purchasing/110000@v1');
    // Shanghai's purchasers are not covered by Beijing's set; nor is a national purchaser.
    expect(label('2027-06-01T00:00:00Z', '310104', versions)).toBe('purchasing/100000@v1');
    expect(label('2027-06-01T00:00:00Z', '100000', versions)).toBe('purchasing/100000@v1');
  });

  it('the most specific covering jurisdiction with a version in force wins; within a rule set the latest version in force', () => {
    const versions = [
      national,
      localVersion('110000', '2026-01-01'),
      localVersion('110000', '2027-01-01', { version: 2, bands: [{ minScore: 0, outcome: 'QUALIFIED' }] }),
      localVersion('110100', '2027-06-01'),
      localVersion('110108', '2028-01-01'),
    ];
    const at = (iso: string, j: string) => label(iso, j, versions);
    expect(at('2026-06-01T00:00:00Z', '110108')).toBe('purchasing/110000@v1');
    expect(at('2027-03-01T00:00:00Z', '110108')).toBe('purchasing/110000@v2');
    expect(at('2027-06-01T00:00:00Z', '110108')).toBe('purchasing/110100@v1'); // the city, once in force
    expect(at('2027-06-01T00:00:00Z', '110228')).toBe('purchasing/110000@v2'); // another county of the province
    expect(at('2028-01-01T00:00:00Z', '110108')).toBe('purchasing/110108@v1');
    expect(at('2028-01-01T00:00:00Z', '110105')).toBe('purchasing/110100@v1');
  });

  it('a decision before the first rule set is refused with NO_RULE_SET, naming the field that chose the day', () => {
    expect(ruleSetInForce(new Date('2020-02-29T16:00:00.000Z'), 'signedAt')).toEqual(ORDER_102_2020);
    expect(() => ruleSetInForce(new Date('2020-02-29T15:59:59.999Z'), 'signedAt', '110108')).toThrow(
      expect.objectContaining({
        code: 'PURCHASING.NO_RULE_SET',
        kind: 'REFUSED',
        message: 'no purchasing rule set in force on 2020-02-29 for 110108',
        violations: [{ field: 'signedAt', rule: 'Order 102 in force from 2020-03-01 (regulations §7.1)', message: 'before the first purchasing rule set' }],
        extensions: {},
      }) as unknown as Error,
    );
  });

  it('the rule set effective date is a real Beijing civil date', () => {
    expect(civilDate(ORDER_102_2020.effectiveFrom)).toBe('2020-03-01');
  });
});
