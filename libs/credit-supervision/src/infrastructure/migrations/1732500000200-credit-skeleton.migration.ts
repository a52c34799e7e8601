import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

export class CreditSkeleton1732500000200 implements MigrationInterface {
  name = 'CreditSkeleton1732500000200';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'credit_organization',
        columns: [
          c.char('uscc', 18, { isPrimary: true }),
          c.varchar('name', 200),
          c.varchar('form', 40),
          c.varchar('category', 40),
          c.char('registering_authority', 6),
          c.varchar('domicile', 300),
          c.varchar('registration_status', 20),
          c.datetime('registered_at'),
          c.datetime('updated_at'),
        ],
      }),
    );
    await q.createIndex('credit_organization', new TableIndex({ name: 'ix_credit_org_name', columnNames: ['name'] }));
    await q.createTable(
      new Table({
        name: 'credit_information',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.char('uscc', 18),
          c.varchar('category', 30),
          c.varchar('fact_type', 80),
          c.uuid('source_event_id', { isUnique: true }),
          c.text('summary'),
          c.datetime('occurred_at'),
          c.datetime('recorded_at'),
          c.datetime('capture_deadline'),
        ],
      }),
    );
    await q.createIndex('credit_information', new TableIndex({ name: 'ix_credit_info_uscc', columnNames: ['uscc', 'occurred_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('credit_information');
    await q.dropTable('credit_organization');
  }
}
