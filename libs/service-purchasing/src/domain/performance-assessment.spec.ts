import { decideAssessment, outcomeOf } from './performance-assessment';
import { ORDER_102_2020 } from './purchasing-rules';

describe('performance assessment', () => {
  it('maps scores to outcomes at the band boundaries (local practice bands)', () => {
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
    for (const [score, outcome] of cases) expect([score, outcomeOf(score, ORDER_102_2020)]).toEqual([score, outcome]);
  });

  it('refuses scores outside 0–100 or fractional', () => {
    for (const score of [-1, 101, 59.5]) expect(() => outcomeOf(score, ORDER_102_2020)).toThrow(expect.objectContaining({ code: 'PURCHASING.SCORE_INVALID', field: 'score' }) as unknown as Error);
  });

  it('only a signed contract, from the first day of its term', () => {
    const contract = { status: 'SIGNED', termStart: '2026-03-01' };
    expect(() => decideAssessment(contract, 95, new Date('2026-02-28T23:59:59Z'), ORDER_102_2020)).toThrow(
      expect.objectContaining({ code: 'PURCHASING.ASSESSMENT_BEFORE_TERM', kind: 'REFUSED' }) as unknown as Error,
    );
    expect(decideAssessment(contract, 95, new Date('2026-03-01T00:00:00Z'), ORDER_102_2020)).toBe('EXCELLENT');
    expect(() => decideAssessment({ ...contract, status: 'TERMINATED' }, 95, new Date('2026-06-01T00:00:00Z'), ORDER_102_2020)).toThrow(
      expect.objectContaining({ code: 'PURCHASING.CONTRACT_NOT_SIGNED', kind: 'CONFLICT' }) as unknown as Error,
    );
  });
});
