import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * The purchase modes beyond tenders (issue 11 item 4): venture-philanthropy rounds, proposals, reviews and
 * selections, entrusted facilities, PPP agreements — one row each with the keys they are found by and the record as
 * JSON (unique per kind and id; `seq` keeps insertion order). Their contracts, milestones, acceptances and payments
 * live in the contract tables (migration 480).
 */
export class PurchasingPurchaseModes1732500000720 implements MigrationInterface {
  name = 'PurchasingPurchaseModes1732500000720';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'purchasing_pm_record',
        columns: [
          c.serial('seq'),
          c.varchar('kind', 20),
          c.varchar('id', 36),
          c.varchar('unit_id', 100, { isNullable: true }),
          c.varchar('jurisdiction', 6, { isNullable: true }),
          c.varchar('uscc', 18, { isNullable: true }),
          c.varchar('parent_id', 36, { isNullable: true }),
          c.varchar('status', 30),
          c.int('revision'),
          c.text('body'),
          c.datetime('created_at'),
          c.datetime('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ux_purchasing_pm_record', columnNames: ['kind', 'id'], isUnique: true }),
          new TableIndex({ name: 'ix_purchasing_pm_unit', columnNames: ['kind', 'unit_id'] }),
          new TableIndex({ name: 'ix_purchasing_pm_uscc', columnNames: ['kind', 'uscc'] }),
          new TableIndex({ name: 'ix_purchasing_pm_parent', columnNames: ['kind', 'parent_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('purchasing_pm_record');
  }
}
