import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Contract performance (issue 11, contract to final payment): a contract may come from a procurement's award (unique
 * per procurement) with its Art. 23 content, a flag (serious listing of the supplier), termination and completion;
 * milestones with their running paid totals; acceptances, payments, payment decisions and flags, append-only.
 * Contracts recorded before milestones get one implicit milestone of their whole value, due on the last day of the
 * term (INSERT … SELECT: the same SQL on MySQL/MariaDB and SQLite).
 */
export class PurchasingContractPerformance1732500000480 implements MigrationInterface {
  name = 'PurchasingContractPerformance1732500000480';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumns('purchasing_contract', [
      new TableColumn(c.uuid('procurement_id', { isNullable: true })),
      new TableColumn(c.varchar('ocid', 100, { isNullable: true })),
      new TableColumn(c.uuid('budget_line_id', { isNullable: true })),
      new TableColumn(c.text('content', { isNullable: true })),
      new TableColumn(c.datetime('flagged_at', { isNullable: true })),
      new TableColumn(c.uuid('flag_event_id', { isNullable: true })),
      new TableColumn(c.datetime('terminated_at', { isNullable: true })),
      new TableColumn(c.text('termination_reasons', { isNullable: true })),
      new TableColumn(c.datetime('completed_at', { isNullable: true })),
    ]);
    await q.createIndex('purchasing_contract', new TableIndex({ name: 'ux_purchasing_contract_procurement', columnNames: ['procurement_id'], isUnique: true }));
    await q.createTable(
      new Table({
        name: 'purchasing_contract_milestone',
        columns: [
          c.uuid('contract_id', { isPrimary: true }),
          c.int('sequence', { isPrimary: true }),
          c.varchar('title', 300),
          c.text('deliverables'),
          c.varchar('due_on', 10),
          c.bigint('amount_fen'),
          c.bigint('paid_fen'),
        ],
      }),
    );
    await q.query(
      `INSERT INTO purchasing_contract_milestone (contract_id, sequence, title, deliverables, due_on, amount_fen, paid_fen)
       SELECT id, 1, title, '[]', term_end, value_fen, 0 FROM purchasing_contract`,
    );
    await q.createTable(
      new Table({
        name: 'purchasing_milestone_acceptance',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.uuid('contract_id'),
          c.int('sequence'),
          c.int('attempt'),
          c.boolean('passed'),
          c.int('score'),
          c.varchar('band', 20),
          c.text('findings'),
          c.varchar('rule_version', 100),
          c.varchar('accepted_by', 200),
          c.datetime('accepted_at'),
          c.uuid('event_id'),
        ],
        indices: [new TableIndex({ name: 'ux_purchasing_acceptance_attempt', columnNames: ['contract_id', 'sequence', 'attempt'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'purchasing_contract_payment',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.uuid('contract_id'),
          c.int('sequence'),
          c.bigint('amount_fen'),
          c.datetime('paid_at'),
          c.uuid('decision_id', { isNullable: true }),
          c.varchar('recorded_by', 200),
          c.datetime('recorded_at'),
          c.uuid('event_id'),
        ],
        indices: [new TableIndex({ name: 'ix_purchasing_payment_contract', columnNames: ['contract_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'purchasing_payment_decision',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.uuid('contract_id'),
          c.int('sequence'),
          c.varchar('decision', 10),
          c.text('reasons'),
          c.uuid('flag_event_id'),
          c.varchar('decided_by', 200),
          c.datetime('decided_at'),
          c.uuid('event_id'),
        ],
        indices: [new TableIndex({ name: 'ix_purchasing_decision_contract', columnNames: ['contract_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'purchasing_contract_flag',
        columns: [
          c.uuid('contract_id', { isPrimary: true }),
          c.uuid('evidence_event_id', { isPrimary: true }),
          c.uuid('entry_id'),
          c.datetime('listed_at'),
          c.datetime('flagged_at'),
          c.uuid('event_id'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['purchasing_contract_flag', 'purchasing_payment_decision', 'purchasing_contract_payment', 'purchasing_milestone_acceptance', 'purchasing_contract_milestone']) await q.dropTable(t);
    await q.dropIndex('purchasing_contract', 'ux_purchasing_contract_procurement');
    for (const col of ['completed_at', 'termination_reasons', 'terminated_at', 'flag_event_id', 'flagged_at', 'content', 'budget_line_id', 'ocid', 'procurement_id']) await q.dropColumn('purchasing_contract', col);
  }
}
