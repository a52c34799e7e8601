import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { civilDate } from '@sop/util';
import { EvaluationRuleSetStore } from '../../application/rule-sets/rule-sets.ports';
import type { GradeCutOff } from '../../domain/evaluation-rules';
import type { LocalEvaluationRuleSetVersion } from '../../domain/local-rule-sets';
import { EvaluationRuleSetVersionOrmEntity } from '../evaluation.orm-entities';
import { managerOf } from './manager-of';

function toVersion(r: EvaluationRuleSetVersionOrmEntity): LocalEvaluationRuleSetVersion {
  return {
    ruleSetId: r.ruleSetId,
    jurisdiction: r.jurisdiction,
    version: Number(r.version),
    effectiveFrom: civilDate(r.effectiveFrom),
    cutOffs: JSON.parse(r.cutOffs) as GradeCutOff[],
    source: r.source,
    publishedBy: r.publishedBy,
    publishedAt: r.publishedAt,
    note: r.note,
  };
}

/** Local evaluation rule-set versions on TypeORM (table evaluation_rule_set_version). */
@Injectable()
export class TypeOrmEvaluationRuleSetStore extends EvaluationRuleSetStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async versions(tx: Tx | null): Promise<LocalEvaluationRuleSetVersion[]> {
    const rows = await managerOf(this.ds, tx).find(EvaluationRuleSetVersionOrmEntity, { order: { ruleSetId: 'ASC', version: 'ASC' } });
    return rows.map(toVersion);
  }

  async insertVersion(tx: Tx, v: LocalEvaluationRuleSetVersion): Promise<void> {
    await tx.manager.insert(EvaluationRuleSetVersionOrmEntity, {
      ruleSetId: v.ruleSetId,
      version: v.version,
      jurisdiction: v.jurisdiction,
      effectiveFrom: v.effectiveFrom,
      cutOffs: JSON.stringify(v.cutOffs.map((c) => ({ grade: c.grade, minScore: c.minScore }))),
      source: v.source,
      publishedBy: v.publishedBy,
      publishedAt: v.publishedAt,
      note: v.note,
    });
  }
}
