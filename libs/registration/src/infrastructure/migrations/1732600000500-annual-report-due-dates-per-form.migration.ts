import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Annual-report due dates per organization form as rule data (regulations §4): foundations by 31 March
 * (基金会条例 Art. 36), social groups and social service organizations by 31 May (社团条例 Art. 28; 民非条例 Art. 23).
 * Adds the per-form table and version 2 of the national cycle; version 1 (one date for all forms) stays readable,
 * and its cycle's due_month / due_day remain the default for forms a version does not list.
 */
export class AnnualReportDueDatesPerForm1732600000500 implements MigrationInterface {
  name = 'AnnualReportDueDatesPerForm1732600000500';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'annual_report_cycle_due_date',
        columns: [
          c.varchar('rule_set_id', 120, { isPrimary: true }),
          c.int('version', { isPrimary: true }),
          c.varchar('form', 40, { isPrimary: true }),
          c.int('due_month'),
          c.int('due_day'),
          c.varchar('source', 1000),
        ],
      }),
    );
    // Seed (frozen copy). Version 2 has the same effectiveFrom as version 1 and wins the tie by version: the
    // statutory dates applied all along, version 1 only lacked the foundations' date.
    const ruleSetId = 'annual-report-cycle/national-default';
    await q.query(
      'INSERT INTO annual_report_cycle (rule_set_id, version, effective_from, due_month, due_day, min_months_registered, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [ruleSetId, 2, '2016-01-01 00:00:00.000', 5, 31, 6, '社团条例 Art. 28; 民非条例 Art. 23; 基金会条例 Art. 36; 民非年度检查办法 (MCA Order 27) Art. 3-4 (regulations §4)'],
    );
    const rows: [string, number, number, string][] = [
      ['FOUNDATION', 3, 31, '基金会条例 Art. 36: annual work report by 31 March'],
      ['SOCIAL_GROUP', 5, 31, '社团条例 Art. 28: to the registration authority by 31 May'],
      ['SOCIAL_SERVICE_ORGANIZATION', 5, 31, '民非条例 Art. 23; 民非年度检查办法 Art. 4: by 31 May'],
    ];
    for (const [form, month, day, source] of rows) {
      await q.query('INSERT INTO annual_report_cycle_due_date (rule_set_id, version, form, due_month, due_day, source) VALUES (?, ?, ?, ?, ?, ?)', [ruleSetId, 2, form, month, day, source]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DELETE FROM annual_report_cycle WHERE rule_set_id = 'annual-report-cycle/national-default' AND version = 2");
    await q.dropTable('annual_report_cycle_due_date');
  }
}
