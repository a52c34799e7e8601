import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/** The credit service's view of an organization, built from registration events. Keyed by USCC. */
@Entity({ name: 'credit_organization' })
@Index('ix_credit_org_name', ['name'])
export class CreditOrganizationOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 40 }) form: string;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'varchar', length: 6 }) registeringAuthority: string;
  @Column({ type: 'varchar', length: 300 }) domicile: string;
  @Column({ type: 'varchar', length: 20 }) registrationStatus: string;
  @Column({ ...DATETIME6 }) registeredAt: Date;
  @Column({ ...DATETIME6 }) updatedAt: Date;
  /** Effective date of the change registration that set the name / domicile (null: as registered). */
  @Column({ ...DATETIME6, nullable: true }) nameEffectiveFrom?: Date | null;
  @Column({ ...DATETIME6, nullable: true }) domicileEffectiveFrom?: Date | null;
}

/**
 * One piece of credit information (Order 60 Art. 6-7 categories), with the event it came from, when it
 * happened, when it was recorded, and the 5-working-day capture deadline, so lateness is visible.
 */
@Entity({ name: 'credit_information' })
@Index('ix_credit_info_uscc', ['uscc', 'occurredAt'])
export class CreditInformationOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 30 }) category: 'BASIC' | 'ANNUAL_REPORT' | 'INSPECTION' | 'PENALTY' | 'OTHER';
  @Column({ type: 'varchar', length: 80 }) factType: string;
  @Column({ type: 'varchar', length: 36, unique: true }) sourceEventId: string;
  @Column({ type: 'text' }) summary: string;
  @Column({ ...DATETIME6 }) occurredAt: Date;
  @Column({ ...DATETIME6 }) recordedAt: Date;
  @Column({ ...DATETIME6 }) captureDeadline: Date;
}

/**
 * One annual-report obligation of §5.1 trigger 1: the overdue event (evidence of the abnormal entry) and the
 * year it concerns, and — once registration reports it — the submission that fulfilled it.
 */
@Entity({ name: 'credit_annual_report_obligation' })
@Index('ix_credit_ar_obligation_uscc', ['uscc', 'reportYear'])
export class CreditAnnualReportObligationOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) overdueEventId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'int' }) reportYear: number;
  @Column({ ...DATETIME6, nullable: true }) submittedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) submittedEventId: string | null;
}


/**
 * A bulk export of the public register. Kept in the database so that progress is visible from any instance
 * and a job whose process died is reported as interrupted rather than lost.
 */
@Entity({ name: 'credit_export_job' })
export class CreditExportJobOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 10 }) status: 'RUNNING' | 'DONE' | 'FAILED' | 'EXPIRED';
  @Column({ type: 'int' }) total: number;
  @Column({ type: 'int' }) processed: number;
  @Column({ ...DATETIME6 }) startedAt: Date;
  @Column({ ...DATETIME6 }) heartbeatAt: Date;
  @Column({ ...DATETIME6, nullable: true }) finishedAt: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) error: string | null;
  @Column({ type: 'varchar', length: 500 }) filePath: string;
  /** 'EXPORT' while running, else null; unique, so a second concurrent start cannot insert a running job. */
  @Column({ type: 'varchar', length: 10, nullable: true }) runningSlot: string | null;
}

export const CREDIT_ENTITIES = [CreditOrganizationOrmEntity, CreditInformationOrmEntity, CreditAnnualReportObligationOrmEntity, CreditExportJobOrmEntity];
