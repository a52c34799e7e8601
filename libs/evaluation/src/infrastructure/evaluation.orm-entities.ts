import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsString, DATETIME6 } from '@sop/persistence';

/** Evaluation's view of a registered organization, built from registration events. */
@Entity({ name: 'evaluation_organization' })
export class EvaluationOrganizationOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 40 }) form: string;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'varchar', length: 6 }) registeringAuthority: string;
  @Column({ ...DATETIME6 }) registeredAt: Date;
  @Column({ ...DATETIME6 }) eligibleFrom: Date;
  /** The OrganizationRegistered event projected. */
  @Column({ type: 'varchar', length: 36 }) lastEventId: string;
  /** ACTIVE, REVOKED, DEREGISTERED (from registration's lifecycle events). */
  @Column({ type: 'varchar', length: 20, default: 'ACTIVE' }) registrationStatus: string;
  @Column({ ...DATETIME6, nullable: true }) registrationStatusAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) registrationStatusEventId: string | null;
  /** Order 39 Art. 7 "under investigation", set by an evaluator (no event carries it). */
  @Column({ type: 'boolean', default: false }) underInvestigation: boolean;
  @Column({ type: 'varchar', length: 500, nullable: true }) investigationBasis: string | null;
  @Column({ ...DATETIME6, nullable: true }) investigationRecordedAt: Date | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) investigationRecordedBy: string | null;
}

/**
 * A grade decision (regulations §6). Validity dates are Beijing civil dates (China Standard Time) stored as 'YYYY-MM-DD' text: the same
 * on MySQL and SQLite, with no driver time-zone conversion of DATE columns.
 */
@Entity({ name: 'evaluation_grade' })
@Index('ix_evaluation_grade_uscc', ['uscc', 'announcedAt'])
@Index('ix_evaluation_grade_expiry', ['status', 'validUntil'])
export class EvaluationGradeOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) gradeId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  /** The grade now (lowered grades carry the lower grade). */
  @Column({ type: 'varchar', length: 2 }) grade: string;
  @Column({ type: 'varchar', length: 2 }) awardedGrade: string;
  @Column({ type: 'int' }) score: number;
  @Column({ type: 'varchar', length: 6 }) evaluatingAuthority: string;
  @Column({ ...DATETIME6 }) announcedAt: Date;
  @Column({ type: 'varchar', length: 10 }) validFrom: string;
  @Column({ type: 'varchar', length: 10 }) validUntil: string;
  /** ACTIVE, SUPERSEDED, CANCELLED */
  @Column({ type: 'varchar', length: 12 }) status: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) replacesGradeId: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersededByGradeId: string | null;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  /** The local rule set whose cut-offs decided the grade; null: none (grades before local rule sets). */
  @Column({ type: 'varchar', length: 100, nullable: true }) localRuleVersion: string | null;
  @Column({ type: 'int' }) committeeMembers: number;
  @Column({ type: 'int' }) committeePresent: number;
  @Column({ type: 'int' }) committeeInFavour: number;
  @Column({ type: 'varchar', length: 100 }) awardedBy: string;
  @Column({ ...DATETIME6 }) recordedAt: Date;
  /** The GradeAwarded event's id. */
  @Column({ type: 'varchar', length: 36 }) eventId: string;
  /** When GradeExpired was published (once, after validUntil); null until then. */
  @Column({ ...DATETIME6, nullable: true }) expiryPublishedAt: Date | null;
}

/** A lowering or cancellation of a grade (append-only). */
@Entity({ name: 'evaluation_grade_adjustment' })
@Index('ix_evaluation_adjustment_grade', ['gradeId'])
export class EvaluationGradeAdjustmentOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) gradeId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 2 }) previousGrade: string;
  @Column({ type: 'varchar', length: 2, nullable: true }) newGrade: string | null;
  @Column({ type: 'varchar', length: 40 }) reason: string;
  @Column({ type: 'varchar', length: 500 }) explanation: string;
  @Column({ ...DATETIME6 }) effectiveAt: Date;
  /** JSON array of event ids / references. */
  @Column({ type: 'text' }) evidence: string;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  /** Beijing civil date 'YYYY-MM-DD': last day to return certificate and plaque; null if not computable then. */
  @Column({ type: 'varchar', length: 10, nullable: true }) certificateReturnDueOn: string | null;
  /** The official calendar (id@vN) that counted certificateReturnDueOn. */
  @Column({ type: 'varchar', length: 60, nullable: true }) calendarVersion: string | null;
  @Column({ type: 'varchar', length: 100 }) adjustedBy: string;
  @Column({ ...DATETIME6 }) recordedAt: Date;
  /** The GradeAdjusted event's id. */
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

