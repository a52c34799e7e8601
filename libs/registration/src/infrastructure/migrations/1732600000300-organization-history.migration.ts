import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** Issue #3 item 4: the organization's register history (one row per lifecycle event), backfilled for existing rows. */
export class OrganizationHistory1732600000300 implements MigrationInterface {
  name = 'OrganizationHistory1732600000300';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'organization_version',
        columns: [
          c.serial('id'),
          c.char('uscc', 18),
          c.int('seq'),
          c.varchar('change_type', 40),
          c.datetime('effective_at'),
          c.datetime('recorded_at'),
          c.varchar('recorded_by', 120),
          c.text('entry'),
          c.text('details', { isNullable: true }),
        ],
      }),
    );
    await q.createIndex('organization_version', new TableIndex({ name: 'ux_organization_version', columnNames: ['uscc', 'seq'], isUnique: true }));
    // Backfill: organizations registered before this migration get their registration as version 1.
    const rows = (await q.query(
      'SELECT uscc, name, form, registering_authority, domicile, purpose, legal_representative_name, registered_capital_fen, regime, unit_name, unit_role, status, registered_at FROM organization',
    )) as Record<string, unknown>[];
    for (const r of rows) {
      const entry = {
        name: r['name'],
        form: r['form'],
        registeringAuthority: r['registering_authority'],
        domicile: r['domicile'],
        purpose: r['purpose'],
        legalRepresentativeName: r['legal_representative_name'],
        registeredCapitalFen: Number(r['registered_capital_fen']),
        regime: r['regime'],
        unitName: r['unit_name'] ?? null,
        unitRole: r['unit_role'] ?? null,
        status: r['status'],
      };
      await q.query(
        'INSERT INTO organization_version (uscc, seq, change_type, effective_at, recorded_at, recorded_by, entry, details) VALUES (?, 1, ?, ?, ?, ?, ?, NULL)',
        [r['uscc'], 'REGISTERED', r['registered_at'], r['registered_at'], 'migration', JSON.stringify(entry)],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('organization_version');
  }
}
