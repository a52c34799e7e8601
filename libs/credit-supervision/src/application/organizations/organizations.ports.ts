import type { Tx } from '@sop/messaging';
import type { InformationCategory } from '../../domain/registration-facts';

/** The credit service's view of an organization, as registration reported it. */
export interface CreditOrganization {
  uscc: string;
  name: string;
  registeringAuthority: string;
  registrationStatus: string;
  nameEffectiveFrom?: Date | null;
  domicileEffectiveFrom?: Date | null;
}

/** registration.organization.registered: the facts a credit record starts from. */
export interface RegisteredOrganization {
  uscc: string;
  name: string;
  form: string;
  category: string;
  registeringAuthority: string;
  domicile: string;
  registeredAt: Date;
}

/** One piece of credit information (Order 60 Art. 6-7 categories) with its source and capture deadline. */
export interface InformationRecord {
  uscc: string;
  category: InformationCategory;
  factType: string;
  sourceId: string;
  summary: string;
  occurredAt: Date;
  recordedAt: Date;
  captureDeadline: Date;
}

/**
 * Persistence port of the organizations' credit records: the organization projected from registration and the
 * credit information on record. Calls with a Tx run in the caller's transaction; `null` reads outside one.
 */
export abstract class OrganizationStore {
  abstract organization(tx: Tx | null, uscc: string): Promise<CreditOrganization | null>;
  /** Serializes decisions about one organization (row lock where the database has them). */
  abstract lockOrganization(tx: Tx, uscc: string): Promise<void>;
  /** Starts (or, on a repeated registration fact, refreshes) the organization's record with status REGISTERED. */
  abstract registerOrganization(tx: Tx, organization: RegisteredOrganization, now: Date): Promise<void>;
  abstract setRegistrationStatus(tx: Tx, uscc: string, status: string, now: Date): Promise<void>;
  abstract updateRegisterFields(tx: Tx, uscc: string, fields: { name?: string; domicile?: string }, effectiveFrom: Date, now: Date): Promise<void>;
  abstract addInformation(tx: Tx, info: InformationRecord): Promise<void>;
  /** Is credit information from this source already on record? */
  abstract hasInformation(tx: Tx, sourceId: string): Promise<boolean>;
}
