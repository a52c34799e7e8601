import type { Tx } from '@sop/messaging';
import type { EndedRegistrationStatus, RegistrationStatus } from '../../domain/registration-status';

/** What OrganizationRegistered tells evaluation about an organization (its projection, upserted by USCC). */
export interface RegisteredOrganization {
  uscc: string;
  name: string;
  form: string;
  category: string;
  registeringAuthority: string;
  registeredAt: Date;
  eligibleFrom: Date;
  /** The OrganizationRegistered event projected. */
  lastEventId: string;
}

export interface EvaluationOrganization extends Omit<RegisteredOrganization, 'lastEventId'> {
  /** ACTIVE until registration reports a revocation or deregistration. */
  registrationStatus: RegistrationStatus;
  /** When the registration was revoked / deregistered (the event's revokedAt / deregisteredAt); null while ACTIVE. */
  registrationStatusAt: Date | null;
  /** The OrganizationRevoked / OrganizationDeregistered event that set the status; null while ACTIVE. */
  registrationStatusEventId: string | null;
  /** The investigation flag as an evaluator last set it; null / absent: never set. */
  investigation?: InvestigationRecord | null;
}

/**
 * "Under investigation by government or judicial organs" (Order 39 Art. 7, regulations §6): no event of another
 * service carries it, so an evaluator records it (and lifts it) with its basis.
 */
export interface InvestigationRecord {
  underInvestigation: boolean;
  /** The investigating organ and its reference, or why the investigation ended. */
  basis: string;
  recordedAt: Date;
  recordedBy: string;
}

/** Evaluation's view of the organizations registration reports. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class OrganizationStore {
  abstract organization(tx: Tx | null, uscc: string): Promise<EvaluationOrganization | null>;
  /** Serializes decisions about one organization (row lock where the database has them). */
  abstract lockOrganization(tx: Tx, uscc: string): Promise<void>;
  /** Inserts the organization, or updates what registration reported (its registration status is left as it is). */
  abstract saveRegistered(tx: Tx, organization: RegisteredOrganization): Promise<void>;
  abstract setInvestigation(tx: Tx, uscc: string, investigation: InvestigationRecord): Promise<void>;
  abstract setRegistrationStatus(tx: Tx, uscc: string, status: EndedRegistrationStatus, at: Date, eventId: string): Promise<void>;
}
