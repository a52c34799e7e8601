import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Names under MCA Order 69 (regulations §1.1): a national name with 中国/全国/中华 needs an approval (社团条例 Art. 10
 * para. 2); the application keeps the approval's reference. Applications stored before have none (NULL).
 */
export class NameApprovalReference1732800000200 implements MigrationInterface {
  name = 'NameApprovalReference1732800000200';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumn('registration_application', new TableColumn(c.varchar('name_approval_reference', 200, { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('registration_application', 'name_approval_reference');
  }
}
