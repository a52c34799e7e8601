import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * The registry of purchasing organs (Order 102 Art. 5 and 8, regulations §7.2): every version of an organ
 * (append-only, primary key (unit_id, version)) and a current-version row per unit (list by division). Contracts
 * record the version of the organ that signed. Nothing is seeded: organs are registered by finance officers.
 */
export class PurchasingOrgans1732500000440 implements MigrationInterface {
  name = 'PurchasingOrgans1732500000440';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'purchasing_organ_version',
        columns: [
          c.varchar('unit_id', 100, { isPrimary: true }),
          c.int('version', { isPrimary: true }),
          c.varchar('name', 200),
          c.varchar('kind', 60),
          c.char('jurisdiction', 6),
          c.varchar('reason', 500, { isNullable: true }),
          c.varchar('recorded_by', 200),
          c.datetime('recorded_at'),
          c.uuid('event_id'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'purchasing_organ',
        columns: [c.varchar('unit_id', 100, { isPrimary: true }), c.int('version'), c.char('jurisdiction', 6)],
        indices: [new TableIndex({ name: 'ix_purchasing_organ_jurisdiction', columnNames: ['jurisdiction'] })],
      }),
    );
    await q.addColumn('purchasing_contract', new TableColumn(c.int('purchaser_organ_version', { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('purchasing_contract', 'purchaser_organ_version');
    await q.dropTable('purchasing_organ');
    await q.dropTable('purchasing_organ_version');
  }
}
