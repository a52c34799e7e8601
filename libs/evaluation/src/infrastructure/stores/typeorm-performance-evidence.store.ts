import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { PerformanceEvidenceStore, type FunctionItemFact, type TransferAgreementFact } from '../../application/performance-evidence/performance-evidence.ports';
import type { PerformanceEvidence, PerformanceEvidenceDetails, PerformanceEvidenceKind } from '../../domain/performance-evidence/performance-evidence';
import { EvaluationFunctionItemOrmEntity, EvaluationPerformanceEvidenceOrmEntity, EvaluationTransferAgreementOrmEntity } from '../performance-evidence.orm-entities';
import { managerOf } from './manager-of';

const subjectOf = (d: PerformanceEvidenceDetails) => (d.kind === 'FUNCTION_TAKE_BACK' ? d.agreementId : d.contractId);

/** Performance evidence (evaluation_performance_evidence), agreements and catalogue items on TypeORM. */
@Injectable()
export class TypeOrmPerformanceEvidenceStore extends PerformanceEvidenceStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async record(tx: Tx, e: PerformanceEvidence): Promise<boolean> {
    if (await tx.manager.existsBy(EvaluationPerformanceEvidenceOrmEntity, { evidenceId: e.evidenceId })) return false;
    await tx.manager.insert(EvaluationPerformanceEvidenceOrmEntity, {
      evidenceId: e.evidenceId,
      uscc: e.uscc,
      kind: e.kind,
      occurredAt: e.occurredAt,
      adverse: e.adverse,
      subjectId: subjectOf(e.details),
      details: JSON.stringify(e.details),
      recordedAt: e.recordedAt,
    });
    return true;
  }

  async evidenceOf(tx: Tx | null, uscc: string): Promise<PerformanceEvidence[]> {
    const rows = await managerOf(this.ds, tx).find(EvaluationPerformanceEvidenceOrmEntity, { where: { uscc }, order: { occurredAt: 'ASC', evidenceId: 'ASC' } });
    return rows.map((r) => ({
      evidenceId: r.evidenceId,
      uscc: r.uscc,
      kind: r.kind as PerformanceEvidenceKind,
      occurredAt: r.occurredAt,
      adverse: Boolean(r.adverse),
      details: JSON.parse(r.details) as PerformanceEvidenceDetails,
      recordedAt: r.recordedAt,
    }));
  }

  async saveAgreement(tx: Tx, a: TransferAgreementFact): Promise<void> {
    await tx.manager.upsert(EvaluationTransferAgreementOrmEntity, { ...a }, ['agreementId']);
  }

  async agreement(tx: Tx | null, agreementId: string): Promise<TransferAgreementFact | null> {
    return managerOf(this.ds, tx).findOneBy(EvaluationTransferAgreementOrmEntity, { agreementId });
  }

  async saveFunctionItem(tx: Tx, item: FunctionItemFact): Promise<void> {
    const known = await tx.manager.findOneBy(EvaluationFunctionItemOrmEntity, { itemId: item.itemId });
    if (known && known.movedAt.getTime() > item.movedAt.getTime()) return; // an older move arriving late
    await tx.manager.upsert(EvaluationFunctionItemOrmEntity, { ...item }, ['itemId']);
  }

  async functionItems(tx: Tx | null, itemIds: readonly string[]): Promise<FunctionItemFact[]> {
    if (itemIds.length === 0) return [];
    return managerOf(this.ds, tx).findBy(EvaluationFunctionItemOrmEntity, { itemId: In([...new Set(itemIds)]) });
  }
}
