const LOCK_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY']);

function isLockConflict(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  return !!e && [e.code, e.driverError?.code].some((c) => typeof c === 'string' && LOCK_CODES.has(c));
}

/**
 * Runs a whole transaction again when the database chose it as a deadlock victim (MySQL rolls the transaction
 * back, so retrying inside it is impossible). Concurrent first approvals under a new registering authority race
 * on the gap lock of the USCC serial row; this makes them wait their turn instead of failing.
 */
export async function retryOnLockConflict<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isLockConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.floor(Math.random() * 20)));
    }
  }
}
