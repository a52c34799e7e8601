import { classifyDbError } from '@sop/persistence';
import { DomainError } from '@sop/util';

/**
 * How a failure while consuming is treated (the architecture's error policy). Attempts are counted per class, so
 * that an outage never uses up the attempts of the one class that can dead-letter a message:
 *  - POISON: the message can never be applied (undecodable, invalid, rejected by the domain) → DLQ at once, move on;
 *  - INFRASTRUCTURE: the database is unreachable or the connection was closed under the statement → never dead-letter;
 *    hold the partition (retry in place with backoff, without limit) and turn readiness red until it works again;
 *  - CONTENTION: deadlock victim or lock wait timeout → the event is not at fault either: retry in place with backoff,
 *    without limit (the other transaction commits or gives up);
 *  - TRANSIENT: anything else, unexpected (a bug in the handler, an unknown error) → retried, and only these attempts
 *    count toward `maxTransientAttempts`, after which the message is dead-lettered (RETRIES_EXHAUSTED).
 */
export type FailureClass = 'POISON' | 'INFRASTRUCTURE' | 'CONTENTION' | 'TRANSIENT';

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
  const db = classifyDbError(err);
  if (db === 'CONNECTION_LOST') return 'INFRASTRUCTURE';
  if (db === 'LOCK_CONFLICT') return 'CONTENTION';
  return 'TRANSIENT';
}
