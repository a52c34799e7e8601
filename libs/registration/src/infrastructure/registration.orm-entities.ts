import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';
import type { OrganizationCategory, OrganizationForm, Regime } from '@sop/contracts';
import type { ApplicationStatus } from '../domain/registration-application';

@Entity({ name: 'registration_application' })
@Index('ix_application_authority_name', ['registeringAuthority', 'proposedName'])
export class ApplicationOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 200 }) proposedName: string;
  @Column({ type: 'varchar', length: 40 }) form: OrganizationForm;
  @Column({ type: 'varchar', length: 40 }) category: OrganizationCategory;
  @Column({ type: 'varchar', length: 6 }) registeringAuthority: string;
  @Column({ type: 'varchar', length: 300 }) domicile: string;
  @Column({ type: 'text' }) purpose: string;
  @Column({ type: 'varchar', length: 100 }) legalRepresentativeName: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } }) registeredCapitalFen: number;
  @Column({ type: 'varchar', length: 20 }) regime: Regime;
  @Column({ type: 'varchar', length: 120 }) policyVersion: string;
  @Column({ type: 'varchar', length: 20 }) status: ApplicationStatus;
  @Column({ type: 'varchar', length: 120 }) submittedBy: string;
  @Column({ ...DATETIME6 }) submittedAt: Date;
  @Column({ ...DATETIME6 }) decisionDueBy: Date;
  @Column({ ...DATETIME6, nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) decidedBy: string | null;
  @Column({ type: 'varchar', length: 18, nullable: true }) uscc: string | null;
}

/** A registered organization; the USCC is its public identity. */
@Entity({ name: 'organization' })
@Index('ux_organization_authority_name', ['registeringAuthority', 'name'], { unique: true })
export class OrganizationOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 36, unique: true }) applicationId: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 40 }) form: OrganizationForm;
  @Column({ type: 'varchar', length: 40 }) category: OrganizationCategory;
  @Column({ type: 'varchar', length: 6 }) registeringAuthority: string;
  @Column({ type: 'varchar', length: 300 }) domicile: string;
  @Column({ type: 'text' }) purpose: string;
  @Column({ type: 'varchar', length: 100 }) legalRepresentativeName: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } }) registeredCapitalFen: number;
  @Column({ type: 'varchar', length: 20 }) regime: Regime;
  @Column({ type: 'varchar', length: 120 }) policyVersion: string;
  @Column({ type: 'varchar', length: 20 }) status: 'REGISTERED';
  @Column({ ...DATETIME6 }) registeredAt: Date;
}

/** Next USCC serial per registering authority (positions 9-16 of the codes it issues). */
@Entity({ name: 'uscc_serial' })
export class UsccSerialOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 }) divisionCode: string;
  @Column({ type: 'int' }) nextSerial: number;
}

export const REGISTRATION_ENTITIES = [ApplicationOrmEntity, OrganizationOrmEntity, UsccSerialOrmEntity];
