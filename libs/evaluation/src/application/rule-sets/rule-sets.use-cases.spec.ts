import type { Principal } from '@sop/auth';
import type { Tx } from '@sop/messaging';
import { civilDate, MovableClock } from '@sop/util';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { SEEDED_LOCAL_VERSIONS, type LocalEvaluationRuleSetVersion } from '../../domain/local-rule-sets';
import { listUnitOfWork } from '../../test-support/in-memory-stores';
import { EvaluationRuleSetStore } from './rule-sets.ports';
import { PublishEvaluationRuleSetVersion, ruleSetVersionView } from './rule-sets.use-cases';

class InMemoryRuleSetStore extends EvaluationRuleSetStore {
  rows: LocalEvaluationRuleSetVersion[] = [...SEEDED_LOCAL_VERSIONS];
  /** Simulates a concurrent publication that took the number first. */
  collide = false;
  async versions(_tx: Tx | null): Promise<LocalEvaluationRuleSetVersion[]> {
    return [...this.rows];
  }
  async insertVersion(_tx: Tx, v: LocalEvaluationRuleSetVersion): Promise<void> {
    if (this.collide || this.rows.some((r) => r.ruleSetId === v.ruleSetId && r.version === v.version)) throw Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY', errno: 1062 });
    this.rows.push(v);
  }
}

const anhui: Principal = { subject: 'evaluator-anhui', roles: ['evaluator'], jurisdiction: '340000' };
const cutOffs = [
  { grade: '5A', minScore: 960 },
  { grade: '4A', minScore: 910 },
  { grade: '3A', minScore: 860 },
  { grade: '2A', minScore: 810 },
  { grade: '1A', minScore: 710 },
] as const;
const input = { jurisdiction: '340822', effectiveFrom: civilDate('2026-07-01'), cutOffs: [...cutOffs], source: '怀宁县社会组织评估等级标准（测试）', note: null };

describe('publishing a local evaluation rule-set version (issue §2; cut-offs set locally, regulations §6 Scoring)', () => {
  it('numbers the version after the jurisdiction’s latest, records who and when, and refuses a concurrent duplicate with RULE_SET_VERSION_CONFLICT', async () => {
    const store = new InMemoryRuleSetStore();
    const now = new Date('2026-06-01T04:00:00Z');
    const publish = new PublishEvaluationRuleSetVersion(listUnitOfWork([]), store, new MovableClock(now));
    const v2 = await publish.publish(input, anhui);
    expect(ruleSetVersionView(v2)).toMatchObject({ ruleVersion: 'evaluation/340822@v2', version: 2, effectiveOn: '2026-07-01', publishedBy: 'evaluator-anhui', publishedAt: now.toISOString() });
    expect((await publish.publish({ ...input, jurisdiction: '340800' }, anhui)).version).toBe(1); // another rule set: its own numbering
    store.collide = true;
    await expect(publish.publish(input, anhui)).rejects.toBeInstanceOf(EvaluationErrors.RULE_SET_VERSION_CONFLICT);
    expect((await publish.list()).map((v) => `${v.ruleSetId}@v${v.version}`)).toEqual(['evaluation/340822@v1', 'evaluation/410304@v1', 'evaluation/340822@v2', 'evaluation/340800@v1']);
  });

  it('an evaluator of another province is out of jurisdiction (AUTH.OUT_OF_JURISDICTION); nothing is stored', async () => {
    const store = new InMemoryRuleSetStore();
    const publish = new PublishEvaluationRuleSetVersion(listUnitOfWork([]), store, new MovableClock(new Date('2026-06-01T04:00:00Z')));
    await expect(publish.publish(input, { ...anhui, jurisdiction: '410000' })).rejects.toMatchObject({ code: 'AUTH.OUT_OF_JURISDICTION', kind: 'FORBIDDEN' });
    expect(store.rows).toHaveLength(2);
  });
});
