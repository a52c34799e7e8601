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

  it('holds the partition when the connection was closed under the statement', () => {
    for (const code of ['ECONNRESET', 'PROTOCOL_CONNECTION_LOST', 'ER_SERVER_SHUTDOWN', 'ER_CONNECTION_KILLED']) {
      expect(classifyFailure(Object.assign(new Error('closed'), { driverError: { code } }))).toBe('INFRASTRUCTURE');
    }
  });

  it('retries lock conflicts without limit and counts only unexpected errors', () => {
    expect(classifyFailure(Object.assign(new Error('Deadlock'), { code: 'ER_LOCK_DEADLOCK' }))).toBe('CONTENTION');
    expect(classifyFailure(Object.assign(new Error('Lock wait timeout exceeded'), { driverError: { code: 'ER_LOCK_WAIT_TIMEOUT' } }))).toBe('CONTENTION');
    expect(classifyFailure(new Error('boom'))).toBe('TRANSIENT');
  });
});
