import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * relay_lease: one row per relay (service), the instance holding it and until when (database time). The outbox relay's
 * leadership (outbox.relay.ts); unused on SQLite, where one process runs the relay.
 */
export class RelayLease1733000000100 implements MigrationInterface {
  name = 'RelayLease1733000000100';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'relay_lease',
        columns: [c.varchar('name', 200, { isPrimary: true }), c.varchar('holder', 200), c.datetime('expires_at')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('relay_lease');
  }
}
