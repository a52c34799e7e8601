import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';
import type { OrganizationCategory, OrganizationForm, Regime, UnitRole } from '@sop/contracts';
import type { ApplicationStatus, ConsentStatus } from '../domain/registration-application';
import type { FoundationType } from '../domain/founding-conditions';
import type { OrganizationChangeType, OrganizationStatus } from '../domain/organization-lifecycle';
import type { RevocationKind } from '../domain/revocation-grounds';
import type { PartyOrganizationForm, PartyRecordSource, RequiredCoverage } from '../domain/party-organization';

const intOrNull = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)) };

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
  /** The holiday calendar that placed the decision deadline (Civil Code Art. 203); null = provisional or recorded before civil time. */
  @Column({ type: 'varchar', length: 60, nullable: true }) decisionDueCalendarVersion: string | null;
  @Column({ ...DATETIME6, nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) decidedBy: string | null;
  @Column({ type: 'varchar', length: 18, nullable: true }) uscc: string | null;
  @Column({ type: 'int', nullable: true, transformer: intOrNull }) individualMembers: number | null;
  @Column({ type: 'int', nullable: true, transformer: intOrNull }) unitMembers: number | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) foundationType: FoundationType | null;
  /** Approval to use 中国/全国/中华 in the name (社团条例 Art. 10 para. 2). */
  @Column({ type: 'varchar', length: 200, nullable: true }) nameApprovalReference: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) unitId: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) unitName: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) unitRole: UnitRole | null;
  @Column({ type: 'text', nullable: true }) regimeSource: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) checksVersion: string | null;
  @Column({ type: 'varchar', length: 20 }) consentStatus: ConsentStatus;
  @Column({ type: 'varchar', length: 120, nullable: true }) consentDecidedBy: string | null;
  @Column({ ...DATETIME6, nullable: true }) consentDecidedAt: Date | null;
  /** JSON array of strings. */
  @Column({ type: 'text', nullable: true }) consentReasons: string | null;
  /** JSON array of strings. */
  @Column({ type: 'text', nullable: true }) decisionReasons: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) decisionLegalBasis: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) reroutedFromPolicyVersion: string | null;
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
  @Column({ type: 'varchar', length: 20 }) status: OrganizationStatus;
  @Column({ ...DATETIME6 }) registeredAt: Date;
  @Column({ type: 'varchar', length: 120, nullable: true }) unitId: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) unitName: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) unitRole: UnitRole | null;
  /** 吊销 (CERTIFICATE_REVOKED) or 撤销 (REGISTRATION_CANCELLED) once revoked (regulations §1). */
  @Column({ type: 'varchar', length: 40, nullable: true }) revocationKind: RevocationKind | null;
}

/** Next USCC serial per registering authority (positions 9-16 of the codes it issues). */
@Entity({ name: 'uscc_serial' })
export class UsccSerialOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 }) divisionCode: string;
  @Column({ type: 'int' }) nextSerial: number;
}

/** One version of a registration-regime rule set (policy as data). */
@Entity({ name: 'registration_policy_version' })
export class PolicyVersionOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 120 }) ruleSetId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @Column({ type: 'varchar', length: 6 }) jurisdiction: string;
  @Column({ ...DATETIME6 }) effectiveFrom: Date;
  @Column({ type: 'varchar', length: 120 }) publishedBy: string;
  @Column({ ...DATETIME6 }) publishedAt: Date;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
}

@Entity({ name: 'registration_regime_rule' })
@Index('ix_regime_rule_version', ['ruleSetId', 'version'])
export class RegimeRuleOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'varchar', length: 120 }) ruleSetId: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'varchar', length: 40, nullable: true }) form: OrganizationForm | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) category: OrganizationCategory | null;
  @Column({ type: 'varchar', length: 20 }) regime: Regime;
  @Column({ type: 'varchar', length: 1000 }) source: string;
}

/** A policy version whose effective date has been applied (regime shift); the primary key makes it once-only. */
@Entity({ name: 'registration_policy_activation' })
export class PolicyActivationOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 120 }) ruleSetId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @Column({ ...DATETIME6 }) activatedAt: Date;
  @Column({ type: 'int' }) organizationsConverted: number;
  @Column({ type: 'int' }) applicationsRerouted: number;
}

/**
 * Restricted table: personal data of legal representatives and officers. ID numbers are stored only as
 * AES-256-GCM ciphertext plus a keyed blind index (HMAC) for equality checks; never in events or public reads.
 */
@Entity({ name: 'registration_personal_data' })
@Index('ix_personal_data_application', ['applicationId'])
@Index('ix_personal_data_id_index', ['idNumberIndex'])
export class PersonalDataOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'varchar', length: 36 }) applicationId: string;
  @Column({ type: 'varchar', length: 30 }) personRole: 'LEGAL_REPRESENTATIVE' | 'OFFICER';
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) title: string | null;
  @Column({ type: 'varchar', length: 255 }) idNumberCipher: string;
  @Column({ type: 'varchar', length: 64 }) idNumberIndex: string;
  /** Set for legal representatives registered by a change of the organization. */
  @Column({ type: 'varchar', length: 18, nullable: true }) uscc: string | null;
  @Column({ ...DATETIME6, nullable: true }) effectiveFrom: Date | null;
  @Column({ ...DATETIME6, nullable: true }) supersededAt: Date | null;
}

