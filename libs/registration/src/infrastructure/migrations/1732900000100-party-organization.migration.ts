import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Party-organization coverage (issue 9, regulations §5.1 trigger 2): the history of records and the current state.
 * Organizations registered before have no record: the coverage report shows them as not recorded, and no deadline
 * runs for them until a first record (an annual report or a change) is made.
 */
export class PartyOrganization1732900000100 implements MigrationInterface {
  name = 'PartyOrganization1732900000100';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    const recordColumns = () => [
      c.char('uscc', 18, { isPrimary: true }),
      c.char('registering_authority', 6),
      c.varchar('form', 20),
      c.int('full_party_members'),
      c.varchar('organization_name', 200, { isNullable: true }),
      c.varchar('joint_with_uscc', 18, { isNullable: true }),
      c.varchar('established_on', 10, { isNullable: true }),
      c.varchar('source', 20),
      c.int('report_year', { isNullable: true }),
      c.datetime('effective_at'),
      c.datetime('recorded_at'),
      c.varchar('recorded_by', 120),
      c.varchar('required_coverage', 20),
      c.boolean('covered'),
      c.datetime('uncovered_since', { isNullable: true }),
      c.varchar('due_on', 10, { isNullable: true }),
      c.varchar('rule_version', 120),
    ];
    await q.createTable(new Table({ name: 'party_organization_record', columns: [...recordColumns(), c.int('seq', { isPrimary: true })] }));
    await q.createTable(
      new Table({ name: 'party_organization_status', columns: [...recordColumns(), c.int('seq'), c.int('episode'), c.int('overdue_episode', { isNullable: true })] }),
    );
    await q.createIndex('party_organization_status', new TableIndex({ name: 'ix_party_status_uncovered', columnNames: ['covered', 'due_on'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('party_organization_status');
    await q.dropTable('party_organization_record');
  }
}
