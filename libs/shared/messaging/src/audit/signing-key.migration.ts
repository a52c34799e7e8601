import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** audit_signing_key: the checkpoint signing keys a service used (signing-key.orm-entity.ts). */
export class AuditSigningKey1733000000200 implements MigrationInterface {
  name = 'AuditSigningKey1733000000200';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'audit_signing_key',
        columns: [c.varchar('kid', 64, { isPrimary: true }), c.varchar('algorithm', 20), c.text('public_key_pem'), c.datetime('valid_from'), c.datetime('valid_until', { isNullable: true })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_signing_key');
  }
}
