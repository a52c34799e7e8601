import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * The registration status evaluation follows from registration's OrganizationRevoked / OrganizationDeregistered:
 * a revoked or deregistered organization is not evaluated (regulations §6; Order 39 Art. 6). Organizations
 * projected before are ACTIVE (the column default); when and by which event the status was set stay null for them.
 */
export class EvaluationRegistrationStatus1732500000320 implements MigrationInterface {
  name = 'EvaluationRegistrationStatus1732500000320';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumns('evaluation_organization', [
      new TableColumn(c.varchar('registration_status', 20, { default: "'ACTIVE'" })),
      new TableColumn(c.datetime('registration_status_at', { isNullable: true })),
      new TableColumn(c.uuid('registration_status_event_id', { isNullable: true })),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('evaluation_organization', 'registration_status_event_id');
    await q.dropColumn('evaluation_organization', 'registration_status_at');
    await q.dropColumn('evaluation_organization', 'registration_status');
  }
}
