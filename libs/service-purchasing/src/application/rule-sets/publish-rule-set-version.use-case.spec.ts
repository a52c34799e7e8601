import { civilDate } from '@sop/util';
import { SAMPLE_BANDS } from '../../test-support/local-rule-set.fixture';
import type { NewRuleSetVersionInput } from '../../domain/rule-set-publishing';
import { assertPublishable } from './publish-rule-set-version.use-case';

const now = new Date('2026-03-02T08:00:00.000Z'); // 16:00 Beijing, 2 March 2026
const input = (over: Partial<NewRuleSetVersionInput> = {}): NewRuleSetVersionInput => ({
  jurisdiction: '110000',
  effectiveFrom: civilDate('2026-04-01'),
  bands: [...SAMPLE_BANDS],
  source: '北京市 local practice (test)',
  note: null,
  ...over,
});
const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    return err as { code: string; kind: string; violations?: { field: string }[] };
  }
  throw new Error('expected a refusal');
};

describe('publishing a local purchasing rule set (issue §2 "local rules are local"; bands: local practice, regulations §7.2)', () => {
  it('a finance officer at national level, or of the covering province, publishes a local version with a future Beijing date', () => {
    expect(() => assertPublishable(input(), '110000', now)).not.toThrow();
    expect(() => assertPublishable(input({ jurisdiction: '110108' }), '110000', now)).not.toThrow();
    expect(() => assertPublishable(input({ jurisdiction: '310000' }), '100000', now)).not.toThrow();
  });

  it('refuses municipal and county officers, and provinces outside the officer\'s jurisdiction', () => {
    expect(refusal(() => assertPublishable(input({ jurisdiction: '110108' }), '110100', now))).toMatchObject({ code: 'PURCHASING.RULE_SET_PUBLISHER_LEVEL', kind: 'FORBIDDEN' });
    expect(refusal(() => assertPublishable(input({ jurisdiction: '110108' }), '110108', now))).toMatchObject({ code: 'PURCHASING.RULE_SET_PUBLISHER_LEVEL' });
    expect(refusal(() => assertPublishable(input({ jurisdiction: '310000' }), '110000', now))).toMatchObject({ code: 'AUTH.OUT_OF_JURISDICTION', kind: 'FORBIDDEN' });
  });

  it('the national default (Order 102) is not published through the API; the jurisdiction is a division code', () => {
    for (const jurisdiction of ['100000', '000000', '11000', 'beijing'])
      expect(refusal(() => assertPublishable(input({ jurisdiction }), '100000', now))).toMatchObject({ code: 'PURCHASING.RULE_SET_JURISDICTION', kind: 'INVALID' });
  });

  it('effective on a later Beijing date only: today (2 March in Beijing) is refused, 3 March accepted', () => {
    expect(refusal(() => assertPublishable(input({ effectiveFrom: civilDate('2026-03-02') }), '110000', now))).toMatchObject({
      code: 'PURCHASING.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE',
      violations: [{ field: 'effectiveOn' }],
    });
    expect(() => assertPublishable(input({ effectiveFrom: civilDate('2026-03-03') }), '110000', now)).not.toThrow();
    // 2026-03-02T16:00Z is already 3 March in Beijing: 3 March is no longer in the future.
    expect(refusal(() => assertPublishable(input({ effectiveFrom: civilDate('2026-03-03') }), '110000', new Date('2026-03-02T16:00:00Z')))).toMatchObject({
      code: 'PURCHASING.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE',
    });
  });

  it('bands band every score once: non-empty, integer minScore strictly descending, the last from 0, band outcomes only; a source', () => {
    const bad = (bands: NewRuleSetVersionInput['bands'], field: string) =>
      expect(refusal(() => assertPublishable(input({ bands }), '110000', now))).toMatchObject({ code: 'PURCHASING.RULE_SET_BANDS_INVALID', kind: 'INVALID', violations: [{ field }] });
    bad([], 'bands');
    bad([{ minScore: 60, outcome: 'QUALIFIED' }], 'bands.0.minScore'); // scores below 60 would have no outcome
    bad([{ minScore: 80, outcome: 'GOOD' }, { minScore: 80, outcome: 'QUALIFIED' }, { minScore: 0, outcome: 'UNQUALIFIED' }], 'bands.1.minScore');
    bad([{ minScore: 101, outcome: 'EXCELLENT' }, { minScore: 0, outcome: 'UNQUALIFIED' }], 'bands.0.minScore');
    bad([{ minScore: 59.5, outcome: 'GOOD' }, { minScore: 0, outcome: 'UNQUALIFIED' }], 'bands.0.minScore');
    bad([{ minScore: 0, outcome: 'NOT_BANDED' }], 'bands.0.outcome');
    expect(() => assertPublishable(input({ bands: [{ minScore: 0, outcome: 'QUALIFIED' }] }), '110000', now)).not.toThrow();
    expect(refusal(() => assertPublishable(input({ source: '  ' }), '110000', now))).toMatchObject({ code: 'PURCHASING.RULE_SET_BANDS_INVALID', violations: [{ field: 'source' }] });
  });
});
