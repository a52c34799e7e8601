import { classifyDbError } from '@sop/persistence';

/**
 * How a failure while consuming is treated (the architecture's error policy):
 *  - POISON: the message can never be applied (undecodable, invalid, rejected by the domain) → DLQ, move on;
 *  - INFRASTRUCTURE: the database is unreachable → do not dead-letter; hold the partition and turn readiness red;
 *  - TRANSIENT: deadlocks, lock timeouts and unexpected errors → bounded retries with backoff, then DLQ.
 */
export type FailureClass = 'POISON' | 'INFRASTRUCTURE' | 'TRANSIENT';

/** Thrown by a handler when the event is well-formed but cannot be applied, and never will be. */
export class PermanentEventError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function classifyFailure(err: unknown): FailureClass {
  if (err instanceof PermanentEventError) return 'POISON';
  return classifyDbError(err) === 'CONNECTION_LOST' ? 'INFRASTRUCTURE' : 'TRANSIENT';
}
