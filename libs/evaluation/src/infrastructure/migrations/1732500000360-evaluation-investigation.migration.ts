import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * "Under investigation by government or judicial organs" bars evaluation under Order 39 Art. 7 (regulations §6; the
 * 2026 measures lift the bar). No event carries it, so an evaluator records it on the organization with its basis,
 * when and by whom. Organizations projected before are not under investigation (the column default).
 */
export class EvaluationInvestigation1732500000360 implements MigrationInterface {
  name = 'EvaluationInvestigation1732500000360';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumns('evaluation_organization', [
      new TableColumn(c.boolean('under_investigation', { default: 0 })),
      new TableColumn(c.varchar('investigation_basis', 500, { isNullable: true })),
      new TableColumn(c.datetime('investigation_recorded_at', { isNullable: true })),
      new TableColumn(c.varchar('investigation_recorded_by', 100, { isNullable: true })),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('evaluation_organization', 'investigation_recorded_by');
    await q.dropColumn('evaluation_organization', 'investigation_recorded_at');
    await q.dropColumn('evaluation_organization', 'investigation_basis');
    await q.dropColumn('evaluation_organization', 'under_investigation');
  }
}
