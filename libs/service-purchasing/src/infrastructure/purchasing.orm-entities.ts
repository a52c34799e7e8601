import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';
import { CONTRACT_PERFORMANCE_ENTITIES } from './contract-performance.orm-entities';

/** bigint columns come back as strings (bigNumberStrings); fen amounts stay below 2^53 and are numbers in code. */
const fenAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** Purchasing's register of potential undertakers (suppliers), built from registration events. */
@Entity({ name: 'purchasing_supplier' })
export class PurchasingSupplierOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 40 }) form: string;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'varchar', length: 6 }) registeringAuthority: string;
  @Column({ ...DATETIME6 }) registeredAt: Date;
  @Column({ type: 'boolean' }) categoryPriority: boolean;
  @Column({ type: 'varchar', length: 36 }) lastEventId: string;
  /** ACTIVE | REVOKED | DEREGISTERED (registration's lifecycle events). */
  @Column({ type: 'varchar', length: 20, default: 'ACTIVE' }) status: string;
  @Column({ ...DATETIME6, nullable: true }) statusChangedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) statusEventId: string | null;
}

/**
 * The credit joint measures in force for an organization, as the whole set credit last published (regulations
 * §5.3). Keyed by USCC alone: it may arrive before the registration event (different topics).
 */
@Entity({ name: 'purchasing_joint_measures' })
export class PurchasingJointMeasuresOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  /** JSON arrays. */
  @Column({ type: 'text' }) lists: string;
  @Column({ type: 'text' }) measures: string;
  @Column({ ...DATETIME6 }) effectiveFrom: Date;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
  @Column({ ...DATETIME6 }) receivedAt: Date;
}

/** Evaluation grades of organizations (regulations §6), with supersession and adjustment. */
@Entity({ name: 'purchasing_supplier_grade' })
@Index('ix_purchasing_grade_uscc', ['uscc'])
export class PurchasingSupplierGradeOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) gradeId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 2 }) grade: string;
  @Column({ type: 'int' }) score: number;
  @Column({ type: 'varchar', length: 6 }) evaluatingAuthority: string;
  @Column({ ...DATETIME6 }) announcedAt: Date;
  /** Beijing civil dates YYYY-MM-DD (as evaluation publishes them), inclusive. */
  @Column({ type: 'varchar', length: 10 }) validFrom: string;
  @Column({ type: 'varchar', length: 10 }) validUntil: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) replacesGradeId: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersededByGradeId: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) supersededFrom: string | null;
  /** Set by evaluation.grade.adjusted: the lowered grade, or null with adjustmentReason set when cancelled. */
  @Column({ type: 'varchar', length: 2, nullable: true }) adjustedGrade: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) adjustmentReason: string | null;
  @Column({ ...DATETIME6, nullable: true }) adjustedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) adjustmentEventId: string | null;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

/** A purchase-of-services contract (Order 102 Art. 23–24). Money in integer fen; term dates Beijing civil dates YYYY-MM-DD, inclusive; instants UTC. */
@Entity({ name: 'purchasing_contract' })
@Index('ix_purchasing_contract_supplier', ['supplierUscc'])
@Index('ux_purchasing_contract_idempotency', ['idempotencyKey', 'recordedBy'], { unique: true })
@Index('ux_purchasing_contract_procurement', ['procurementId'], { unique: true })
export class PurchasingContractOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 18 }) supplierUscc: string;
  @Column({ type: 'varchar', length: 200 }) purchaser: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'varchar', length: 40 }) method: string;
  @Column({ type: 'bigint', transformer: fenAsNumber }) valueFen: number;
  @Column({ type: 'varchar', length: 10 }) termStart: string;
  @Column({ type: 'varchar', length: 10 }) termEnd: string;
  @Column({ type: 'boolean' }) multiYear: boolean;
  @Column({ type: 'boolean' }) budgetAssured: boolean;
  @Column({ type: 'boolean' }) stableService: boolean;
  @Column({ ...DATETIME6 }) signedAt: Date;
  @Column({ type: 'varchar', length: 20 }) status: string;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 200 }) recordedBy: string;
  /** The purchaser binding (migration 1732500000420): the signing principal's unit_id and jurisdiction. */
  @Column({ type: 'varchar', length: 100, nullable: true }) purchaserUnitId: string | null;
  @Column({ type: 'varchar', length: 6, nullable: true }) purchaserJurisdiction: string | null;
  /** The version of the registered organ that signed (migration 1732500000440); null before the organ registry. */
  @Column({ type: 'int', nullable: true }) purchaserOrganVersion: number | null;
  @Column({ ...DATETIME6 }) recordedAt: Date;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
  /** Idempotent creation: the request's Idempotency-Key (unique with recordedBy) and the SHA-256 of its body. */
  @Column({ type: 'varchar', length: 100, nullable: true }) idempotencyKey: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestHash: string | null;
  /** Contract performance (migration 1732500000480): the procurement and budget line (null stand-alone), Art. 23 content as JSON, flag, termination, completion. */
  @Column({ type: 'varchar', length: 36, nullable: true }) procurementId: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) ocid: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) budgetLineId: string | null;
  @Column({ type: 'text', nullable: true }) content: string | null;
  @Column({ ...DATETIME6, nullable: true }) flaggedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) flagEventId: string | null;
  @Column({ ...DATETIME6, nullable: true }) terminatedAt: Date | null;
  @Column({ type: 'text', nullable: true }) terminationReasons: string | null;
  /** Migration 1732500000497: why it was terminated (TERMINATION_CAUSES); NULL before causes were recorded. */
  @Column({ type: 'varchar', length: 30, nullable: true }) terminationCause: string | null;
  @Column({ ...DATETIME6, nullable: true }) completedAt: Date | null;
  /**
   * Migration 1732500000495 (issue 11 item 5): NOT_EVALUATED for a stand-alone contract with a supplier outside
   * civil-affairs registration (the purchaser attests its eligibility); NULL: evaluated as before.
   */
  @Column({ type: 'varchar', length: 20, nullable: true }) supplierEligibility?: string | null;
  /** Stand-alone contracts: declared a public service (Order 102 Art. 9) for the 财综〔2016〕54号 share; NULL: not declared. */
  @Column({ type: 'boolean', nullable: true }) publicService?: boolean | null;
}

