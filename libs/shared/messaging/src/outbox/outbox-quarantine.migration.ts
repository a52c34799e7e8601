import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** outbox_quarantine (outbox-quarantine.orm-entity.ts), in every service database after the messaging tables. */
export class OutboxQuarantine1733000000000 implements MigrationInterface {
  name = 'OutboxQuarantine1733000000000';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'outbox_quarantine',
        columns: [
          c.bigint('outbox_id', { isPrimary: true }),
          c.uuid('event_id'),
          c.varchar('topic', 249),
          c.varchar('message_key', 255),
          c.varchar('event_type', 255),
          c.text('envelope'),
          c.bigint('sequence', { isNullable: true }),
          c.text('reason'),
          c.datetime('quarantined_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('outbox_quarantine');
  }
}
