import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { civilDate } from '@sop/util';
import { RuleSetStore } from '../application/rule-sets/rule-sets.ports';
import type { PerformanceBarRule } from '../domain/procurement/performance-bar';
import type { PerformanceBand, PurchasingRuleSetVersion } from '../domain/purchasing-rules';
import { managerOf } from './entity-manager';
import { PurchasingRuleSetVersionOrmEntity } from './purchasing.orm-entities';

function toVersion(r: PurchasingRuleSetVersionOrmEntity): PurchasingRuleSetVersion {
  return {
    ruleSetId: r.ruleSetId,
    jurisdiction: r.jurisdiction,
    version: Number(r.version),
    effectiveFrom: civilDate(r.effectiveFrom),
    bands: r.bands === null ? null : (JSON.parse(r.bands) as PerformanceBand[]),
    source: r.source,
    publishedBy: r.publishedBy,
    publishedAt: r.publishedAt,
    note: r.note,
    performanceBar: r.performanceBar ? (JSON.parse(r.performanceBar) as PerformanceBarRule) : null,
  };
}

/** Purchasing rule-set versions on TypeORM (table purchasing_rule_set_version). */
@Injectable()
export class TypeOrmRuleSetStore extends RuleSetStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async versions(tx: Tx | null): Promise<PurchasingRuleSetVersion[]> {
    const rows = await managerOf(this.ds, tx).find(PurchasingRuleSetVersionOrmEntity, { order: { ruleSetId: 'ASC', version: 'ASC' } });
    return rows.map(toVersion);
  }

  async insertVersion(tx: Tx, v: PurchasingRuleSetVersion): Promise<void> {
    await tx.manager.insert(PurchasingRuleSetVersionOrmEntity, {
      ruleSetId: v.ruleSetId,
      version: v.version,
      jurisdiction: v.jurisdiction,
      effectiveFrom: v.effectiveFrom,
      bands: v.bands ? JSON.stringify(v.bands.map((b) => ({ minScore: b.minScore, outcome: b.outcome }))) : null,
      source: v.source,
      publishedBy: v.publishedBy,
      publishedAt: v.publishedAt,
      note: v.note,
      performanceBar: v.performanceBar
        ? JSON.stringify({ months: v.performanceBar.months, afterFailedFinalAcceptance: v.performanceBar.afterFailedFinalAcceptance, afterTermination: v.performanceBar.afterTermination, source: v.performanceBar.source, unconfirmed: v.performanceBar.unconfirmed, ...(v.performanceBar.scoreDeductionPoints ? { scoreDeductionPoints: v.performanceBar.scoreDeductionPoints } : {}) })
        : null,
    });
  }
}
