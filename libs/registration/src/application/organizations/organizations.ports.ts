import type { Tx } from '@sop/messaging';
import type { OrganizationCategory, OrganizationForm, Regime, UnitRole } from '@sop/contracts';
import type { OrganizationChangeType, OrganizationStatus, RegisterEntry } from '../../domain/organization-lifecycle';
import type { RevocationKind } from '../../domain/revocation-grounds';
import { RegistrationErrors } from '../../domain/registration.errors';

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
  /** Set with status REVOKED: 吊销 (CERTIFICATE_REVOKED) or 撤销 (REGISTRATION_CANCELLED) (regulations §1); null otherwise. */
  revocationKind?: RevocationKind | null;
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
    ...(o.revocationKind ? { revocationKind: o.revocationKind } : {}),
  };
}

/** Persistence port of the organization register and its history; every call with a Tx runs in the caller's transaction. */
export abstract class OrganizationStore {
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

  /** The organization, or ORGANIZATION_NOT_FOUND. */
  async requireOrganization(uscc: string): Promise<OrganizationRecord> {
    return orNotFound(uscc, await this.findOrganization(uscc));
  }

  /** The organization locked in the transaction (`lockOrganization`), or ORGANIZATION_NOT_FOUND. */
  async requireLocked(tx: Tx, uscc: string): Promise<OrganizationRecord> {
    return orNotFound(uscc, await this.lockOrganization(tx, uscc));
  }
}

function orNotFound<T>(uscc: string, found: T | null): T {
  if (!found) throw organizationNotFound(uscc);
  return found;
}

export function organizationNotFound(uscc: string) {
  return new RegistrationErrors.ORGANIZATION_NOT_FOUND(`no organization with USCC ${uscc}`);
}
