import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** Evaluation grades and government-purchase records consumed from evaluation and service purchasing (Order 60 Art. 7). */
export class CreditGradesAndPurchases1732500000230 implements MigrationInterface {
  name = 'CreditGradesAndPurchases1732500000230';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'credit_grade',
        columns: [
          c.uuid('grade_id', { isPrimary: true }),
          c.char('uscc', 18),
          c.varchar('grade', 2),
          c.int('score'),
          c.char('evaluating_authority', 6),
          c.datetime('announced_at'),
          c.varchar('valid_from', 10),
          c.varchar('valid_until', 10),
          c.uuid('replaces_grade_id', { isNullable: true }),
          c.varchar('rule_version', 100),
          c.uuid('source_event_id'),
        ],
      }),
    );
    await q.createIndex('credit_grade', new TableIndex({ name: 'ix_credit_grade_uscc', columnNames: ['uscc', 'announced_at'] }));
    await q.createTable(
      new Table({
        name: 'credit_grade_adjustment',
        columns: [
          c.uuid('source_event_id', { isPrimary: true }),
          c.uuid('grade_id'),
          c.char('uscc', 18),
          c.varchar('previous_grade', 2),
          c.varchar('new_grade', 2, { isNullable: true }),
          c.varchar('reason', 40),
          c.datetime('effective_at'),
          c.varchar('rule_version', 100),
        ],
      }),
    );
    await q.createIndex('credit_grade_adjustment', new TableIndex({ name: 'ix_credit_grade_adj_uscc', columnNames: ['uscc'] }));
    await q.createTable(
      new Table({
        name: 'credit_purchase_contract',
        columns: [
          c.uuid('contract_id', { isPrimary: true }),
          c.char('uscc', 18),
          c.varchar('purchaser', 200),
          c.varchar('title', 300),
          c.varchar('method', 40),
          c.bigint('value_fen'),
          c.varchar('term_start', 10),
          c.varchar('term_end', 10),
          c.datetime('signed_at'),
          c.varchar('rule_version', 100),
          c.uuid('source_event_id'),
        ],
      }),
    );
    await q.createIndex('credit_purchase_contract', new TableIndex({ name: 'ix_credit_purchase_uscc', columnNames: ['uscc', 'signed_at'] }));
    await q.createTable(
      new Table({
        name: 'credit_purchase_assessment',
        columns: [
          c.uuid('assessment_id', { isPrimary: true }),
          c.uuid('contract_id'),
          c.char('uscc', 18),
          c.varchar('outcome', 20),
          c.int('score'),
          c.boolean('breach'),
          c.datetime('assessed_at'),
          c.varchar('rule_version', 100),
          c.uuid('source_event_id'),
        ],
      }),
    );
    await q.createIndex('credit_purchase_assessment', new TableIndex({ name: 'ix_credit_purchase_assessment_uscc', columnNames: ['uscc', 'assessed_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['credit_purchase_assessment', 'credit_purchase_contract', 'credit_grade_adjustment', 'credit_grade']) await q.dropTable(t);
  }
}
