import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** Export jobs of the public register move from process memory to the database; one runs at a time. */
export class CreditExportJobs1732500000240 implements MigrationInterface {
  name = 'CreditExportJobs1732500000240';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'credit_export_job',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.varchar('status', 10),
          c.int('total'),
          c.int('processed'),
          c.datetime('started_at'),
          c.datetime('heartbeat_at'),
          c.datetime('finished_at', { isNullable: true }),
          c.varchar('error', 500, { isNullable: true }),
          c.varchar('file_path', 500),
          // 'EXPORT' while the job runs, NULL otherwise: the unique index admits one running export in all.
          c.varchar('running_slot', 10, { isNullable: true }),
        ],
      }),
    );
    await q.createIndex('credit_export_job', new TableIndex({ name: 'ux_credit_export_running', columnNames: ['running_slot'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('credit_export_job');
  }
}
