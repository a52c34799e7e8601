import { indicatorsOf, NATIONAL_FRAMEWORKS } from './indicator-frameworks';
import { aggregate, assertScoreSheet, type ScoreSheet } from './scoring';

const framework = { ...NATIONAL_FRAMEWORKS.find((f) => f.form === 'SOCIAL_SERVICE_ORGANIZATION')!, maxBonus: 20 };
/** Every indicator at `share` of its maximum, floored. */
const sheet = (expert: string, share: number, bonus = 0, over: Record<string, number> = {}): ScoreSheet => ({
  expert,
  scores: { ...Object.fromEntries(indicatorsOf(framework).map((i) => [i.code, Math.floor(i.max * share)])), ...over },
  bonus,
});

describe('expert scores and their aggregation (regulations §6 Scoring)', () => {
  it('refuses a score above the indicator maximum, a missing or unknown indicator, and a bonus above the local bonus, naming the indicator', () => {
    expect(() => assertScoreSheet(sheet('expert 1', 0.9, 0, { 'BA.1': 161 }), framework)).toThrow(expect.objectContaining({ code: 'EVALUATION.SCORE_SHEET_INVALID', violations: [expect.objectContaining({ field: 'scores.BA.1', rule: 'AT_MOST_THE_INDICATOR_MAXIMUM' })] }));
    const missing = sheet('expert 1', 0.9);
    delete missing.scores['SE.3'];
    expect(() => assertScoreSheet(missing, framework)).toThrow(expect.objectContaining({ extensions: { rule: 'EVERY_INDICATOR_SCORED' } }));
    expect(() => assertScoreSheet(sheet('expert 1', 0.9, 0, { 'WP.1': 10 }), framework)).toThrow(expect.objectContaining({ extensions: { rule: 'INDICATOR_OF_THE_FRAMEWORK' } }));
    expect(() => assertScoreSheet(sheet('expert 1', 0.9, 21), framework)).toThrow(expect.objectContaining({ extensions: { rule: 'AT_MOST_THE_LOCAL_BONUS' } }));
    expect(() => assertScoreSheet(sheet('expert 1', 1, 20), framework)).not.toThrow();
  });

  it('MEAN_PER_INDICATOR@v1: the mean per indicator, summed with the mean bonus, rounded half up once; any order of sheets gives the same total', () => {
    // 900 + 880 + 871 (+ bonus 10, 0, 5): Σ = 2666 over 3 experts = 888.67 → 889.
    const a = sheet('expert 1', 0.9, 10);
    const b = sheet('expert 2', 0.88);
    const c = sheet('expert 3', 0.87, 5);
    const totals = (s: ScoreSheet) => Object.values(s.scores).reduce((x, y) => x + y, 0) + s.bonus;
    const grand = totals(a) + totals(b) + totals(c);
    const result = aggregate([a, b, c], framework);
    expect(result.method).toBe('MEAN_PER_INDICATOR@v1');
    expect(result.total).toBe(Math.floor(grand / 3 + 0.5));
    expect(result.exactTotal).toBeCloseTo(grand / 3, 2);
    expect(result.bonusMean).toBe(5);
    expect(aggregate([c, a, b], framework)).toEqual(result);
    expect(result.indicators.find((i) => i.code === 'BA.1')).toEqual({ code: 'BA.1', max: 160, mean: Math.round(((144 + 140 + 139) / 3) * 100) / 100 });
  });

  it('rounds exactly half up: two experts at 850 and 851 give 851', () => {
    const x = sheet('expert 1', 0.85); // 850 after flooring? computed below
    const y = { ...x, expert: 'expert 2', scores: { ...x.scores, 'BC.1': x.scores['BC.1'] + 1 } };
    const sx = Object.values(x.scores).reduce((p, q) => p + q, 0);
    expect(aggregate([x, y], framework).total).toBe(sx + 1);
    expect(aggregate([x, y], framework).exactTotal).toBe(sx + 0.5);
  });
});
