import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsString, DATETIME6 } from '@sop/persistence';

/** An evaluation grade as published by evaluation (Order 60 Art. 7: evaluation grade and validity). */
@Entity({ name: 'credit_grade' })
@Index('ix_credit_grade_uscc', ['uscc', 'announcedAt'])
export class CreditGradeOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) gradeId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 2 }) grade: string;
  @Column({ type: 'int' }) score: number;
  @Column({ type: 'varchar', length: 6 }) evaluatingAuthority: string;
  @Column({ ...DATETIME6 }) announcedAt: Date;
  @Column({ type: 'varchar', length: 10 }) validFrom: string;
  @Column({ type: 'varchar', length: 10 }) validUntil: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) replacesGradeId: string | null;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 36 }) sourceEventId: string;
}

/** A lowering or cancellation of a grade in force, as published by evaluation. Keyed by the source event. */
@Entity({ name: 'credit_grade_adjustment' })
@Index('ix_credit_grade_adj_uscc', ['uscc'])
export class CreditGradeAdjustmentOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) sourceEventId: string;
  @Column({ type: 'varchar', length: 36 }) gradeId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 2 }) previousGrade: string;
  @Column({ type: 'varchar', length: 2, nullable: true }) newGrade: string | null;
  @Column({ type: 'varchar', length: 40 }) reason: string;
  @Column({ ...DATETIME6 }) effectiveAt: Date;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
}

/**
 * A purchase-of-services contract the organization undertook (Order 60 Art. 7 "undertaking government purchases";
 * Order 102 Art. 23: contracts are publicly announced). Money in integer fen.
 */
@Entity({ name: 'credit_purchase_contract' })
@Index('ix_credit_purchase_uscc', ['uscc', 'signedAt'])
export class CreditPurchaseContractOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) contractId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 200 }) purchaser: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'varchar', length: 40 }) method: string;
  @Column({ type: 'bigint', transformer: bigintAsString }) valueFen: string;
  @Column({ type: 'varchar', length: 10 }) termStart: string;
  @Column({ type: 'varchar', length: 10 }) termEnd: string;
  @Column({ ...DATETIME6 }) signedAt: Date;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 36 }) sourceEventId: string;
}

/** A purchaser's performance assessment of a contract (outcome, score out of 100, breach). */
@Entity({ name: 'credit_purchase_assessment' })
@Index('ix_credit_purchase_assessment_uscc', ['uscc', 'assessedAt'])
export class CreditPurchaseAssessmentOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) assessmentId: string;
  @Column({ type: 'varchar', length: 36 }) contractId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 20 }) outcome: string;
  @Column({ type: 'int' }) score: number;
  @Column({ type: 'boolean' }) breach: boolean;
  @Column({ ...DATETIME6 }) assessedAt: Date;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 36 }) sourceEventId: string;
}

/** A purchaser's acceptance of a contract milestone (passed or failed, score, band, rule version; issue 11 item 5). */
@Entity({ name: 'credit_purchase_acceptance' })
@Index('ix_credit_purchase_acceptance_contract', ['contractId'])
export class CreditPurchaseAcceptanceOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) acceptanceId: string;
  @Column({ type: 'varchar', length: 36 }) contractId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'int' }) sequence: number;
  @Column({ type: 'int' }) attempt: number;
  @Column({ type: 'boolean' }) passed: boolean;
  @Column({ type: 'int' }) score: number;
  @Column({ type: 'varchar', length: 20 }) band: string;
  @Column({ ...DATETIME6 }) acceptedAt: Date;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 36 }) sourceEventId: string;
}

/** The purchaser's termination of a contract; `reasons` (JSON array, the purchaser's free text) stay out of the public profile. */
@Entity({ name: 'credit_purchase_termination' })
@Index('ix_credit_purchase_termination_uscc', ['uscc'])
export class CreditPurchaseTerminationOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) contractId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'text' }) reasons: string;
  @Column({ ...DATETIME6 }) terminatedAt: Date;
  @Column({ type: 'bigint', transformer: bigintAsString }) paidFen: string;
  @Column({ type: 'bigint', transformer: bigintAsString }) unpaidFen: string;
  @Column({ type: 'varchar', length: 36 }) sourceEventId: string;
}

export const CREDIT_FACT_ENTITIES = [
  CreditGradeOrmEntity,
  CreditGradeAdjustmentOrmEntity,
  CreditPurchaseContractOrmEntity,
  CreditPurchaseAssessmentOrmEntity,
  CreditPurchaseAcceptanceOrmEntity,
  CreditPurchaseTerminationOrmEntity,
];