/** The purchaser's performance assessment of a contract (performance management and acceptance, §7.2). */
@Entity({ name: 'purchasing_performance_assessment' })
@Index('ix_purchasing_assessment_contract', ['contractId'])
export class PurchasingPerformanceAssessmentOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) contractId: string;
  @Column({ type: 'varchar', length: 18 }) supplierUscc: string;
  @Column({ type: 'varchar', length: 200 }) purchaser: string;
  @Column({ type: 'int' }) score: number;
  @Column({ type: 'varchar', length: 20 }) outcome: string;
  @Column({ type: 'boolean' }) breach: boolean;
  @Column({ type: 'varchar', length: 1000 }) summary: string;
  @Column({ ...DATETIME6 }) assessedAt: Date;
  @Column({ type: 'varchar', length: 200 }) assessedBy: string;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

/**
 * Versions of purchasing rule sets per jurisdiction (issue §2 "local rules are local"): the national default
 * (100000, Order 102, no bands) is seeded; local versions carry performance bands (local practice, regulations §7.2).
 */
@Entity({ name: 'purchasing_rule_set_version' })
export class PurchasingRuleSetVersionOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 60 }) ruleSetId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @Column({ type: 'varchar', length: 6 }) jurisdiction: string;
  /** Beijing civil date YYYY-MM-DD: in force from 00:00 Beijing time. */
  @Column({ type: 'varchar', length: 10 }) effectiveFrom: string;
  /** JSON array of {minScore, outcome}, or NULL: no banding rule. */
  @Column({ type: 'text', nullable: true }) bands: string | null;
  @Column({ type: 'varchar', length: 500 }) source: string;
  @Column({ type: 'varchar', length: 200 }) publishedBy: string;
  @Column({ ...DATETIME6 }) publishedAt: Date;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note: string | null;
  /** JSON PerformanceBarRule (migration 1732500000490), or NULL: no performance bar (every earlier version). */
  @Column({ type: 'text', nullable: true }) performanceBar?: string | null;
}

/**
 * The registry of purchasing organs (Order 102 Art. 5 and 8): every version of every organ, append-only, keyed
 * (unit_id, version) so two concurrent changes of one organ collide.
 */
@Entity({ name: 'purchasing_organ_version' })
export class PurchasingOrganVersionOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 }) unitId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 60 }) kind: string;
  @Column({ type: 'varchar', length: 6 }) jurisdiction: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason: string | null;
  @Column({ type: 'varchar', length: 200 }) recordedBy: string;
  @Column({ ...DATETIME6 }) recordedAt: Date;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

/** The current version of each purchasing organ (one row per unit, replaced with each version), for lookups and lists by division. */
@Entity({ name: 'purchasing_organ' })
@Index('ix_purchasing_organ_jurisdiction', ['jurisdiction'])
export class PurchasingOrganOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 }) unitId: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'varchar', length: 6 }) jurisdiction: string;
}

