import type { Tx } from '@sop/messaging';
import type { OrganizationCategory, OrganizationForm, Regime, UnitRole } from '@sop/contracts';
import type { RegistrationApplication } from '../domain/registration-application';
import type { RuleSetVersion } from '../domain/registration-policy';
import type { AnnualReportCycle, AnnualReportOutcome } from '../domain/annual-report-cycle';
import type { ApplicationFact } from '../domain/regime-metrics';
import type { OrganizationChangeType, OrganizationStatus, RegisterEntry } from '../domain/organization-lifecycle';

export interface OrganizationRecord {
  uscc: string;
  applicationId: string;
  name: string;
  form: OrganizationForm;
  category: OrganizationCategory;
  registeringAuthority: string;
  domicile: string;
  purpose: string;
  legalRepresentativeName: string;
  registeredCapitalFen: number;
  regime: Regime;
  policyVersion: string;
  status: OrganizationStatus;
  registeredAt: Date;
  unitId: string | null;
  unitName: string | null;
  unitRole: UnitRole | null;
}

export interface OrganizationVersion {
  uscc: string;
  seq: number;
  changeType: OrganizationChangeType;
  effectiveAt: Date;
  recordedAt: Date;
  recordedBy: string;
  entry: RegisterEntry;
  details: Record<string, unknown> | null;
}

export function registerEntryOf(o: OrganizationRecord): RegisterEntry {
  return {
    name: o.name,
    form: o.form,
    registeringAuthority: o.registeringAuthority,
    domicile: o.domicile,
    purpose: o.purpose,
    legalRepresentativeName: o.legalRepresentativeName,
    registeredCapitalFen: o.registeredCapitalFen,
    regime: o.regime,
    unitName: o.unitName,
    unitRole: o.unitRole,
    status: o.status,
  };
}

export type PersonRole = 'LEGAL_REPRESENTATIVE' | 'OFFICER';

/** A row of the restricted personal-data table: the ID number only as ciphertext and blind index. */
export interface PersonalDataRecord {
  applicationId: string;
  personRole: PersonRole;
  position: number;
  name: string;
  title: string | null;
  idNumberCipher: string;
  idNumberIndex: string;
  /** Legal representatives registered by a change: the organization and the day it took effect (null: from the application). */
  uscc?: string | null;
  effectiveFrom?: Date | null;
  /** Set when a later change of legal representative replaced this person (社团条例 Art. 12 checks only current ones). */
  supersededAt?: Date | null;
}

/** Persistence port of the registration use cases; every call with a Tx runs in the caller's transaction. */
export abstract class RegistrationStore {
  abstract saveApplication(tx: Tx, application: RegistrationApplication): Promise<void>;
  abstract findApplication(tx: Tx | null, id: string, forUpdate?: boolean): Promise<RegistrationApplication | null>;
  abstract listApplicationsNamingUnit(unitId: string, limit: number): Promise<RegistrationApplication[]>;
  abstract listPendingApplications(tx: Tx, registeringAuthorityPrefix: string): Promise<RegistrationApplication[]>;
  abstract nameTaken(tx: Tx, registeringAuthority: string, name: string, exceptApplicationId?: string): Promise<boolean>;
  abstract allocateUscc(tx: Tx, form: OrganizationForm, registeringAuthority: string): Promise<string>;
  abstract insertOrganization(tx: Tx, organization: OrganizationRecord): Promise<void>;
  abstract updateOrganizationUnit(tx: Tx, uscc: string, change: { unitRole: UnitRole; regime: Regime; policyVersion: string }): Promise<void>;
  abstract findOrganization(uscc: string): Promise<OrganizationRecord | null>;
  /** Reads the organization in the transaction, locking its row (MySQL) so lifecycle changes serialize. */
  abstract lockOrganization(tx: Tx, uscc: string): Promise<OrganizationRecord | null>;
  abstract updateOrganization(tx: Tx, uscc: string, patch: Partial<Omit<OrganizationRecord, 'uscc'>>): Promise<void>;
  /** Appends the register entry after a lifecycle event (sequence per organization). */
  abstract appendOrganizationVersion(tx: Tx, version: Omit<OrganizationVersion, 'seq'>): Promise<void>;
  abstract organizationHistory(uscc: string): Promise<OrganizationVersion[]>;
  abstract listOrganizationsWithSupervisingUnit(tx: Tx, registeringAuthorityPrefix: string): Promise<OrganizationRecord[]>;

