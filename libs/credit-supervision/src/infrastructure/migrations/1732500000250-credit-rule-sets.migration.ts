import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Frozen copy of the seed (a migration never changes with later code): Suining's local version. regulations.md §5.3
 * names Suining's local rules as barring abnormal-listed organizations from purchasing (and evaluation) [S14]; its
 * effective date is UNCONFIRMED there, so the seed uses Order 60's (2018-01-24).
 */
const SUINING_SEED = {
  jurisdiction: '510900',
  version: 1,
  effective_from: '2018-01-24',
  joint_measures: JSON.stringify({
    ABNORMAL: ['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES'],
    SERIOUS: ['GRADE_DOWNGRADE_REFERENCE', 'KEY_SUPERVISION', 'NO_EVALUATION', 'NO_FUNDING', 'NO_HONOURS', 'NO_PURCHASE_OF_SERVICES'],
  }),
  source: 'regulations.md §5.3 — Suining local credit rules (abnormal-listed: no purchase of services, no evaluation) [S14]',
  published_by: 'seed',
  published_at: '2018-01-24 00:00:00.000',
};

/**
 * Credit rule sets per jurisdiction (issue §2 "local rules are local"): one row per local version, keyed
 * (jurisdiction, version) so concurrent publications collide. The national default (Order 60) stays in code.
 */
export class CreditRuleSets1732500000250 implements MigrationInterface {
  name = 'CreditRuleSets1732500000250';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'credit_rule_set_version',
        columns: [
          c.char('jurisdiction', 6, { isPrimary: true }),
          c.int('version', { isPrimary: true }),
          c.char('effective_from', 10),
          c.text('joint_measures'),
          c.varchar('source', 500),
          c.varchar('published_by', 200),
          c.datetime('published_at'),
        ],
      }),
    );
    const s = SUINING_SEED;
    await q.query(
      'INSERT INTO credit_rule_set_version (jurisdiction, version, effective_from, joint_measures, source, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [s.jurisdiction, s.version, s.effective_from, s.joint_measures, s.source, s.published_by, s.published_at],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('credit_rule_set_version');
  }
}
