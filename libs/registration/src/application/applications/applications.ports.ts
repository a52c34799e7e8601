import type { Tx } from '@sop/messaging';
import type { ApplicationFact } from '../../domain/regime-metrics';
import type { RegistrationApplication } from '../../domain/registration-application';
import { RegistrationErrors } from '../../domain/registration.errors';

/** Persistence port of applications for registration; every call with a Tx runs in the caller's transaction. */
export abstract class ApplicationStore {
  /** A new application (one INSERT; saveApplication reads the row first to choose between insert and update). */
  abstract addApplication(tx: Tx, application: RegistrationApplication): Promise<void>;
  /** An application that exists (read in the same transaction), with its changes. */
  abstract saveApplication(tx: Tx, application: RegistrationApplication): Promise<void>;
  abstract findApplication(tx: Tx | null, id: string, forUpdate?: boolean): Promise<RegistrationApplication | null>;
  abstract listApplicationsNamingUnit(unitId: string, limit: number): Promise<RegistrationApplication[]>;
  abstract listPendingApplications(tx: Tx, registeringAuthorityPrefix: string): Promise<RegistrationApplication[]>;
  /** Is the name used under the authority by a registered organization or a pending application (one name per organization)? */
  abstract nameTaken(tx: Tx, registeringAuthority: string, name: string, exceptApplicationId?: string): Promise<boolean>;
  /** Facts of the applications submitted in [from, to) under a registering-authority prefix (metrics). */
  abstract applicationFacts(registeringAuthorityPrefix: string, from: Date, to: Date): Promise<ApplicationFact[]>;

  /** The application, or APPLICATION_NOT_FOUND; `forUpdate` locks its row (MySQL) so decisions serialize. */
  async requireApplication(tx: Tx | null, id: string, forUpdate = false): Promise<RegistrationApplication> {
    const application = await this.findApplication(tx, id, forUpdate);
    if (!application) throw applicationNotFound(id);
    return application;
  }
}

/** The one answer for an application that does not exist or is outside the caller's reach. */
export function applicationNotFound(id: string) {
  return new RegistrationErrors.APPLICATION_NOT_FOUND(`no application ${id}`);
}
