import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Issue 11 item 5 (the ≥ 30 % share, 财综〔2016〕54号): a stand-alone contract records whether its supplier's
 * eligibility was evaluated (NULL as before; NOT_EVALUATED for a supplier outside civil-affairs registration) and
 * whether the purchaser declared it a public service (NULL for every earlier contract: not declared).
 */
export class PurchasingSupplierKinds1732500000495 implements MigrationInterface {
  name = 'PurchasingSupplierKinds1732500000495';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumns('purchasing_contract', [new TableColumn(c.varchar('supplier_eligibility', 20, { isNullable: true })), new TableColumn(c.boolean('public_service', { isNullable: true }))]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('purchasing_contract', 'public_service');
    await q.dropColumn('purchasing_contract', 'supplier_eligibility');
  }
}
