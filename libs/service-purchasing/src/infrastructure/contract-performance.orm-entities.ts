import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/** bigint columns come back as strings; fen amounts stay below 2^53 and are numbers in code. */
const fen = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** A contract milestone (Order 102 Art. 23 payment schedule) with the running total paid against it (updated under the contract's row lock). */
@Entity({ name: 'purchasing_contract_milestone' })
export class PurchasingContractMilestoneOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) contractId: string;
  @PrimaryColumn({ type: 'int' }) sequence: number;
  @Column({ type: 'varchar', length: 300 }) title: string;
  /** JSON array of strings. */
  @Column({ type: 'text' }) deliverables: string;
  /** Beijing civil date YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 }) dueOn: string;
  @Column({ type: 'bigint', transformer: fen }) amountFen: number;
  @Column({ type: 'bigint', transformer: fen }) paidFen: number;
}

/** An acceptance of a milestone: passed or failed, the score and its band, findings (append-only; unique per attempt). */
@Entity({ name: 'purchasing_milestone_acceptance' })
@Index('ux_purchasing_acceptance_attempt', ['contractId', 'sequence', 'attempt'], { unique: true })
export class PurchasingMilestoneAcceptanceOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) contractId: string;
  @Column({ type: 'int' }) sequence: number;
  @Column({ type: 'int' }) attempt: number;
  @Column({ type: 'boolean' }) passed: boolean;
  @Column({ type: 'int' }) score: number;
  @Column({ type: 'varchar', length: 20 }) band: string;
  /** JSON arrays of strings. */
  @Column({ type: 'text' }) findings: string;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 200 }) acceptedBy: string;
  @Column({ ...DATETIME6 }) acceptedAt: Date;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

/** A payment against an accepted milestone (append-only). */
@Entity({ name: 'purchasing_contract_payment' })
@Index('ix_purchasing_payment_contract', ['contractId'])
export class PurchasingContractPaymentOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) contractId: string;
  @Column({ type: 'int' }) sequence: number;
  @Column({ type: 'bigint', transformer: fen }) amountFen: number;
  @Column({ ...DATETIME6 }) paidAt: Date;
  @Column({ type: 'varchar', length: 36, nullable: true }) decisionId: string | null;
  @Column({ type: 'varchar', length: 200 }) recordedBy: string;
  @Column({ ...DATETIME6 }) recordedAt: Date;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

/** A finance officer's PAY / WITHHOLD decision on a milestone of a flagged contract (append-only; the latest counts). */
@Entity({ name: 'purchasing_payment_decision' })
@Index('ix_purchasing_decision_contract', ['contractId'])
export class PurchasingPaymentDecisionOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) contractId: string;
  @Column({ type: 'int' }) sequence: number;
  @Column({ type: 'varchar', length: 10 }) decision: string;
  /** JSON array of strings. */
  @Column({ type: 'text' }) reasons: string;
  @Column({ type: 'varchar', length: 36 }) flagEventId: string;
  @Column({ type: 'varchar', length: 200 }) decidedBy: string;
  @Column({ ...DATETIME6 }) decidedAt: Date;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

/** A flag on a contract in performance: its supplier entered the serious list (evidence: credit's list event). Once per (contract, evidence). */
@Entity({ name: 'purchasing_contract_flag' })
export class PurchasingContractFlagOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) contractId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) evidenceEventId: string;
  @Column({ type: 'varchar', length: 36 }) entryId: string;
  @Column({ ...DATETIME6 }) listedAt: Date;
  @Column({ ...DATETIME6 }) flaggedAt: Date;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

export const CONTRACT_PERFORMANCE_ENTITIES = [
  PurchasingContractMilestoneOrmEntity,
  PurchasingMilestoneAcceptanceOrmEntity,
  PurchasingContractPaymentOrmEntity,
  PurchasingPaymentDecisionOrmEntity,
  PurchasingContractFlagOrmEntity,
];
