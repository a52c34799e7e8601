/**
 * What a database error means, whichever driver raised it (mysql2 on MySQL/MariaDB, better-sqlite3 in the embedded
 * mode). Everyone who must react to a duplicate key, a lock conflict or a lost connection asks here, so the driver
 * codes are listed once.
 *  - DUPLICATE_KEY: a unique or primary key refused the row (an idempotent insert that already happened).
 *  - LOCK_CONFLICT: deadlock victim or lock wait timeout; the whole transaction was rolled back and may run again.
 *  - CONNECTION_LOST: the database is unreachable, or the connection the statement ran on was closed under it
 *    (server restart or shutdown, a killed connection, a network reset, a pool closed during an outage); the work
 *    may succeed once the database is back. A driver error flagged `fatal` (mysql2: the connection is unusable)
 *    is one too, whatever its code.
 *  - OTHER: anything else (a bug, a constraint, bad SQL).
 */
export type DbErrorKind = 'DUPLICATE_KEY' | 'LOCK_CONFLICT' | 'CONNECTION_LOST' | 'OTHER';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_HANDSHAKE_TWICE',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_NORMAL_SHUTDOWN',
  'ER_SHUTDOWN_COMPLETE',
  'ER_CONNECTION_KILLED',
  'ER_NET_READ_ERROR',
  'ER_NET_READ_INTERRUPTED',
  'ER_NET_ERROR_ON_WRITE',
  'ER_NET_WRITE_INTERRUPTED',
  'ER_NET_PACKETS_OUT_OF_ORDER',
  'ER_CLIENT_INTERACTION_TIMEOUT',
  'CR_SERVER_GONE_ERROR',
  'CR_SERVER_LOST',
  'CR_CONNECTION_ERROR',
  'CR_CONN_HOST_ERROR',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'POOL_CLOSED',
  'SQLITE_CANTOPEN',
]);
const LOCK_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED']);
/** MySQL/MariaDB client and server error numbers of a lost connection (2006 gone away, 2013 lost during query, 1053 shutdown, 1927 killed...). */
const CONNECTION_ERRNOS = new Set([1040, 1053, 1077, 1079, 1152, 1158, 1159, 1160, 1161, 1927, 2002, 2003, 2006, 2013, 2055, 4031]);
const CONNECTION_MESSAGE =
  /connection (is )?(lost|closed|refused|reset|terminated)|closed state|server (has )?gone away|lost connection|Pool is closed|connect ECONNREFUSED|Cannot enqueue|Connection is not established|socket hang up|read ECONNRESET|server shutdown in progress|connection was killed/i;

/** The driver codes on an error, including TypeORM's QueryFailedError wrapper (`driverError`). */
function driverCodes(err: unknown): string[] {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  if (!e || typeof e !== 'object') return [];
  return [e.code, e.driverError?.code].filter((c): c is string => typeof c === 'string');
}

type DriverFlags = { errno?: unknown; fatal?: unknown };

/** mysql2 marks errors after which the connection is unusable `fatal`; errno is the numeric MySQL code. */
function connectionGone(err: unknown): boolean {
  const e = err as (DriverFlags & { driverError?: DriverFlags }) | null;
  if (!e || typeof e !== 'object') return false;
  return [e, e.driverError].some((d) => !!d && (d.fatal === true || (typeof d.errno === 'number' && CONNECTION_ERRNOS.has(d.errno))));
}

export function classifyDbError(err: unknown): DbErrorKind {
  const codes = driverCodes(err);
  if (codes.includes('ER_DUP_ENTRY')) return 'DUPLICATE_KEY';
  if (codes.some((c) => c.startsWith('SQLITE_CONSTRAINT')) && /UNIQUE|PRIMARY/i.test(String((err as Error)?.message))) return 'DUPLICATE_KEY';
  if (codes.some((c) => LOCK_CODES.has(c))) return 'LOCK_CONFLICT';
  if (codes.some((c) => CONNECTION_CODES.has(c)) || connectionGone(err)) return 'CONNECTION_LOST';
  if (CONNECTION_MESSAGE.test(String((err as Error)?.message ?? ''))) return 'CONNECTION_LOST';
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
