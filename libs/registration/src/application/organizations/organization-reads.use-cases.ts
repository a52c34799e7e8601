import { Injectable } from '@nestjs/common';
import type { RegisterEntry } from '../../domain/organization-lifecycle';
import { RegistrationErrors } from '../../domain/registration.errors';
import { organizationNotFound, OrganizationStore, type OrganizationRecord, type OrganizationVersion } from './organizations.ports';

/** The public register: an organization's entry now, its full history, and the entry in effect at an instant (asOf). */
@Injectable()
export class OrganizationReads {
  constructor(private readonly organizations: OrganizationStore) {}

  getOrganization(uscc: string): Promise<OrganizationRecord> {
    return this.organizations.requireOrganization(uscc);
  }

  async history(uscc: string): Promise<OrganizationVersion[]> {
    const versions = await this.organizations.organizationHistory(uscc);
    if (!versions.length) throw organizationNotFound(uscc);
    return versions;
  }

  /** The register entry in effect at `asOf` (effective time). */
  async asOf(uscc: string, asOf: Date): Promise<{ entry: RegisterEntry; version: OrganizationVersion }> {
    const versions = (await this.history(uscc)).filter((v) => v.effectiveAt.getTime() <= asOf.getTime());
    if (!versions.length) throw new RegistrationErrors.ORGANIZATION_NOT_REGISTERED_AT(`${uscc} was not registered at ${asOf.toISOString()}`);
    const version = versions.reduce((a, b) => (b.effectiveAt.getTime() > a.effectiveAt.getTime() || (b.effectiveAt.getTime() === a.effectiveAt.getTime() && b.seq > a.seq) ? b : a));
    return { entry: version.entry, version };
  }
}
