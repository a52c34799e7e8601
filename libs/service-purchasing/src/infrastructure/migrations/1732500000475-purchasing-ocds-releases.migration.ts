import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * OCDS 1.1 open data (issue 11 item 6): each release is frozen, as JSON text, in the transaction of the lifecycle step
 * that publishes it (notice, amendment, cancellation, award), with the event that announced the step. `sequence` is
 * given from the one-row counter purchasing_ocds_sequence, locked until commit, so sequences follow commit order and
 * paging by sequence never skips a release that committed late.
 */
export class PurchasingOcdsReleases1732500000475 implements MigrationInterface {
  name = 'PurchasingOcdsReleases1732500000475';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'purchasing_ocds_release',
        columns: [
          c.bigint('sequence', { isPrimary: true }),
          c.varchar('release_id', 100),
          c.varchar('ocid', 100),
          c.uuid('procurement_id'),
          c.varchar('step', 30),
          c.varchar('tags', 200),
          c.datetime('released_at'),
          c.uuid('event_id'),
          c.text('release_json'),
          c.datetime('recorded_at'),
        ],
      }),
    );
    await q.createIndex('purchasing_ocds_release', new TableIndex({ name: 'ux_purchasing_ocds_release_id', columnNames: ['release_id'], isUnique: true }));
    await q.createIndex('purchasing_ocds_release', new TableIndex({ name: 'ix_purchasing_ocds_release_ocid', columnNames: ['ocid', 'sequence'] }));
    await q.createIndex('purchasing_ocds_release', new TableIndex({ name: 'ix_purchasing_ocds_release_date', columnNames: ['released_at'] }));
    await q.createTable(new Table({ name: 'purchasing_ocds_sequence', columns: [c.varchar('name', 30, { isPrimary: true }), c.bigint('last_value')] }));
    await q.query(`INSERT INTO purchasing_ocds_sequence (name, last_value) VALUES ('releases', 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('purchasing_ocds_sequence');
    await q.dropTable('purchasing_ocds_release');
  }
}
