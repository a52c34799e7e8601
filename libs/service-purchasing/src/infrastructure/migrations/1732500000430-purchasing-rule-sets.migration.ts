import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** Frozen copy of the seed (a migration never changes with later code): the national default, Order 102, no bands. */
const NATIONAL_DEFAULT_SEED = {
  rule_set_id: 'purchasing/100000',
  version: 1,
  jurisdiction: '100000',
  effective_from: '2020-03-01',
  bands: null,
  source: 'regulations.md §7 — 政府购买服务管理办法 (MOF Order 102) [S16]; §5.3 joint measures [S14]; §6 grades [S15]',
  published_by: 'seed',
  // 00:00 Beijing time on 1 March 2020, in UTC as every DATETIME(6) here (a string: SQLite binds no Date).
  published_at: '2020-02-29 16:00:00.000',
  note: 'national default (Order 102); performance bands are local practice (regulations §7.2) and come from local versions',
};

/**
 * Purchasing rule sets per jurisdiction (issue §2 "local rules are local"): one row per version, keyed
 * (rule_set_id, version) so concurrent publications of the same rule set collide. Seeded with the national default
 * (regulations §7: Order 102). No jurisdiction's performance bands are seeded: regulations.md names none (§7.2 lists
 * local practice for undertaker conditions only), so bands come from published local versions.
 */
export class PurchasingRuleSets1732500000430 implements MigrationInterface {
  name = 'PurchasingRuleSets1732500000430';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'purchasing_rule_set_version',
        columns: [
          c.varchar('rule_set_id', 60, { isPrimary: true }),
          c.int('version', { isPrimary: true }),
          c.char('jurisdiction', 6),
          c.char('effective_from', 10),
          c.text('bands', { isNullable: true }),
          c.varchar('source', 500),
          c.varchar('published_by', 200),
          c.datetime('published_at'),
          c.varchar('note', 1000, { isNullable: true }),
        ],
      }),
    );
    const s = NATIONAL_DEFAULT_SEED;
    await q.query(
      'INSERT INTO purchasing_rule_set_version (rule_set_id, version, jurisdiction, effective_from, bands, source, published_by, published_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [s.rule_set_id, s.version, s.jurisdiction, s.effective_from, s.bands, s.source, s.published_by, s.published_at, s.note],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('purchasing_rule_set_version');
  }
}
