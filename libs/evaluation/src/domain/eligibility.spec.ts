import { eligibleForEvaluationFrom } from './eligibility';

describe('evaluation eligibility', () => {
  it('opens two full years after registration', () => {
    expect(eligibleForEvaluationFrom(new Date('2026-11-25T08:00:00Z')).toISOString()).toBe('2028-11-25T08:00:00.000Z');
  });
  it('handles 29 February by rolling to 1 March', () => {
    expect(eligibleForEvaluationFrom(new Date('2028-02-29T00:00:00Z')).toISOString()).toBe('2030-03-01T00:00:00.000Z');
  });
});
