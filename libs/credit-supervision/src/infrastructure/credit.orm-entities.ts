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

export const CREDIT_ENTITIES = [CreditOrganizationOrmEntity, CreditInformationOrmEntity];
