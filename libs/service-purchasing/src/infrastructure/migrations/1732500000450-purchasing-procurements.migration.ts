import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Procurement (issue 11, first slice): budget lines (amount, committed, paid in fen), the published versions of the
 * guiding catalogue and negative list per jurisdiction (Order 102 Art. 10–11; the national default is in code,
 * domain/procurement/catalogue.ts), procurement notices (requirements, scoring and amendments as JSON text) and
 * sealed bids (content only as AES-256-GCM ciphertext).
 */
export class PurchasingProcurements1732500000450 implements MigrationInterface {
  name = 'PurchasingProcurements1732500000450';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'purchasing_budget_line',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.varchar('organ_unit_id', 100),
          c.char('organ_jurisdiction', 6),
          c.int('fiscal_year'),
          c.varchar('line_code', 40),
          c.varchar('description', 500),
          c.bigint('amount_fen'),
          c.bigint('committed_fen'),
          c.bigint('paid_fen'),
          c.varchar('created_by', 200),
          c.datetime('created_at'),
        ],
        indices: [new TableIndex({ name: 'ux_purchasing_budget_line_code', columnNames: ['organ_unit_id', 'fiscal_year', 'line_code'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'purchasing_catalogue_version',
        columns: [
          c.char('jurisdiction', 6, { isPrimary: true }),
          c.int('version', { isPrimary: true }),
          c.varchar('effective_from', 10),
          c.text('items'),
          c.text('negative_list'),
          c.varchar('source', 500),
          c.varchar('published_by', 200),
          c.datetime('published_at'),
          c.varchar('note', 1000, { isNullable: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'purchasing_procurement',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.varchar('ocid', 100),
          c.varchar('organ_unit_id', 100),
          c.char('organ_jurisdiction', 6),
          c.varchar('organ_name', 200),
          c.uuid('budget_line_id'),
          c.varchar('title', 300),
          c.text('description'),
          c.varchar('method', 40),
          c.varchar('justification', 2000, { isNullable: true }),
          c.varchar('catalogue_item_code', 40),
          c.varchar('catalogue_version', 100),
          c.bigint('estimated_fen'),
          c.text('requirements'),
          c.text('scoring'),
          c.datetime('bid_deadline'),
          c.varchar('status', 20),
          c.text('amendments'),
          c.varchar('published_by', 200),
          c.datetime('published_at'),
          c.text('cancel_reasons', { isNullable: true }),
          c.datetime('cancelled_at', { isNullable: true }),
          c.int('revision'),
        ],
        indices: [
          new TableIndex({ name: 'ux_purchasing_procurement_ocid', columnNames: ['ocid'], isUnique: true }),
          new TableIndex({ name: 'ix_purchasing_procurement_jurisdiction', columnNames: ['organ_jurisdiction', 'published_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'purchasing_bid',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.uuid('procurement_id'),
          c.varchar('bidder_uscc', 18),
          c.varchar('status', 20),
          c.int('submission'),
          c.varchar('submitted_by', 200),
          c.datetime('submitted_at'),
          c.datetime('withdrawn_at', { isNullable: true }),
          c.text('sealed', { isNullable: true }),
        ],
        indices: [new TableIndex({ name: 'ux_purchasing_bid_bidder', columnNames: ['procurement_id', 'bidder_uscc'], isUnique: true })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('purchasing_bid');
    await q.dropTable('purchasing_procurement');
    await q.dropTable('purchasing_catalogue_version');
    await q.dropTable('purchasing_budget_line');
  }
}
