import { classifyDbError } from '@sop/persistence';
import { DomainError } from '@sop/util';

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
  // A domain rule refused the event (or a handler said it never applies): retrying cannot change the answer.
  if (err instanceof PermanentEventError || err instanceof DomainError) return 'POISON';
  return classifyDbError(err) === 'CONNECTION_LOST' ? 'INFRASTRUCTURE' : 'TRANSIENT';
}