  /** Facts of the applications submitted in [from, to) under a registering-authority prefix (metrics). */
  abstract applicationFacts(registeringAuthorityPrefix: string, from: Date, to: Date): Promise<ApplicationFact[]>;

  abstract savePersonalData(tx: Tx, rows: PersonalDataRecord[]): Promise<void>;
  /** The people named in the application itself (not legal representatives registered by later changes). */
  abstract findPersonalData(applicationId: string): Promise<PersonalDataRecord[]>;
  /** Every legal representative of the organization registered from this application, oldest first. */
  abstract legalRepresentativesOf(tx: Tx | null, applicationId: string): Promise<PersonalDataRecord[]>;
  /** Marks the current legal representative of the application's organization as replaced at `at`. */
  abstract supersedeLegalRepresentative(tx: Tx, applicationId: string, at: Date): Promise<void>;
  /**
   * Is this person (by blind index) the current legal representative of a registered (still active) social group,
   * or of another pending social-group application?
   */
  abstract legalRepresentativeOfSocialGroup(tx: Tx, idNumberIndex: string, exceptApplicationId?: string): Promise<boolean>;

  abstract policyVersions(tx: Tx | null): Promise<RuleSetVersion[]>;
  abstract insertPolicyVersion(tx: Tx, version: RuleSetVersion): Promise<void>;
  /** Inserts the once-only activation row; false if this version was already activated. */
  abstract recordActivation(tx: Tx, ruleSetId: string, version: number, at: Date, organizationsConverted: number, applicationsRerouted: number): Promise<boolean>;
  abstract updateActivationCounts(tx: Tx, ruleSetId: string, version: number, organizationsConverted: number, applicationsRerouted: number): Promise<void>;
  abstract activatedVersions(tx: Tx | null): Promise<Set<string>>;
}

/**
 * Protection of ID numbers: authenticated encryption for storage and a keyed blind index for equality checks.
 * Implemented in infrastructure (AES-256-GCM, key from REGISTRATION_PII_KEY).
 */
export abstract class PiiProtector {
  abstract encrypt(plaintext: string): string;
  abstract decrypt(ciphertext: string): string;
  abstract blindIndex(plaintext: string): string;
}

export interface AnnualReportRecord {
  uscc: string;
  reportYear: number;
  registeringAuthority: string;
  submittedAt: Date;
  submittedBy: string;
  dueDate: string;
  ruleVersion: string;
  outcome: AnnualReportOutcome | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

export interface OverdueCandidate {
  uscc: string;
  registeringAuthority: string;
}

/** Persistence port of the annual-report cycle. */
export abstract class AnnualReportStore {
  abstract cycles(): Promise<AnnualReportCycle[]>;
  abstract findReport(tx: Tx | null, uscc: string, reportYear: number): Promise<AnnualReportRecord | null>;
  abstract listReports(uscc: string): Promise<AnnualReportRecord[]>;
  abstract insertReport(tx: Tx, report: AnnualReportRecord): Promise<void>;
  abstract saveReview(tx: Tx, uscc: string, reportYear: number, review: { outcome: AnnualReportOutcome; reviewedBy: string; reviewedAt: Date }): Promise<void>;
  /** Registered organizations of `form` in scope (registered before `registeredBefore`) with no report by `dueEnd` and no overdue finding yet. */
  abstract overdueCandidates(form: OrganizationForm, reportYear: number, registeredBefore: Date, dueEnd: Date, limit: number): Promise<OverdueCandidate[]>;
  /** Inserts the once-only finding; false if this organization and cycle were already found overdue. */
  abstract recordOverdue(tx: Tx, finding: { uscc: string; reportYear: number; dueDate: string; detectedAt: Date; ruleVersion: string }): Promise<boolean>;
}
