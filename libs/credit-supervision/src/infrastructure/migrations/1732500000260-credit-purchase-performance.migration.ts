import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Milestone acceptances and terminations of purchase-of-services contracts consumed from service purchasing (issue 11
 * item 5; Order 60 Art. 7 "undertaking government purchases" as other credit information).
 */
export class CreditPurchasePerformance1732500000260 implements MigrationInterface {
  name = 'CreditPurchasePerformance1732500000260';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'credit_purchase_acceptance',
        columns: [
          c.uuid('acceptance_id', { isPrimary: true }),
          c.uuid('contract_id'),
          c.char('uscc', 18),
          c.int('sequence'),
          c.int('attempt'),
          c.boolean('passed'),
          c.int('score'),
          c.varchar('band', 20),
          c.datetime('accepted_at'),
          c.varchar('rule_version', 100),
          c.uuid('source_event_id'),
        ],
      }),
    );
    await q.createIndex('credit_purchase_acceptance', new TableIndex({ name: 'ix_credit_purchase_acceptance_contract', columnNames: ['contract_id'] }));
    await q.createTable(
      new Table({
        name: 'credit_purchase_termination',
        columns: [c.uuid('contract_id', { isPrimary: true }), c.char('uscc', 18), c.text('reasons'), c.datetime('terminated_at'), c.bigint('paid_fen'), c.bigint('unpaid_fen'), c.uuid('source_event_id')],
      }),
    );
    await q.createIndex('credit_purchase_termination', new TableIndex({ name: 'ix_credit_purchase_termination_uscc', columnNames: ['uscc'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['credit_purchase_termination', 'credit_purchase_acceptance']) await q.dropTable(t);
  }
}
