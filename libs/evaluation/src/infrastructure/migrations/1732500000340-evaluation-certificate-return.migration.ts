import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * A lowering or cancellation records the last day (Beijing civil date, 'YYYY-MM-DD' text as the validity dates)
 * for returning certificate and plaque (regulations §6: within 15 days of notice, a Civil Code period moved off
 * rest days) and the version of the official calendar that counted it. Adjustments recorded before are null: the
 * API computes their deadline on reading.
 */
export class EvaluationCertificateReturn1732500000340 implements MigrationInterface {
  name = 'EvaluationCertificateReturn1732500000340';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumn('evaluation_grade_adjustment', new TableColumn(c.varchar('certificate_return_due_on', 10, { isNullable: true })));
    await q.addColumn('evaluation_grade_adjustment', new TableColumn(c.varchar('calendar_version', 60, { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('evaluation_grade_adjustment', 'calendar_version');
    await q.dropColumn('evaluation_grade_adjustment', 'certificate_return_due_on');
  }
}
