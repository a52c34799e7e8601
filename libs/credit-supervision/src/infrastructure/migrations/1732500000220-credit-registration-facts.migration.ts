import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Registration facts consumed by credit supervision: annual-report obligations (overdue → submitted) and the
 * effective dates of name / domicile changes. Backfills the obligations of overdue events already consumed
 * from their credit information ('annual report for YYYY not submitted by ...').
 */
export class CreditRegistrationFacts1732500000220 implements MigrationInterface {
  name = 'CreditRegistrationFacts1732500000220';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'credit_annual_report_obligation',
        columns: [
          c.uuid('overdue_event_id', { isPrimary: true }),
          c.char('uscc', 18),
          c.int('report_year'),
          c.datetime('submitted_at', { isNullable: true }),
          c.uuid('submitted_event_id', { isNullable: true }),
        ],
      }),
    );
    await q.createIndex('credit_annual_report_obligation', new TableIndex({ name: 'ix_credit_ar_obligation_uscc', columnNames: ['uscc', 'report_year'] }));
    await q.query(
      `INSERT INTO credit_annual_report_obligation (overdue_event_id, uscc, report_year)
       SELECT source_event_id, uscc, SUBSTR(summary, 19, 4) FROM credit_information
       WHERE fact_type = 'ANNUAL_REPORT_OVERDUE' AND summary LIKE 'annual report for %'`,
    );
    await q.addColumns('credit_organization', [
      new TableColumn(c.datetime('name_effective_from', { isNullable: true })),
      new TableColumn(c.datetime('domicile_effective_from', { isNullable: true })),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('credit_organization', 'domicile_effective_from');
    await q.dropColumn('credit_organization', 'name_effective_from');
    await q.dropTable('credit_annual_report_obligation');
  }
}
