import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { CreditMeasuresStore, type CreditMeasuresRecord } from '../../application/credit-measures/credit-measures.ports';
import { EvaluationCreditMeasuresOrmEntity } from '../evaluation.orm-entities';
import { managerOf } from './manager-of';

const csv = (s: string): string[] => (s ? s.split(',') : []);

/** The credit measure set per organization (evaluation_credit_measures, lists and measures as comma-separated text) on TypeORM. */
@Injectable()
export class TypeOrmCreditMeasuresStore extends CreditMeasuresStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async creditMeasures(tx: Tx | null, uscc: string): Promise<CreditMeasuresRecord | null> {
    const r = await managerOf(this.ds, tx).findOneBy(EvaluationCreditMeasuresOrmEntity, { uscc });
    return r ? { ...r, lists: csv(r.lists), measures: csv(r.measures) } : null;
  }

  async saveCreditMeasures(tx: Tx, rec: CreditMeasuresRecord): Promise<void> {
    await tx.manager.upsert(EvaluationCreditMeasuresOrmEntity, { ...rec, lists: rec.lists.join(','), measures: rec.measures.join(',') }, ['uscc']);
  }
}
