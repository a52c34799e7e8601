import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** Credit lists (append-only list-event log + derived view), penalties, rectification notices, objections, joint measures. */
export class CreditLists1732500000210 implements MigrationInterface {
  name = 'CreditLists1732500000210';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'credit_list_event',
        columns: [
          c.serial('id'),
          c.uuid('event_id', { isUnique: true }),
          c.char('uscc', 18),
          c.uuid('entry_id'),
          c.varchar('kind', 30),
          c.text('payload'),
          c.datetime('effective_at'),
          c.datetime('recorded_at'),
          c.varchar('rule_version', 100),
        ],
      }),
    );
    await q.createIndex('credit_list_event', new TableIndex({ name: 'ix_credit_list_event_uscc', columnNames: ['uscc', 'id'] }));
    await q.createTable(
      new Table({
        name: 'credit_list_entry',
        columns: [
          c.uuid('entry_id', { isPrimary: true }),
          c.char('uscc', 18),
          c.varchar('list', 10),
          c.varchar('reason', 40),
          c.varchar('status', 10),
          c.char('deciding_authority', 6),
          c.datetime('listed_at'),
          c.datetime('next_due_at', { isNullable: true }),
          c.text('document'),
        ],
      }),
    );
    await q.createIndex('credit_list_entry', new TableIndex({ name: 'ix_credit_list_entry_uscc', columnNames: ['uscc'] }));
    await q.createIndex('credit_list_entry', new TableIndex({ name: 'ix_credit_list_entry_due', columnNames: ['next_due_at'] }));
    await q.createTable(
      new Table({
        name: 'credit_penalty',
        columns: [
          c.uuid('penalty_id', { isPrimary: true }),
          c.char('uscc', 18),
          c.varchar('kind', 20),
          c.bigint('amount_fen', { isNullable: true }),
          c.datetime('suspended_until', { isNullable: true }),
          c.datetime('decided_at'),
          c.varchar('deciding_body', 200),
          c.varchar('basis', 500),
          c.varchar('recorded_by', 100),
          c.datetime('recorded_at'),
        ],
      }),
    );
    await q.createIndex('credit_penalty', new TableIndex({ name: 'ix_credit_penalty_uscc', columnNames: ['uscc', 'decided_at'] }));
    await q.createTable(
      new Table({
        name: 'credit_rectification_notice',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.char('uscc', 18),
          c.datetime('inspected_at'),
          c.text('findings'),
          c.datetime('deadline'),
          c.varchar('status', 10),
          c.datetime('resolved_at', { isNullable: true }),
          c.varchar('issued_by', 100),
          c.datetime('recorded_at'),
        ],
      }),
    );
    await q.createIndex('credit_rectification_notice', new TableIndex({ name: 'ix_credit_notice_due', columnNames: ['status', 'deadline'] }));
    await q.createTable(
      new Table({
        name: 'credit_objection',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.uuid('entry_id'),
          c.char('uscc', 18),
          c.text('grounds'),
          c.varchar('filed_by', 100),
          c.datetime('filed_at'),
          c.varchar('status', 10),
          c.varchar('decided_by', 100, { isNullable: true }),
          c.datetime('decided_at', { isNullable: true }),
          c.text('decision_reason', { isNullable: true }),
        ],
      }),
    );
    await q.createIndex('credit_objection', new TableIndex({ name: 'ix_credit_objection_entry', columnNames: ['entry_id'] }));
    await q.createTable(
      new Table({
        name: 'credit_joint_measures',
        columns: [
          c.char('uscc', 18, { isPrimary: true }),
          c.varchar('lists', 40),
          c.varchar('measures', 300),
          c.datetime('effective_from'),
          c.varchar('rule_version', 100),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['credit_joint_measures', 'credit_objection', 'credit_rectification_notice', 'credit_penalty', 'credit_list_entry', 'credit_list_event']) await q.dropTable(t);
  }
}
