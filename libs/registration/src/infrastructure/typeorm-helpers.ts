import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';

/** The transaction's manager, or the data source's outside a transaction (reads). */
export function managerOf(ds: DataSource, tx: Tx | null): EntityManager {
  return tx?.manager ?? ds.manager;
}

/** Inserts a once-only row (its primary key is the claim); false if it already exists. */
export async function insertOnce<T extends ObjectLiteral>(tx: Tx, entity: EntityTarget<T>, row: T): Promise<boolean> {
  try {
    await tx.manager.insert(entity, row);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
