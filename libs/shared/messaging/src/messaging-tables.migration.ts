import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * outbox_message and inbox_message, identical in every service database. Each service lists this
 * migration first in its own migration list.
 */
export class MessagingTables1732500000000 implements MigrationInterface {
  name = 'MessagingTables1732500000000';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'outbox_message',
        columns: [
          c.serial('id'),
          c.uuid('event_id', { isUnique: true }),
          c.varchar('topic', 249),
          c.varchar('message_key', 255),
          c.varchar('event_type', 255),
          c.text('envelope'),
          c.datetime('created_at'),
          c.bigint('sequence', { isNullable: true, isUnique: true }),
          c.varchar('hash', 64, { isNullable: true }),
          c.datetime('published_at', { isNullable: true }),
          c.int('attempts', { default: 0 }),
          c.text('last_error', { isNullable: true }),
        ],
      }),
    );
    await q.createIndex('outbox_message', new TableIndex({ name: 'ix_outbox_unpublished', columnNames: ['published_at', 'id'] }));
    await q.createTable(
      new Table({
        name: 'inbox_message',
        columns: [
          c.varchar('consumer_group', 255, { isPrimary: true }),
          c.uuid('event_id', { isPrimary: true }),
          c.varchar('event_type', 255),
          c.varchar('source', 300),
          c.datetime('received_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('inbox_message');
    await q.dropTable('outbox_message');
  }
}
