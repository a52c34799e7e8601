import { DataSource, type EntityManager } from 'typeorm';
import type { Tx } from '@sop/messaging';

/** What the credit stores share: the caller's transaction or the pool, and date parameters SQLite can compare. */
export abstract class TypeOrmStoreBase {
  constructor(protected readonly ds: DataSource) {}

  /** The transaction's manager, or the pool's for reads outside one (`null`). */
  protected m(tx: Tx | null): EntityManager {
    return tx ? tx.manager : this.ds.manager;
  }

  /** Date query parameter: SQLite stores TypeORM datetimes as 'YYYY-MM-DD HH:mm:ss.SSS' (UTC) text. */
  protected dateParam(d: Date): Date | string {
    return this.ds.options.type === 'better-sqlite3' ? d.toISOString().replace('T', ' ').replace('Z', '') : d;
  }
}