/** Annual-report cycle versions (rule-set data). */
@Entity({ name: 'annual_report_cycle' })
export class AnnualReportCycleOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 120 }) ruleSetId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @Column({ ...DATETIME6 }) effectiveFrom: Date;
  @Column({ type: 'int' }) dueMonth: number;
  @Column({ type: 'int' }) dueDay: number;
  @Column({ type: 'int' }) minMonthsRegistered: number;
  @Column({ type: 'varchar', length: 1000 }) source: string;
}

/** Due date per organization form of a cycle version (regulations §4; from version 2). */
@Entity({ name: 'annual_report_cycle_due_date' })
export class AnnualReportCycleDueDateOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 120 }) ruleSetId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @PrimaryColumn({ type: 'varchar', length: 40 }) form: OrganizationForm;
  @Column({ type: 'int' }) dueMonth: number;
  @Column({ type: 'int' }) dueDay: number;
  @Column({ type: 'varchar', length: 1000 }) source: string;
}

@Entity({ name: 'annual_report' })
export class AnnualReportOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @PrimaryColumn({ type: 'int' }) reportYear: number;
  @Column({ type: 'varchar', length: 6 }) registeringAuthority: string;
  @Column({ ...DATETIME6 }) submittedAt: Date;
  @Column({ type: 'varchar', length: 120 }) submittedBy: string;
  @Column({ type: 'varchar', length: 10 }) dueDate: string;
  @Column({ type: 'varchar', length: 120 }) ruleVersion: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) outcome: 'PASS' | 'BASIC_PASS' | 'FAIL' | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) reviewedBy: string | null;
  @Column({ ...DATETIME6, nullable: true }) reviewedAt: Date | null;
}

/** One row per organization and cycle found overdue: the primary key makes the overdue event once-only. */
@Entity({ name: 'annual_report_overdue' })
export class AnnualReportOverdueOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @PrimaryColumn({ type: 'int' }) reportYear: number;
  @Column({ type: 'varchar', length: 10 }) dueDate: string;
  @Column({ ...DATETIME6 }) detectedAt: Date;
  @Column({ type: 'varchar', length: 120 }) ruleVersion: string;
}

/** The organization's register entry after each event: full history and asOf reads (public fields only). */
@Entity({ name: 'organization_version' })
@Index('ux_organization_version', ['uscc', 'seq'], { unique: true })
export class OrganizationVersionOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'varchar', length: 40 }) changeType: OrganizationChangeType;
  @Column({ ...DATETIME6 }) effectiveAt: Date;
  @Column({ ...DATETIME6 }) recordedAt: Date;
  @Column({ type: 'varchar', length: 120 }) recordedBy: string;
  /** JSON RegisterEntry. */
  @Column({ type: 'text' }) entry: string;
  /** JSON: changed fields, reasons, legal basis, policy version. */
  @Column({ type: 'text', nullable: true }) details: string | null;
}

const bool = { to: (v: boolean) => (v ? 1 : 0), from: (v: number | boolean) => v === true || Number(v) === 1 };

/** The columns of a Party-organization record (regulations §5.1 trigger 2), shared by the history and the current state. */
abstract class PartyOrganizationColumns {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 6 }) registeringAuthority: string;
  @Column({ type: 'varchar', length: 20 }) form: PartyOrganizationForm;
  @Column({ type: 'int' }) fullPartyMembers: number;
  @Column({ type: 'varchar', length: 200, nullable: true }) organizationName: string | null;
  @Column({ type: 'varchar', length: 18, nullable: true }) jointWithUscc: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) establishedOn: string | null;
  @Column({ type: 'varchar', length: 20 }) source: PartyRecordSource;
  @Column({ type: 'int', nullable: true, transformer: intOrNull }) reportYear: number | null;
  @Column({ ...DATETIME6 }) effectiveAt: Date;
  @Column({ ...DATETIME6 }) recordedAt: Date;
  @Column({ type: 'varchar', length: 120 }) recordedBy: string;
  @Column({ type: 'varchar', length: 20 }) requiredCoverage: RequiredCoverage;
  @Column({ type: 'int', transformer: bool }) covered: boolean;
  @Column({ ...DATETIME6, nullable: true }) uncoveredSince: Date | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) dueOn: string | null;
  @Column({ type: 'varchar', length: 120 }) ruleVersion: string;
}

/** An organization's Party-organization history: append-only, one row per record. */
@Entity({ name: 'party_organization_record' })
export class PartyOrganizationRecordOrmEntity extends PartyOrganizationColumns {
  @PrimaryColumn({ type: 'int' }) seq: number;
}

/** The current Party-organization state per organization, with the uncovered episode and the one reported overdue. */
@Entity({ name: 'party_organization_status' })
@Index('ix_party_status_uncovered', ['covered', 'dueOn'])
export class PartyOrganizationStatusOrmEntity extends PartyOrganizationColumns {
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'int' }) episode: number;
  @Column({ type: 'int', nullable: true, transformer: intOrNull }) overdueEpisode: number | null;
}

export const REGISTRATION_ENTITIES = [
  PartyOrganizationRecordOrmEntity,
  PartyOrganizationStatusOrmEntity,
  OrganizationVersionOrmEntity,
  AnnualReportCycleOrmEntity,
  AnnualReportCycleDueDateOrmEntity,
  AnnualReportOrmEntity,
  AnnualReportOverdueOrmEntity,
  ApplicationOrmEntity,
  OrganizationOrmEntity,
  UsccSerialOrmEntity,
  PolicyVersionOrmEntity,
  RegimeRuleOrmEntity,
  PolicyActivationOrmEntity,
  PersonalDataOrmEntity,
];
