import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * The facts Order 39 Art. 7 bars evaluation on (regulations §6 "Not evaluated"), projected from other services'
 * events: each organization's annual-report years (registration's AnnualReportReviewed outcome, AnnualReportOverdue)
 * and the penalties credit supervision recorded (PenaltyRecorded). Events published before this migration are not
 * replayed: only facts consumed from now on are known.
 */
export class EvaluationComplianceFacts1732500000350 implements MigrationInterface {
  name = 'EvaluationComplianceFacts1732500000350';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'evaluation_annual_report',
        columns: [
          c.char('uscc', 18, { isPrimary: true }),
          c.int('report_year', { isPrimary: true }),
          c.varchar('outcome', 12, { isNullable: true }),
          c.datetime('reviewed_at', { isNullable: true }),
          c.uuid('review_event_id', { isNullable: true }),
          c.boolean('overdue', { default: 0 }),
          c.varchar('overdue_on', 10, { isNullable: true }),
          c.uuid('overdue_event_id', { isNullable: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'evaluation_penalty',
        columns: [
          c.uuid('penalty_id', { isPrimary: true }),
          c.char('uscc', 18),
          c.varchar('kind', 20),
          c.bigint('amount_fen', { isNullable: true }),
          c.datetime('decided_at'),
          c.uuid('event_id'),
          c.datetime('recorded_at'),
        ],
      }),
    );
    await q.createIndex('evaluation_penalty', new TableIndex({ name: 'ix_evaluation_penalty_uscc', columnNames: ['uscc', 'decided_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('evaluation_penalty');
    await q.dropTable('evaluation_annual_report');
  }
}
