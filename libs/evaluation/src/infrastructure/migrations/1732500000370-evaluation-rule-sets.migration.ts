import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Frozen copy of the seeds (a migration never changes with later code): the two local cut-off tables regulations §6
 * Scoring names — Anqing/Huaining (怀宁县, 340822) and Luoyang Chanhe (瀍河回族区, 410304).
 */
const SEEDS = [
  {
    rule_set_id: 'evaluation/340822',
    version: 1,
    jurisdiction: '340822',
    effective_from: '2011-03-01',
    cut_offs: '[{"grade":"5A","minScore":950},{"grade":"4A","minScore":901},{"grade":"3A","minScore":851},{"grade":"2A","minScore":801},{"grade":"1A","minScore":701}]',
    source: 'regulations.md §6 Scoring — Anqing/Huaining cut-offs [S15]',
    published_by: 'seed',
    // 00:00 Beijing time on 1 March 2011, in UTC as every DATETIME(6) here (a string: SQLite binds no Date).
    published_at: '2011-02-28 16:00:00.000',
    note: 'county practice (Huaining, Anqing); national cut-offs are UNCONFIRMED',
  },
  {
    rule_set_id: 'evaluation/410304',
    version: 1,
    jurisdiction: '410304',
    effective_from: '2011-03-01',
    cut_offs: '[{"grade":"5A","minScore":900},{"grade":"4A","minScore":800},{"grade":"3A","minScore":700},{"grade":"2A","minScore":600},{"grade":"1A","minScore":0}]',
    source: 'regulations.md §6 Scoring — Luoyang Chanhe cut-offs [S15]',
    published_by: 'seed',
    published_at: '2011-02-28 16:00:00.000',
    note: 'county-level practice (Chanhe district, Luoyang); national cut-offs are UNCONFIRMED',
  },
];

/**
 * Local evaluation rule sets (issue §2 "local rules are local"; regulations §6 Scoring: "grade cut-offs are set
 * locally"): one row per version, keyed (rule_set_id, version) so concurrent publications collide. The grade records
 * the local version whose cut-offs decided it (local_rule_version; null for grades before).
 */
export class EvaluationRuleSets1732500000370 implements MigrationInterface {
  name = 'EvaluationRuleSets1732500000370';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'evaluation_rule_set_version',
        columns: [
          c.varchar('rule_set_id', 60, { isPrimary: true }),
          c.int('version', { isPrimary: true }),
          c.char('jurisdiction', 6),
          c.char('effective_from', 10),
          c.text('cut_offs'),
          c.varchar('source', 500),
          c.varchar('published_by', 200),
          c.datetime('published_at'),
          c.varchar('note', 1000, { isNullable: true }),
        ],
      }),
    );
    for (const s of SEEDS)
      await q.query(
        'INSERT INTO evaluation_rule_set_version (rule_set_id, version, jurisdiction, effective_from, cut_offs, source, published_by, published_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [s.rule_set_id, s.version, s.jurisdiction, s.effective_from, s.cut_offs, s.source, s.published_by, s.published_at, s.note],
      );
    await q.addColumn('evaluation_grade', new TableColumn(c.varchar('local_rule_version', 100, { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('evaluation_grade', 'local_rule_version');
    await q.dropTable('evaluation_rule_set_version');
  }
}
