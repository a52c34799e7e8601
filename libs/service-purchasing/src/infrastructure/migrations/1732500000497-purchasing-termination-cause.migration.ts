import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Why a contract was terminated (TERMINATION_CAUSES): only SUPPLIER_BREACH counts against the supplier in a later
 * eligibility bar. NULL for the terminations recorded before (they keep counting, as they did when decided).
 */
export class PurchasingTerminationCause1732500000497 implements MigrationInterface {
  name = 'PurchasingTerminationCause1732500000497';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('purchasing_contract', new TableColumn(new Columns(q).varchar('termination_cause', 30, { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('purchasing_contract', 'termination_cause');
  }
}
