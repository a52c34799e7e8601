import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Issue 11 item 5: a rule-set version may carry a performance bar (JSON; null for every version before, the national
 * default included, which keeps their behaviour: no bar).
 */
export class PurchasingPerformanceBar1732500000490 implements MigrationInterface {
  name = 'PurchasingPerformanceBar1732500000490';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumn('purchasing_rule_set_version', new TableColumn(c.text('performance_bar', { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('purchasing_rule_set_version', 'performance_bar');
  }
}
