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

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'POOL_CLOSED',
  'SQLITE_CANTOPEN',
]);
const TRANSIENT_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED']);

function codes(err: unknown): string[] {
  const e = err as { code?: unknown; errno?: unknown; driverError?: { code?: unknown }; message?: unknown } | null;
  if (!e) return [];
  return [e.code, e.driverError?.code].filter((c): c is string => typeof c === 'string');
}

export function classifyFailure(err: unknown): FailureClass {
  if (err instanceof PermanentEventError) return 'POISON';
  const cs = codes(err);
  if (cs.some((c) => CONNECTION_CODES.has(c))) return 'INFRASTRUCTURE';
  const message = String((err as Error)?.message ?? '');
  if (/connection (is )?(lost|closed|refused)|Pool is closed|connect ECONNREFUSED|Cannot enqueue/i.test(message)) return 'INFRASTRUCTURE';
  if (cs.some((c) => TRANSIENT_CODES.has(c))) return 'TRANSIENT';
  return 'TRANSIENT';
}

export function isDuplicateKey(err: unknown): boolean {
  const cs = codes(err);
  if (cs.includes('ER_DUP_ENTRY')) return true;
  return cs.some((c) => c.startsWith('SQLITE_CONSTRAINT')) && /UNIQUE|PRIMARY/i.test(String((err as Error)?.message));
}
