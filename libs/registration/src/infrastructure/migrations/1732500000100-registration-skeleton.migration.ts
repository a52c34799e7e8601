import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

export class RegistrationSkeleton1732500000100 implements MigrationInterface {
  name = 'RegistrationSkeleton1732500000100';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'registration_application',
        columns: [
          c.uuid('id', { isPrimary: true }),
          c.varchar('proposed_name', 200),
          c.varchar('form', 40),
          c.varchar('category', 40),
          c.char('registering_authority', 6),
          c.varchar('domicile', 300),
          c.text('purpose'),
          c.varchar('legal_representative_name', 100),
          c.bigint('registered_capital_fen'),
          c.varchar('regime', 20),
          c.varchar('policy_version', 120),
          c.varchar('status', 20),
          c.varchar('submitted_by', 120),
          c.datetime('submitted_at'),
          c.datetime('decision_due_by'),
          c.datetime('decided_at', { isNullable: true }),
          c.varchar('decided_by', 120, { isNullable: true }),
          c.char('uscc', 18, { isNullable: true }),
        ],
      }),
    );
    await q.createIndex(
      'registration_application',
      new TableIndex({ name: 'ix_application_authority_name', columnNames: ['registering_authority', 'proposed_name'] }),
    );
    await q.createTable(
      new Table({
        name: 'organization',
        columns: [
          c.char('uscc', 18, { isPrimary: true }),
          c.uuid('application_id', { isUnique: true }),
          c.varchar('name', 200),
          c.varchar('form', 40),
          c.varchar('category', 40),
          c.char('registering_authority', 6),
          c.varchar('domicile', 300),
          c.text('purpose'),
          c.varchar('legal_representative_name', 100),
          c.bigint('registered_capital_fen'),
          c.varchar('regime', 20),
          c.varchar('policy_version', 120),
          c.varchar('status', 20),
          c.datetime('registered_at'),
        ],
      }),
    );
    await q.createIndex(
      'organization',
      new TableIndex({ name: 'ux_organization_authority_name', columnNames: ['registering_authority', 'name'], isUnique: true }),
    );
    await q.createTable(
      new Table({ name: 'uscc_serial', columns: [c.char('division_code', 6, { isPrimary: true }), c.int('next_serial')] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('uscc_serial');
    await q.dropTable('organization');
    await q.dropTable('registration_application');
  }
}
