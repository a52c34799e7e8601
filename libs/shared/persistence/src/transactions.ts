import type { DataSource, EntityManager } from 'typeorm';
import { isSqlite } from './data-source.factory';

// SQLite has one connection: transactions must not interleave on it. MySQL gets one pooled connection
// per transaction and needs no queue.
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/** Runs `work` in one database transaction; commits when it resolves, rolls back when it throws. */
export async function runInTransaction<T>(ds: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!isSqlite(ds)) return ds.transaction(work);
  const previous = sqliteQueues.get(ds) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => ds.transaction(work));
  sqliteQueues.set(ds, next);
  return next;
}
