import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Purchase-of-services contracts and performance assessments (regulations §7.2), and the facts purchasing keeps
 * about suppliers from other services: registration status, credit joint measures (§5.3), evaluation grades (§6).
 * Calendar dates are stored as 'YYYY-MM-DD' text (sortable, identical on MySQL and SQLite).
 */
export class PurchasingContracts1732500000410 implements MigrationInterface {
  name = 'PurchasingContracts1732500000410';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumns('purchasing_supplier', [
      new TableColumn(c.varchar('status', 20, { default: "'ACTIVE'" })),
      new TableColumn(c.datetime('status_changed_at', { isNullable: true })),
      new TableColumn(c.uuid('status_event_id', { isNullable: true })),
    ]);
    await q.createTable(
      new Table({
        name: 'purchasing_joint_measures',
        columns: [
          c.char('uscc', 18, { isPrimary: true }),
          c.text('lists'),
          c.text('measures'),
          c.datetime('effective_from'),
          c.varchar('rule_version', 100),
          c.uuid('event_id'),
          c.datetime('received_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'purchasing_supplier_grade',
        columns: [
          c.uuid('grade_id', { isPrimary: true }),
          c.char('uscc', 18),
          c.varchar('grade', 2),
          c.int('score'),
          c.char('evaluating_authority', 6),
          c.datetime('announced_at'),
          c.char('valid_from', 10),
          c.char('valid_until', 10),
          c.uuid('replaces_grade_id', { isNullable: true }),
          c.uuid('superseded_by_grade_id', { isNullable: true }),
          c.char('superseded_from', 10, { isNullable: true }),
          c.varchar('adjusted_grade', 2, { isNullable: true }),
          c.varchar('adjustment_reason', 40, { isNullable: true }),
          c.datetime('adjusted_at', { isNullable: true }),
          c.uuid('adjustment_event_id', { isNullable: true }),
          c.varchar('rule_version', 100),
          c.uuid('event_id'),
        ],
      }),
    );
    await q.createIndex('purchasing_supplier_grade', new TableIndex({ name: 'ix_purchasing_grade_uscc', columnNames: ['uscc'] }));
    await q.createTable(
      new Table({
        name: 'purchasing_contract',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.char('supplier_uscc', 18),
          c.varchar('purchaser', 200),
          c.varchar('title', 300),
          c.varchar('method', 40),
          c.bigint('value_fen'),
          c.char('term_start', 10),
          c.char('term_end', 10),
          c.boolean('multi_year'),
          c.boolean('budget_assured'),
          c.boolean('stable_service'),
          c.datetime('signed_at'),
          c.varchar('status', 20),
          c.varchar('rule_version', 100),
          c.varchar('recorded_by', 200),
          c.datetime('recorded_at'),
          c.uuid('event_id'),
        ],
      }),
    );
    await q.createIndex('purchasing_contract', new TableIndex({ name: 'ix_purchasing_contract_supplier', columnNames: ['supplier_uscc'] }));
    await q.createTable(
      new Table({
        name: 'purchasing_performance_assessment',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.uuid('contract_id'),
          c.char('supplier_uscc', 18),
          c.varchar('purchaser', 200),
          c.int('score'),
          c.varchar('outcome', 20),
          c.boolean('breach'),
          c.varchar('summary', 1000),
          c.datetime('assessed_at'),
          c.varchar('assessed_by', 200),
          c.varchar('rule_version', 100),
          c.uuid('event_id'),
        ],
        foreignKeys: [{ name: 'fk_purchasing_assessment_contract', columnNames: ['contract_id'], referencedTableName: 'purchasing_contract', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('purchasing_performance_assessment', new TableIndex({ name: 'ix_purchasing_assessment_contract', columnNames: ['contract_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('purchasing_performance_assessment');
    await q.dropTable('purchasing_contract');
    await q.dropTable('purchasing_supplier_grade');
    await q.dropTable('purchasing_joint_measures');
    await q.dropColumn('purchasing_supplier', 'status_event_id');
    await q.dropColumn('purchasing_supplier', 'status_changed_at');
    await q.dropColumn('purchasing_supplier', 'status');
  }
}
