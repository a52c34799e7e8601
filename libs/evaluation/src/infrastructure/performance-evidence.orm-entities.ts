import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/** One performance evidence item (domain/performance-evidence): keyed by the purchasing event's id. */
@Entity({ name: 'evaluation_performance_evidence' })
@Index('ix_evaluation_performance_evidence_uscc', ['uscc', 'occurredAt'])
export class EvaluationPerformanceEvidenceOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) evidenceId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 30 }) kind: string;
  @Column({ ...DATETIME6 }) occurredAt: Date;
  @Column({ type: 'boolean' }) adverse: boolean;
  /** The agreement (take-back) or contract (acceptance, termination) the item is about. */
  @Column({ type: 'varchar', length: 36 }) subjectId: string;
  /** JSON: the kind's details (PerformanceEvidenceDetails). */
  @Column({ type: 'text' }) details: string;
  @Column({ ...DATETIME6 }) recordedAt: Date;
}

/** A transfer agreement as concluded (TransferAgreementConcluded): its catalogue item. */
@Entity({ name: 'evaluation_transfer_agreement' })
export class EvaluationTransferAgreementOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) agreementId: string;
  @Column({ type: 'varchar', length: 36 }) itemId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 100 }) departmentUnitId: string;
  @Column({ type: 'varchar', length: 20 }) mode: string;
  @Column({ type: 'varchar', length: 6 }) area: string;
  @Column({ ...DATETIME6 }) concludedAt: Date;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

/** A catalogue item of transferable functions as its latest stage move described it (FunctionStageMoved). */
@Entity({ name: 'evaluation_function_item' })
export class EvaluationFunctionItemOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) itemId: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'varchar', length: 60 }) functionArea: string;
  @Column({ type: 'varchar', length: 30 }) kindOfAct: string;
  @Column({ type: 'varchar', length: 6 }) jurisdiction: string;
  @Column({ type: 'varchar', length: 20 }) stage: string;
  @Column({ ...DATETIME6 }) movedAt: Date;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

export const PERFORMANCE_EVIDENCE_ENTITIES = [EvaluationPerformanceEvidenceOrmEntity, EvaluationTransferAgreementOrmEntity, EvaluationFunctionItemOrmEntity];
