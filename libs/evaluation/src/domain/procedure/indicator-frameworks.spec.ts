import { civilDate } from '@sop/util';
import { assertFramework, assertFrameworkPublishable, frameworkAt, indicatorsOf, NATIONAL_FRAMEWORKS, SECTIONS_BY_FORM, type IndicatorFrameworkVersion } from './indicator-frameworks';

const national = (form: string) => NATIONAL_FRAMEWORKS.find((f) => f.form === form)!;

describe('indicator frameworks (regulations §6 Content and Scoring)', () => {
  it('seeds one national default per form: its four sections in order, maxima adding up to 1,000, marked UNCONFIRMED', () => {
    for (const f of NATIONAL_FRAMEWORKS) {
      expect(f.sections.map((s) => s.section)).toEqual(SECTIONS_BY_FORM[f.form]);
      expect(indicatorsOf(f).reduce((s, i) => s + i.max, 0)).toBe(1000);
      expect(f.note).toContain('UNCONFIRMED');
      expect(() => assertFramework(f.form, f.sections, f.maxBonus)).not.toThrow();
    }
    expect(national('SOCIAL_SERVICE_ORGANIZATION').sections[2].section).toBe('BUSINESS_ACTIVITIES_AND_INTEGRITY');
    expect(national('FOUNDATION').sections[2].section).toBe('WORK_PERFORMANCE');
  });

  it('refuses a framework whose maxima do not add up to 1,000, with the wrong sections, or a bonus over 100', () => {
    const f = national('SOCIAL_GROUP');
    const short = f.sections.map((s, i) => (i === 0 ? { ...s, indicators: s.indicators.slice(1) } : s));
    expect(() => assertFramework('SOCIAL_GROUP', short, 0)).toThrow(expect.objectContaining({ code: 'EVALUATION.FRAMEWORK_INVALID', extensions: { rule: 'THOUSAND_POINT_SCALE' } }));
    expect(() => assertFramework('SOCIAL_SERVICE_ORGANIZATION', f.sections, 0)).toThrow(expect.objectContaining({ extensions: { rule: 'SECTIONS_OF_THE_FORM' } }));
    expect(() => assertFramework('SOCIAL_GROUP', f.sections, 101)).toThrow(expect.objectContaining({ extensions: { rule: 'LOCAL_BONUS_AT_MOST_100' } }));
  });

  it('a local version in force overrides the national default for the authorities it covers, from its Beijing effective date', () => {
    const local: IndicatorFrameworkVersion = { ...national('SOCIAL_GROUP'), ruleSetId: 'evaluation-indicators/110000/SOCIAL_GROUP', jurisdiction: '110000', effectiveFrom: civilDate('2026-07-01'), maxBonus: 50 };
    const versions = [...NATIONAL_FRAMEWORKS, local];
    expect(frameworkAt(new Date('2026-06-30T15:59:59Z'), '110108', 'SOCIAL_GROUP', versions)?.jurisdiction).toBe('100000');
    expect(frameworkAt(new Date('2026-06-30T16:00:00Z'), '110108', 'SOCIAL_GROUP', versions)?.maxBonus).toBe(50);
    expect(frameworkAt(new Date('2026-07-02T00:00:00Z'), '340822', 'SOCIAL_GROUP', versions)?.jurisdiction).toBe('100000');
  });

  it('publishing: national or provincial evaluators within their jurisdiction, future dates only', () => {
    const f = national('FOUNDATION');
    const input = { jurisdiction: '110000', form: 'FOUNDATION' as const, effectiveFrom: civilDate('2026-07-01'), sections: [...f.sections], maxBonus: 100, source: 'test', note: null };
    const now = new Date('2026-06-01T00:00:00Z');
    const oof = (m: string) => new Error(`OOF ${m}`);
    expect(() => assertFrameworkPublishable(input, '110000', now, oof)).not.toThrow();
    expect(() => assertFrameworkPublishable(input, '110108', now, oof)).toThrow(expect.objectContaining({ code: 'EVALUATION.RULE_SET_PUBLISHER_LEVEL' }));
    expect(() => assertFrameworkPublishable(input, '340000', now, oof)).toThrow(/OOF/);
    expect(() => assertFrameworkPublishable({ ...input, effectiveFrom: civilDate('2026-06-01') }, '110000', now, oof)).toThrow(expect.objectContaining({ code: 'EVALUATION.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE' }));
  });
});
