import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Eligibility, scoring and award (issue 11, second slice): each frozen decision about a procurement is one row,
 * written once and never updated — the eligibility evaluation at the deadline, the panel's scores, the award (with
 * the eligibility evaluation at award) — as JSON text with the event that announced it. The primary key
 * (procurement, kind) makes a second recording fail as a duplicate key.
 */
export class PurchasingAward1732500000460 implements MigrationInterface {
  name = 'PurchasingAward1732500000460';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'purchasing_procurement_decision',
        columns: [
          c.uuid('procurement_id', { isPrimary: true }),
          c.varchar('kind', 30, { isPrimary: true }),
          c.text('body'),
          c.varchar('rule_version', 100),
          c.varchar('recorded_by', 200),
          c.datetime('recorded_at'),
          c.uuid('event_id'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('purchasing_procurement_decision');
  }
}
