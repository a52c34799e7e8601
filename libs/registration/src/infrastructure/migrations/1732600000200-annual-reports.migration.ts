import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** Issue #3 item 6: annual-report cycle as rule-set data (seeded, regulations §4), reports, overdue findings. */
export class AnnualReports1732600000200 implements MigrationInterface {
  name = 'AnnualReports1732600000200';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'annual_report_cycle',
        columns: [
          c.varchar('rule_set_id', 120, { isPrimary: true }),
          c.int('version', { isPrimary: true }),
          c.datetime('effective_from'),
          c.int('due_month'),
          c.int('due_day'),
          c.int('min_months_registered'),
          c.varchar('source', 1000),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'annual_report',
        columns: [
          c.char('uscc', 18, { isPrimary: true }),
          c.int('report_year', { isPrimary: true }),
          c.char('registering_authority', 6),
          c.datetime('submitted_at'),
          c.varchar('submitted_by', 120),
          c.varchar('due_date', 10),
          c.varchar('rule_version', 120),
          c.varchar('outcome', 20, { isNullable: true }),
          c.varchar('reviewed_by', 120, { isNullable: true }),
          c.datetime('reviewed_at', { isNullable: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'annual_report_overdue',
        columns: [
          c.char('uscc', 18, { isPrimary: true }),
          c.int('report_year', { isPrimary: true }),
          c.varchar('due_date', 10),
          c.datetime('detected_at'),
          c.varchar('rule_version', 120),
        ],
      }),
    );
    await q.createIndex('annual_report_overdue', new TableIndex({ name: 'ix_overdue_year', columnNames: ['report_year'] }));
    // Seed (frozen copy): previous year's report due 31 May; < 6 months registered at year end skipped.
    await q.query(
      'INSERT INTO annual_report_cycle (rule_set_id, version, effective_from, due_month, due_day, min_months_registered, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        'annual-report-cycle/national-default',
        1,
        '2016-01-01 00:00:00.000',
        5,
        31,
        6,
        '社团条例 Art. 28; 民非条例 Art. 23; 民非年度检查办法 (MCA Order 27) Art. 3-4 (regulations §4)',
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('annual_report_overdue');
    await q.dropTable('annual_report');
    await q.dropTable('annual_report_cycle');
  }
}