/** The credit joint measures in force for an organization (regulations §5.3), as the last JointMeasuresChanged set. */
@Entity({ name: 'evaluation_credit_measures' })
export class EvaluationCreditMeasuresOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  /** Comma-separated. */
  @Column({ type: 'varchar', length: 40 }) lists: string;
  /** Comma-separated. */
  @Column({ type: 'varchar', length: 300 }) measures: string;
  @Column({ ...DATETIME6 }) effectiveFrom: Date;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 36 }) lastEventId: string;
  @Column({ ...DATETIME6 }) receivedAt: Date;
}

/** A verification evaluation (核查评估, 2026 measures) opened because something may affect a grade. */
@Entity({ name: 'evaluation_verification_case' })
@Index('ix_evaluation_case_status', ['status', 'openedAt'])
@Index('ix_evaluation_case_grade', ['gradeId', 'status'])
export class EvaluationVerificationCaseOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 36 }) gradeId: string;
  /** OPEN, CLOSED */
  @Column({ type: 'varchar', length: 10 }) status: string;
  /** What prompted it, e.g. CREDIT_GRADE_DOWNGRADE_REFERENCE, REGISTRATION_REVOKED, DEREGISTERED. */
  @Column({ type: 'varchar', length: 40 }) cause: string;
  /** JSON array of the event ids that prompted it. */
  @Column({ type: 'text' }) evidence: string;
  @Column({ ...DATETIME6 }) openedAt: Date;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
  @Column({ ...DATETIME6, nullable: true }) closedAt: Date | null;
  /** GRADE_ADJUSTED, GRADE_CONFIRMED, GRADE_SUPERSEDED */
  @Column({ type: 'varchar', length: 20, nullable: true }) outcome: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) adjustmentId: string | null;
}

/**
 * One report year of an organization as registration reported it (AnnualReportReviewed, AnnualReportOverdue):
 * the facts of Order 39 Art. 7 (regulations §6) about annual inspections.
 */
@Entity({ name: 'evaluation_annual_report' })
export class EvaluationAnnualReportOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @PrimaryColumn({ type: 'int' }) reportYear: number;
  /** PASS, BASIC_PASS, FAIL; null while not concluded. */
  @Column({ type: 'varchar', length: 12, nullable: true }) outcome: string | null;
  @Column({ ...DATETIME6, nullable: true }) reviewedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) reviewEventId: string | null;
  @Column({ type: 'boolean', default: false }) overdue: boolean;
  /** Beijing date 'YYYY-MM-DD'. */
  @Column({ type: 'varchar', length: 10, nullable: true }) overdueOn: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) overdueEventId: string | null;
}

/** A penalty credit supervision recorded (PenaltyRecorded): Order 39 Art. 7 "penalized last year" (regulations §6). */
@Entity({ name: 'evaluation_penalty' })
@Index('ix_evaluation_penalty_uscc', ['uscc', 'decidedAt'])
export class EvaluationPenaltyOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) penaltyId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  /** Integer fen (FINE); bigint as string. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsString }) amountFen: string | null;
  @Column({ ...DATETIME6 }) decidedAt: Date;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
  @Column({ ...DATETIME6 }) recordedAt: Date;
}

/** A local evaluation rule-set version (issue §2 "local rules are local"; regulations §6 Scoring: cut-offs set locally). */
@Entity({ name: 'evaluation_rule_set_version' })
export class EvaluationRuleSetVersionOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 60 }) ruleSetId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @Column({ type: 'varchar', length: 6 }) jurisdiction: string;
  /** Beijing civil date YYYY-MM-DD: in force from 00:00 Beijing time. */
  @Column({ type: 'varchar', length: 10 }) effectiveFrom: string;
  /** JSON array of {grade, minScore}, highest grade first. */
  @Column({ type: 'text' }) cutOffs: string;
  @Column({ type: 'varchar', length: 500 }) source: string;
  @Column({ type: 'varchar', length: 200 }) publishedBy: string;
  @Column({ ...DATETIME6 }) publishedAt: Date;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note: string | null;
}

export const EVALUATION_ENTITIES = [
  EvaluationAnnualReportOrmEntity,
  EvaluationPenaltyOrmEntity,
  EvaluationOrganizationOrmEntity,
  EvaluationGradeOrmEntity,
  EvaluationGradeAdjustmentOrmEntity,
  EvaluationCreditMeasuresOrmEntity,
  EvaluationVerificationCaseOrmEntity,
  EvaluationRuleSetVersionOrmEntity,
];
