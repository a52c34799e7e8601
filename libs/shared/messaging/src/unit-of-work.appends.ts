import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Rows per multi-row insert statement (within SQLite's and MySQL's parameter limits for tables of ~10 columns). */
const ROWS_PER_INSERT = 100;

/**
 * Rows queued for insert-only tables in one unit of work, written per table with multi-row inserts before it
 * commits (or when a reader of such a table in the unit flushes first). A batch of consumed events then writes such
 * a table with a few statements instead of one per event; the rows commit, or not, with the rest of the unit.
 */
export class QueuedAppends {
  private readonly queued = new Map<EntityTarget<ObjectLiteral>, QueryDeepPartialEntity<ObjectLiteral>[]>();

  add<T extends ObjectLiteral>(entity: EntityTarget<T>, row: QueryDeepPartialEntity<T>): void {
    const rows = this.queued.get(entity as EntityTarget<ObjectLiteral>) ?? [];
    rows.push(row as QueryDeepPartialEntity<ObjectLiteral>);
    this.queued.set(entity as EntityTarget<ObjectLiteral>, rows);
  }

  async flush(manager: EntityManager): Promise<void> {
    for (const [entity, rows] of this.queued) {
      this.queued.delete(entity);
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        await manager.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + ROWS_PER_INSERT)).updateEntity(false).execute();
      }
    }
  }
}
