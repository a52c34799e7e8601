import type { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '@sop/messaging';

/** The caller's transaction manager, or the data source's own for a read outside one (`tx` null). */
export function managerOf(ds: DataSource, tx: Tx | null): EntityManager {
  return tx ? tx.manager : ds.manager;
}