/** A purchasing organ's budget line in fen (Order 102 Art. 3); committed + paid ≤ amount. */
@Entity({ name: 'purchasing_budget_line' })
@Index('ux_purchasing_budget_line_code', ['organUnitId', 'fiscalYear', 'lineCode'], { unique: true })
export class PurchasingBudgetLineOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 100 }) organUnitId: string;
  @Column({ type: 'varchar', length: 6 }) organJurisdiction: string;
  @Column({ type: 'int' }) fiscalYear: number;
  @Column({ type: 'varchar', length: 40 }) lineCode: string;
  @Column({ type: 'varchar', length: 500 }) description: string;
  @Column({ type: 'bigint', transformer: fenAsNumber }) amountFen: number;
  @Column({ type: 'bigint', transformer: fenAsNumber }) committedFen: number;
  @Column({ type: 'bigint', transformer: fenAsNumber }) paidFen: number;
  @Column({ type: 'varchar', length: 200 }) createdBy: string;
  @Column({ ...DATETIME6 }) createdAt: Date;
}

/** A published version of a jurisdiction's guiding catalogue and negative list (Order 102 Art. 10–11); items as JSON. */
@Entity({ name: 'purchasing_catalogue_version' })
export class PurchasingCatalogueVersionOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 }) jurisdiction: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @Column({ type: 'varchar', length: 10 }) effectiveFrom: string;
  @Column({ type: 'text' }) items: string;
  @Column({ type: 'text' }) negativeList: string;
  @Column({ type: 'varchar', length: 500 }) source: string;
  @Column({ type: 'varchar', length: 200 }) publishedBy: string;
  @Column({ ...DATETIME6 }) publishedAt: Date;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note: string | null;
}

/** A procurement notice and its state (requirements, scoring, amendments and cancellation reasons as JSON text). */
@Entity({ name: 'purchasing_procurement' })
export class PurchasingProcurementOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 100 }) ocid: string;
  @Column({ type: 'varchar', length: 100 }) organUnitId: string;
  @Column({ type: 'varchar', length: 6 }) organJurisdiction: string;
  @Column({ type: 'varchar', length: 200 }) organName: string;
  @Column({ type: 'varchar', length: 36 }) budgetLineId: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 40 }) method: string;
  @Column({ type: 'varchar', length: 2000, nullable: true }) justification: string | null;
  @Column({ type: 'varchar', length: 40 }) catalogueItemCode: string;
  @Column({ type: 'varchar', length: 100 }) catalogueVersion: string;
  @Column({ type: 'bigint', transformer: fenAsNumber }) estimatedFen: number;
  @Column({ type: 'text' }) requirements: string;
  @Column({ type: 'text' }) scoring: string;
  @Column({ ...DATETIME6 }) bidDeadline: Date;
  @Column({ type: 'varchar', length: 20 }) status: string;
  @Column({ type: 'text' }) amendments: string;
  @Column({ type: 'varchar', length: 200 }) publishedBy: string;
  @Column({ ...DATETIME6 }) publishedAt: Date;
  @Column({ type: 'text', nullable: true }) cancelReasons: string | null;
  @Column({ ...DATETIME6, nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'int' }) revision: number;
}

/** A sealed bid: metadata in clear, the content only as AES-256-GCM ciphertext (`sealed`) under the procurement's key. */
@Entity({ name: 'purchasing_bid' })
@Index('ux_purchasing_bid_bidder', ['procurementId', 'bidderUscc'], { unique: true })
export class PurchasingBidOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) procurementId: string;
  @Column({ type: 'varchar', length: 18 }) bidderUscc: string;
  @Column({ type: 'varchar', length: 20 }) status: string;
  @Column({ type: 'int' }) submission: number;
  @Column({ type: 'varchar', length: 200 }) submittedBy: string;
  @Column({ ...DATETIME6 }) submittedAt: Date;
  @Column({ ...DATETIME6, nullable: true }) withdrawnAt: Date | null;
  @Column({ type: 'text', nullable: true }) sealed: string | null;
}

/** A frozen decision about a procurement (eligibility at the deadline, scores, award): written once, never updated. */
@Entity({ name: 'purchasing_procurement_decision' })
export class PurchasingProcurementDecisionOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) procurementId: string;
  @PrimaryColumn({ type: 'varchar', length: 30 }) kind: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 200 }) recordedBy: string;
  @Column({ ...DATETIME6 }) recordedAt: Date;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

export const PURCHASING_ENTITIES = [
  PurchasingProcurementDecisionOrmEntity,
  PurchasingBudgetLineOrmEntity,
  PurchasingCatalogueVersionOrmEntity,
  PurchasingProcurementOrmEntity,
  PurchasingBidOrmEntity,
  PurchasingOrganVersionOrmEntity,
  PurchasingOrganOrmEntity,
  PurchasingRuleSetVersionOrmEntity,
  PurchasingSupplierOrmEntity,
  PurchasingJointMeasuresOrmEntity,
  PurchasingSupplierGradeOrmEntity,
  PurchasingContractOrmEntity,
  PurchasingPerformanceAssessmentOrmEntity,
  ...CONTRACT_PERFORMANCE_ENTITIES,
];
