import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** Export jobs of the public register move from process memory to the database. */
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
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('credit_export_job');
  }
}
