import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

export class PurchasingSkeleton1732500000400 implements MigrationInterface {
  name = 'PurchasingSkeleton1732500000400';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'purchasing_supplier',
        columns: [
          c.char('uscc', 18, { isPrimary: true }),
          c.varchar('name', 200),
          c.varchar('form', 40),
          c.varchar('category', 40),
          c.char('registering_authority', 6),
          c.datetime('registered_at'),
          c.boolean('category_priority'),
          c.uuid('last_event_id'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('purchasing_supplier');
  }
}
