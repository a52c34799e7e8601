import type { Tx } from '@sop/messaging';
import type { OrganizationForm } from '@sop/contracts';
import type { RegistrationApplication } from '../domain/registration-application';

export interface OrganizationRecord {
  uscc: string;
  applicationId: string;
  name: string;
  form: OrganizationForm;
  category: string;
  registeringAuthority: string;
  domicile: string;
  purpose: string;
  legalRepresentativeName: string;
  registeredCapitalFen: number;
  regime: string;
  policyVersion: string;
  status: 'REGISTERED';
  registeredAt: Date;
}

/** Persistence port of the registration use cases; every call runs in the caller's transaction. */
export abstract class RegistrationStore {
  abstract saveApplication(tx: Tx, application: RegistrationApplication): Promise<void>;
  abstract findApplication(tx: Tx | null, id: string): Promise<RegistrationApplication | null>;
  abstract nameTaken(tx: Tx, registeringAuthority: string, name: string, exceptApplicationId?: string): Promise<boolean>;
  abstract allocateUscc(tx: Tx, form: OrganizationForm, registeringAuthority: string): Promise<string>;
  abstract insertOrganization(tx: Tx, organization: OrganizationRecord): Promise<void>;
  abstract findOrganization(uscc: string): Promise<OrganizationRecord | null>;
}
