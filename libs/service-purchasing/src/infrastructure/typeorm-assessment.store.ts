import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { AssessmentStore, type PerformanceAssessment } from '../application/assessments/assessments.ports';
import type { PerformanceOutcome } from '../domain/purchasing-rules';
import { managerOf } from './entity-manager';
import { PurchasingPerformanceAssessmentOrmEntity } from './purchasing.orm-entities';

function toAssessment(r: PurchasingPerformanceAssessmentOrmEntity): PerformanceAssessment {
  return { ...r, outcome: r.outcome as PerformanceOutcome, breach: Boolean(r.breach) };
}

/** Performance assessments on TypeORM (table purchasing_performance_assessment). */
@Injectable()
export class TypeOrmAssessmentStore extends AssessmentStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async insertAssessment(tx: Tx, a: PerformanceAssessment): Promise<void> {
    await tx.manager.insert(PurchasingPerformanceAssessmentOrmEntity, { ...a });
  }

  async assessments(tx: Tx | null, contractId: string): Promise<PerformanceAssessment[]> {
    const rows = await managerOf(this.ds, tx).find(PurchasingPerformanceAssessmentOrmEntity, { where: { contractId }, order: { assessedAt: 'ASC', id: 'ASC' } });
    return rows.map(toAssessment);
  }
}
