import type { DataSource } from 'typeorm';
import { EvaluationRuleSetVersionOrmEntity } from '../infrastructure/evaluation.orm-entities';

/**
 * Test fixture, not a regulation: the integration tests grade Beijing organizations (registered at 110108/110105),
 * and grade cut-offs are local (regulations §6 Scoring; the national rule sets carry none). It gives Beijing (110000)
 * a local version with the Anqing/Huaining table so the tests written before local rule sets keep their numbers.
 */
export async function insertBeijingTestRuleSet(ds: DataSource): Promise<void> {
  await ds.getRepository(EvaluationRuleSetVersionOrmEntity).insert({
    ruleSetId: 'evaluation/110000',
    version: 1,
    jurisdiction: '110000',
    effectiveFrom: '2011-03-01',
    cutOffs: '[{"grade":"5A","minScore":950},{"grade":"4A","minScore":901},{"grade":"3A","minScore":851},{"grade":"2A","minScore":801},{"grade":"1A","minScore":701}]',
    source: 'test fixture (the Anqing/Huaining table of regulations §6)',
    publishedBy: 'test',
    publishedAt: new Date('2011-02-28T16:00:00.000Z'),
    note: null,
  });
}
