import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import type { CivilDate } from '@sop/util';
import { CreditRuleSetStore } from '../../application/rule-sets/rule-sets.ports';
import type { LocalCreditRuleSetVersion } from '../../domain/credit-rules';
import { CreditRuleSetVersionOrmEntity } from '../credit-lists.orm-entities';
import { TypeOrmStoreBase } from './typeorm-store.base';

/** credit_rule_set_version: local credit rule-set versions. */
@Injectable()
export class TypeOrmCreditRuleSetStore extends TypeOrmStoreBase implements CreditRuleSetStore {
  constructor(ds: DataSource) {
    super(ds);
  }

  async localVersions(tx: Tx | null): Promise<LocalCreditRuleSetVersion[]> {
    const rows = await this.m(tx).find(CreditRuleSetVersionOrmEntity, { order: { jurisdiction: 'ASC', version: 'ASC' } });
    return rows.map((r) => ({
      jurisdiction: r.jurisdiction,
      version: r.version,
      effectiveFrom: r.effectiveFrom as CivilDate,
      jointMeasures: JSON.parse(r.jointMeasures) as LocalCreditRuleSetVersion['jointMeasures'],
      source: r.source,
      publishedBy: r.publishedBy,
      publishedAt: r.publishedAt,
    }));
  }

  async insertVersion(tx: Tx, v: LocalCreditRuleSetVersion): Promise<void> {
    await this.m(tx).insert(CreditRuleSetVersionOrmEntity, { ...v, jointMeasures: JSON.stringify(v.jointMeasures) });
  }
}
