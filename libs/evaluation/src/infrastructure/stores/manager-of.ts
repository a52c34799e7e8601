import type { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '@sop/messaging';

/** The transaction's EntityManager, or the DataSource's for a read outside one (`tx` null): how every store reads. */
export function managerOf(ds: DataSource, tx: Tx | null): EntityManager {
  return tx ? tx.manager : ds.manager;
}
