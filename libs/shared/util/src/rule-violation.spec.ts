import { asProblem, problemOf, RuleViolation } from './rule-violation';
import { ProblemError } from './problem';

class SampleViolation extends RuleViolation {}

describe('rule violations as problems', () => {
  it.each([
    ['INVALID', 400],
    ['REFUSED', 422],
    ['CONFLICT', 409],
    ['FORBIDDEN', 403],
  ] as const)('%s → %i, naming the field and the rule', (kind, status) => {
    const problem = problemOf(new SampleViolation('SAMPLE.CODE', kind, 'termEnd', 'TERM_MAX_ONE_YEAR', 'too long', { ruleVersion: 'x@v1' }));
    expect(problem).toMatchObject({ status, code: 'SAMPLE.CODE', detail: 'too long', violations: [{ field: 'termEnd', rule: 'TERM_MAX_ONE_YEAR', message: 'too long' }] });
    expect(problem.extensions).toEqual({ rule: 'TERM_MAX_ONE_YEAR', ruleVersion: 'x@v1' });
  });

  it('passes other errors through and names subclasses', () => {
    const other = new Error('boom');
    expect(asProblem(other)).toBe(other);
    expect(asProblem(new SampleViolation('S.C', 'REFUSED', 'f', 'r', 'm'))).toBeInstanceOf(ProblemError);
    expect(new SampleViolation('S.C', 'REFUSED', 'f', 'r', 'm').name).toBe('SampleViolation');
  });
});
