import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Change registration of the legal representative (社团条例 Art. 12, 18; 民非条例 Art. 15; 基金会条例 Art. 15):
 * legal representatives registered by a change are kept in the restricted personal-data table (ID number encrypted)
 * with the organization, the day they took effect and when a later change replaced them. Existing rows (from the
 * application) stay as they are: uscc / effective_from / superseded_at NULL = named in the application, current.
 */
export class LegalRepresentativeChanges1732600000400 implements MigrationInterface {
  name = 'LegalRepresentativeChanges1732600000400';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumns('registration_personal_data', [
      new TableColumn(c.char('uscc', 18, { isNullable: true })),
      new TableColumn(c.datetime('effective_from', { isNullable: true })),
      new TableColumn(c.datetime('superseded_at', { isNullable: true })),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('registration_personal_data', 'superseded_at');
    await q.dropColumn('registration_personal_data', 'effective_from');
    await q.dropColumn('registration_personal_data', 'uscc');
  }
}
