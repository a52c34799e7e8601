import { GRADE_ADJUSTMENT_REASONS } from '@sop/contracts';
import { EVALUATION_RULE_SETS, MEASURES_2026_V1, ORDER_39_V1, ruleSetAt, ruleSetByVersion, ruleSetStartsAt, ruleVersionOf } from './evaluation-rules';
import { gradeForScore } from './grading';
import { EvaluationErrors } from './evaluation.errors';
import { HUAINING_CUT_OFFS_V1 } from './local-rule-sets';

/** Cut-offs are local (regulations §6 Scoring): Order 39 as applied in Huaining (340822), whose table regulations §6 names. */
const ORDER_39_HUAINING = { ...ORDER_39_V1, cutOffs: HUAINING_CUT_OFFS_V1.cutOffs };

describe('evaluation rule sets (regulations §6)', () => {
  it('Order 39 is in force from 2011-03-01, the 2026 measures from 2026-03-01, each from 00:00 Beijing time (16:00Z the day before)', () => {
    // Was: from 00:00Z on the date (08:00 Beijing time).
    expect(ORDER_39_V1.effectiveFrom).toBe('2011-03-01');
    expect(MEASURES_2026_V1.effectiveFrom).toBe('2026-03-01');
    expect(ruleSetStartsAt(MEASURES_2026_V1).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(() => ruleSetAt(new Date('2011-02-28T15:59:59.999Z'))).toThrow(RangeError);
    expect(ruleVersionOf(ruleSetAt(new Date('2011-02-28T16:00:00Z')))).toBe('evaluation/order-39@v1');
    expect(ruleVersionOf(ruleSetAt(new Date('2026-02-28T15:59:59.999Z')))).toBe('evaluation/order-39@v1');
    expect(ruleVersionOf(ruleSetAt(new Date('2026-02-28T16:00:00Z')))).toBe('evaluation/measures-2026@v1');
    expect(ruleVersionOf(ruleSetAt(new Date('2026-03-01T00:00:00+08:00')))).toBe('evaluation/measures-2026@v1');
    expect(ruleVersionOf(ruleSetAt(new Date('2026-03-01T00:00:00Z')))).toBe('evaluation/measures-2026@v1');
    expect(ruleSetByVersion('evaluation/measures-2026@v1')).toBe(MEASURES_2026_V1);
    expect(() => ruleSetByVersion('evaluation/unknown@v9')).toThrow(RangeError);
  });

  it('both bar NO_EVALUATION and only the 2026 measures allow re-evaluation within validity', () => {
    for (const rules of EVALUATION_RULE_SETS) expect(rules.barringMeasures).toContain('NO_EVALUATION');
    expect(ORDER_39_V1.reEvaluation).toBeNull();
    expect(MEASURES_2026_V1.reEvaluation).toEqual({ withinYearsOfValidity: 4 });
  });

  it('the verification evaluation is an adjustment reason only from 2026', () => {
    expect(ORDER_39_V1.adjustmentReasons).not.toContain('VERIFICATION_EVALUATION');
    expect(MEASURES_2026_V1.adjustmentReasons).toEqual(GRADE_ADJUSTMENT_REASONS);
  });
});

describe('grade cut-offs (default: Anqing, regulations §6; national cut-offs UNCONFIRMED)', () => {
  it.each([
    [1100, '5A'],
    [950, '5A'],
    [949, '4A'],
    [901, '4A'],
    [900, '3A'],
    [851, '3A'],
    [850, '2A'],
    [801, '2A'],
    [800, '1A'],
    [701, '1A'],
  ])('%i points → %s', (score, grade) => {
    expect(gradeForScore(score, ORDER_39_HUAINING)).toBe(grade);
  });

  it('below 701 earns no grade', () => {
    expect(() => gradeForScore(700, ORDER_39_HUAINING)).toThrow(expect.objectContaining({ code: 'EVALUATION.SCORE_BELOW_LOWEST_GRADE', field: 'score', rule: 'GRADE_CUT_OFFS' }));
  });

  it.each([-1, 1101, 900.5])('refuses %s as outside the 1,000-point scale + 100 bonus', (score) => {
    expect(() => gradeForScore(score, ORDER_39_HUAINING)).toThrow(EvaluationErrors.SCORE_OUT_OF_RANGE);
    expect(() => gradeForScore(score, ORDER_39_HUAINING)).toThrow(expect.objectContaining({ code: 'EVALUATION.SCORE_OUT_OF_RANGE', kind: 'INVALID' }));
  });

  it('cut-offs are data: a local rule set with its own table grades by it', () => {
    const chanhe = { ...ORDER_39_V1, cutOffs: [{ grade: '5A', minScore: 900 }, { grade: '4A', minScore: 800 }, { grade: '3A', minScore: 700 }, { grade: '2A', minScore: 600 }, { grade: '1A', minScore: 0 }] } as const;
    expect(gradeForScore(900, chanhe)).toBe('5A');
    expect(gradeForScore(599, chanhe)).toBe('1A');
  });
});
