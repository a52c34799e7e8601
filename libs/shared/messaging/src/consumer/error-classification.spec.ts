import { defineErrors } from '@sop/util';
import { classifyFailure, PermanentEventError } from './error-classification';

const TestErrors = defineErrors('CLASSIFICATION_TEST', { REFUSED: { kind: 'REFUSED', meaning: 'test' } });

describe('classifyFailure', () => {
  it('dead-letters what can never apply: a permanent rejection or a domain rule', () => {
    expect(classifyFailure(new PermanentEventError('X', 'no'))).toBe('POISON');
    expect(classifyFailure(new TestErrors.REFUSED('a rule refused the event'))).toBe('POISON');
  });

  it('holds the partition while the database is unreachable', () => {
    expect(classifyFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('INFRASTRUCTURE');
  });

  it('retries deadlocks and unexpected errors', () => {
    expect(classifyFailure(Object.assign(new Error('Deadlock'), { code: 'ER_LOCK_DEADLOCK' }))).toBe('TRANSIENT');
    expect(classifyFailure(new Error('boom'))).toBe('TRANSIENT');
  });
});
