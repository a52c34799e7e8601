import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** Grades, adjustments, the credit joint measures evaluation enforces, and verification cases (regulations §6). */
export class EvaluationGrades1732500000310 implements MigrationInterface {
  name = 'EvaluationGrades1732500000310';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'evaluation_grade',
        columns: [
          c.uuid('grade_id', { isPrimary: true }),
          c.char('uscc', 18),
          c.varchar('grade', 2),
          c.varchar('awarded_grade', 2),
          c.int('score'),
          c.char('evaluating_authority', 6),
          c.datetime('announced_at'),
          // UTC calendar dates as 'YYYY-MM-DD' text: portable, no driver time-zone conversion.
          c.varchar('valid_from', 10),
          c.varchar('valid_until', 10),
          c.varchar('status', 12),
          c.uuid('replaces_grade_id', { isNullable: true }),
          c.uuid('superseded_by_grade_id', { isNullable: true }),
          c.varchar('rule_version', 100),
          c.int('committee_members'),
          c.int('committee_present'),
          c.int('committee_in_favour'),
          c.varchar('awarded_by', 100),
          c.datetime('recorded_at'),
          c.uuid('event_id'),
        ],
      }),
    );
    await q.createIndex('evaluation_grade', new TableIndex({ name: 'ix_evaluation_grade_uscc', columnNames: ['uscc', 'announced_at'] }));
    await q.createTable(
      new Table({
        name: 'evaluation_grade_adjustment',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.uuid('grade_id'),
          c.char('uscc', 18),
          c.varchar('previous_grade', 2),
          c.varchar('new_grade', 2, { isNullable: true }),
          c.varchar('reason', 40),
          c.varchar('explanation', 500),
          c.datetime('effective_at'),
          c.text('evidence'),
          c.varchar('rule_version', 100),
          c.varchar('adjusted_by', 100),
          c.datetime('recorded_at'),
          c.uuid('event_id'),
        ],
      }),
    );
    await q.createIndex('evaluation_grade_adjustment', new TableIndex({ name: 'ix_evaluation_adjustment_grade', columnNames: ['grade_id'] }));
    await q.createTable(
      new Table({
        name: 'evaluation_credit_measures',
        columns: [
          c.char('uscc', 18, { isPrimary: true }),
          c.varchar('lists', 40),
          c.varchar('measures', 300),
          c.datetime('effective_from'),
          c.varchar('rule_version', 100),
          c.uuid('last_event_id'),
          c.datetime('received_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'evaluation_verification_case',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.char('uscc', 18),
          c.uuid('grade_id'),
          c.varchar('status', 10),
          c.varchar('cause', 40),
          c.text('evidence'),
          c.datetime('opened_at'),
          c.varchar('rule_version', 100),
          c.datetime('closed_at', { isNullable: true }),
          c.varchar('outcome', 20, { isNullable: true }),
          c.uuid('adjustment_id', { isNullable: true }),
        ],
      }),
    );
    await q.createIndex('evaluation_verification_case', new TableIndex({ name: 'ix_evaluation_case_status', columnNames: ['status', 'opened_at'] }));
    await q.createIndex('evaluation_verification_case', new TableIndex({ name: 'ix_evaluation_case_grade', columnNames: ['grade_id', 'status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['evaluation_verification_case', 'evaluation_credit_measures', 'evaluation_grade_adjustment', 'evaluation_grade']) await q.dropTable(t);
  }
}
