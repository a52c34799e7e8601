import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Revocation kinds (regulations §1): the register says whether a revoked organization's certificate was revoked
 * (吊销, CERTIFICATE_REVOKED, a penalty) or its registration cancelled (撤销, REGISTRATION_CANCELLED, as if it had not
 * been valid). Organizations revoked before this migration keep NULL: the old requests did not say which.
 */
export class RevocationKind1732800000100 implements MigrationInterface {
  name = 'RevocationKind1732800000100';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumn('organization', new TableColumn(c.varchar('revocation_kind', 40, { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('organization', 'revocation_kind');
  }
}
