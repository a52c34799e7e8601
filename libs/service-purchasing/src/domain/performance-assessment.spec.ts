import { BANDED_RULES } from '../test-support/local-rule-set.fixture';
import { decideAssessment, outcomeBasisOf, outcomeOf } from './performance-assessment';
import { ORDER_102_2020 } from './purchasing-rules';

describe('performance assessment', () => {
  it('maps scores to outcomes at the band boundaries of a local rule set (local practice bands, §7.2)', () => {
    const cases: [number, string][] = [
      [100, 'EXCELLENT'],
      [90, 'EXCELLENT'],
      [89, 'GOOD'],
      [80, 'GOOD'],
      [79, 'QUALIFIED'],
      [60, 'QUALIFIED'],
      [59, 'UNQUALIFIED'],
      [0, 'UNQUALIFIED'],
    ];
    for (const [score, outcome] of cases) expect([score, outcomeOf(score, BANDED_RULES)]).toEqual([score, outcome]);
  });

  it('under the national default (no banding rule, §7.2) every valid score is NOT_BANDED, basis NO_BANDING_RULE', () => {
    for (const score of [0, 59, 60, 85, 100]) expect(outcomeOf(score, ORDER_102_2020)).toBe('NOT_BANDED');
    expect(outcomeBasisOf('NOT_BANDED')).toBe('NO_BANDING_RULE');
    expect(outcomeBasisOf('GOOD')).toBe('BAND');
  });

  it('refuses scores outside 0–100 or fractional, banded or not', () => {
    for (const score of [-1, 101, 59.5]) expect(() => outcomeOf(score, BANDED_RULES)).toThrow(expect.objectContaining({ code: 'PURCHASING.SCORE_INVALID', field: 'score' }) as unknown as Error);
    for (const score of [-1, 101, 59.5]) expect(() => outcomeOf(score, ORDER_102_2020)).toThrow(expect.objectContaining({ code: 'PURCHASING.SCORE_INVALID', field: 'score' }) as unknown as Error);
  });

  it('only a signed contract, from the first day of its term (00:00 Beijing time)', () => {
    const contract = { status: 'SIGNED', termStart: '2026-03-01' };
    // 23:59:59.999 Beijing time on 28 February: not yet.
    expect(() => decideAssessment(contract, 95, new Date('2026-02-28T15:59:59.999Z'), BANDED_RULES)).toThrow(
      expect.objectContaining({
        code: 'PURCHASING.ASSESSMENT_BEFORE_TERM',
        kind: 'REFUSED',
        message: 'the term starts 2026-03-01; today is 2026-02-28 (Beijing date)',
        extensions: expect.objectContaining({ termStart: '2026-03-01', termStartsAt: '2026-02-28T16:00:00.000Z', assessedOn: '2026-02-28' }),
      }) as unknown as Error,
    );
    // 00:00 Beijing time on 1 March (16:00Z on 28 February): the term has started. 2026-02-28T23:59:59Z used to be
    // refused by its UTC date; it is 07:59:59 on 1 March in Beijing.
    expect(decideAssessment(contract, 95, new Date('2026-02-28T16:00:00.000Z'), BANDED_RULES)).toBe('EXCELLENT');
    expect(decideAssessment(contract, 95, new Date('2026-02-28T23:59:59Z'), BANDED_RULES)).toBe('EXCELLENT');
    expect(decideAssessment(contract, 95, new Date('2026-03-01T00:00:00Z'), BANDED_RULES)).toBe('EXCELLENT');
    expect(() => decideAssessment({ ...contract, status: 'TERMINATED' }, 95, new Date('2026-06-01T00:00:00Z'), ORDER_102_2020)).toThrow(
      expect.objectContaining({ code: 'PURCHASING.CONTRACT_NOT_SIGNED', kind: 'CONFLICT' }) as unknown as Error,
    );
  });
});
