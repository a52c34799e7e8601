import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * GradeExpired is published once per grade when its validity ends (regulations §6; Order 39 Art. 6 / 28): the
 * instant it was published is kept on the grade, null until then. Grades recorded before are null as well, so an
 * ACTIVE grade already past its validity gets its GradeExpired on the scheduler's first run. The index serves the
 * scheduler's look-up of ACTIVE grades past their validity.
 */
export class EvaluationGradeExpiry1732500000330 implements MigrationInterface {
  name = 'EvaluationGradeExpiry1732500000330';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumn('evaluation_grade', new TableColumn(c.datetime('expiry_published_at', { isNullable: true })));
    await q.createIndex('evaluation_grade', new TableIndex({ name: 'ix_evaluation_grade_expiry', columnNames: ['status', 'valid_until'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('evaluation_grade', 'ix_evaluation_grade_expiry');
    await q.dropColumn('evaluation_grade', 'expiry_published_at');
  }
}
