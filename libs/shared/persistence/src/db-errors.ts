/**
 * What a database error means, whichever driver raised it (mysql2 on MySQL/MariaDB, better-sqlite3 in the embedded
 * mode). Everyone who must react to a duplicate key, a lock conflict or a lost connection asks here, so the driver
 * codes are listed once.
 *  - DUPLICATE_KEY: a unique or primary key refused the row (an idempotent insert that already happened).
 *  - LOCK_CONFLICT: deadlock victim or lock wait timeout; the whole transaction was rolled back and may run again.
 *  - CONNECTION_LOST: the database is unreachable; retrying the statement will not help until it is back.
 *  - OTHER: anything else (a bug, a constraint, bad SQL).
 */
export type DbErrorKind = 'DUPLICATE_KEY' | 'LOCK_CONFLICT' | 'CONNECTION_LOST' | 'OTHER';

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
const LOCK_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED']);
const CONNECTION_MESSAGE = /connection (is )?(lost|closed|refused)|Pool is closed|connect ECONNREFUSED|Cannot enqueue/i;

/** The driver codes on an error, including TypeORM's QueryFailedError wrapper (`driverError`). */
function driverCodes(err: unknown): string[] {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  if (!e || typeof e !== 'object') return [];
  return [e.code, e.driverError?.code].filter((c): c is string => typeof c === 'string');
}

export function classifyDbError(err: unknown): DbErrorKind {
  const codes = driverCodes(err);
  if (codes.includes('ER_DUP_ENTRY')) return 'DUPLICATE_KEY';
  if (codes.some((c) => c.startsWith('SQLITE_CONSTRAINT')) && /UNIQUE|PRIMARY/i.test(String((err as Error)?.message))) return 'DUPLICATE_KEY';
  if (codes.some((c) => CONNECTION_CODES.has(c))) return 'CONNECTION_LOST';
  if (CONNECTION_MESSAGE.test(String((err as Error)?.message ?? ''))) return 'CONNECTION_LOST';
  if (codes.some((c) => LOCK_CODES.has(c))) return 'LOCK_CONFLICT';
  return 'OTHER';
}

export const isDuplicateKey = (err: unknown): boolean => classifyDbError(err) === 'DUPLICATE_KEY';
export const isLockConflict = (err: unknown): boolean => classifyDbError(err) === 'LOCK_CONFLICT';
export const isConnectionLost = (err: unknown): boolean => classifyDbError(err) === 'CONNECTION_LOST';

/**
 * Runs a whole transaction again when the database chose it as a deadlock victim or its lock wait timed out.
 * MySQL rolls such a transaction back, so retrying a statement inside it is impossible: `work` must open its own
 * transaction. Small jittered pauses let the winner commit first.
 */
export async function withLockRetries<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isLockConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.floor(Math.random() * 20)));
    }
  }
}
