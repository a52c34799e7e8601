import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsString, DATETIME6 } from '@sop/persistence';

/** The append-only log of list events (regulations §5.1/§5.2): the source the list view is derived from. */
@Entity({ name: 'credit_list_event' })
@Index('ix_credit_list_event_uscc', ['uscc', 'id'])
export class CreditListEventOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  /** The CloudEvent id under which it was published. */
  @Column({ type: 'varchar', length: 36, unique: true }) eventId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 36 }) entryId: string;
  @Column({ type: 'varchar', length: 30 }) kind: string;
  /** The domain ListEvent as JSON. */
  @Column({ type: 'text' }) payload: string;
  @Column({ ...DATETIME6 }) effectiveAt: Date;
  @Column({ ...DATETIME6 }) recordedAt: Date;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
}

/** The current list view, one row per entry (derived; rebuildable by replaying credit_list_event). */
@Entity({ name: 'credit_list_entry' })
@Index('ix_credit_list_entry_uscc', ['uscc'])
@Index('ix_credit_list_entry_due', ['nextDueAt'])
export class CreditListEntryOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) entryId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 10 }) list: string;
  @Column({ type: 'varchar', length: 40 }) reason: string;
  @Column({ type: 'varchar', length: 10 }) status: string;
  @Column({ type: 'varchar', length: 6 }) decidingAuthority: string;
  @Column({ ...DATETIME6 }) listedAt: Date;
  /** Earliest timer instant of an active abnormal entry (6-month removal or 2-year escalation), else null. */
  @Column({ ...DATETIME6, nullable: true }) nextDueAt: Date | null;
  /** The domain ListEntry as JSON. */
  @Column({ type: 'text' }) document: string;
}

@Entity({ name: 'credit_penalty' })
@Index('ix_credit_penalty_uscc', ['uscc', 'decidedAt'])
export class CreditPenaltyOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) penaltyId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsString }) amountFen: string | null;
  @Column({ ...DATETIME6, nullable: true }) suspendedUntil: Date | null;
  @Column({ ...DATETIME6 }) decidedAt: Date;
  @Column({ type: 'varchar', length: 200 }) decidingBody: string;
  @Column({ type: 'varchar', length: 500 }) basis: string;
  @Column({ type: 'varchar', length: 100 }) recordedBy: string;
  @Column({ ...DATETIME6 }) recordedAt: Date;
}

@Entity({ name: 'credit_rectification_notice' })
@Index('ix_credit_notice_due', ['status', 'deadline'])
export class CreditRectificationNoticeOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ ...DATETIME6 }) inspectedAt: Date;
  @Column({ type: 'text' }) findings: string;
  @Column({ ...DATETIME6 }) deadline: Date;
  /** OPEN, MET, NOT_MET */
  @Column({ type: 'varchar', length: 10 }) status: string;
  @Column({ ...DATETIME6, nullable: true }) resolvedAt: Date | null;
  @Column({ type: 'varchar', length: 100 }) issuedBy: string;
  @Column({ ...DATETIME6 }) recordedAt: Date;
}

@Entity({ name: 'credit_objection' })
@Index('ix_credit_objection_entry', ['entryId'])
export class CreditObjectionOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) entryId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'text' }) grounds: string;
  @Column({ type: 'varchar', length: 100 }) filedBy: string;
  @Column({ ...DATETIME6 }) filedAt: Date;
  /** PENDING, UPHELD, REJECTED */
  @Column({ type: 'varchar', length: 10 }) status: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) decidedBy: string | null;
  @Column({ ...DATETIME6, nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) decisionReason: string | null;
}

/** Joint measures currently in force per organization (§5.3), as last published. */
@Entity({ name: 'credit_joint_measures' })
export class CreditJointMeasuresOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 40 }) lists: string;
  @Column({ type: 'varchar', length: 300 }) measures: string;
  @Column({ ...DATETIME6 }) effectiveFrom: Date;
  @Column({ type: 'varchar', length: 100 }) ruleVersion: string;
}

/** Local credit rule-set versions (issue §2 "local rules are local", regulations §5.3); the national default is Order 60 in code. */
@Entity({ name: 'credit_rule_set_version' })
export class CreditRuleSetVersionOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 }) jurisdiction: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  /** Beijing civil date YYYY-MM-DD: in force from 00:00 Beijing time. */
  @Column({ type: 'varchar', length: 10 }) effectiveFrom: string;
  /** JSON {ABNORMAL: JointMeasure[], SERIOUS: JointMeasure[]}. */
  @Column({ type: 'text' }) jointMeasures: string;
  @Column({ type: 'varchar', length: 500 }) source: string;
  @Column({ type: 'varchar', length: 200 }) publishedBy: string;
  @Column({ ...DATETIME6 }) publishedAt: Date;
}

export const CREDIT_LIST_ENTITIES = [
  CreditRuleSetVersionOrmEntity,
  CreditListEventOrmEntity,
  CreditListEntryOrmEntity,
  CreditPenaltyOrmEntity,
  CreditRectificationNoticeOrmEntity,
  CreditObjectionOrmEntity,
  CreditJointMeasuresOrmEntity,
];
