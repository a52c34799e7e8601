import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Purchaser binding and idempotent contract creation. A contract records the signing principal's unit (claim
 * unit_id) and jurisdiction next to recorded_by; only that organ assesses it. The creating request's
 * Idempotency-Key and body hash are kept with a unique index per recorder, so a concurrent retry cannot create a
 * second contract. Existing rows get NULLs (NULL keys never collide in the unique index, on MySQL or SQLite).
 */
export class PurchasingPurchaserBinding1732500000420 implements MigrationInterface {
  name = 'PurchasingPurchaserBinding1732500000420';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumns('purchasing_contract', [
      new TableColumn(c.varchar('purchaser_unit_id', 100, { isNullable: true })),
      new TableColumn(c.char('purchaser_jurisdiction', 6, { isNullable: true })),
      new TableColumn(c.varchar('idempotency_key', 100, { isNullable: true })),
      new TableColumn(c.char('request_hash', 64, { isNullable: true })),
    ]);
    await q.createIndex('purchasing_contract', new TableIndex({ name: 'ux_purchasing_contract_idempotency', columnNames: ['idempotency_key', 'recorded_by'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('purchasing_contract', 'ux_purchasing_contract_idempotency');
    await q.dropColumn('purchasing_contract', 'request_hash');
    await q.dropColumn('purchasing_contract', 'idempotency_key');
    await q.dropColumn('purchasing_contract', 'purchaser_jurisdiction');
    await q.dropColumn('purchasing_contract', 'purchaser_unit_id');
  }
}
