import { Injectable } from '@nestjs/common';
import { Clock } from '@sop/util';
import { assertKnownAtNotInFuture, versionInEffect } from '../../domain/bitemporal-register';
import type { RegisterEntry } from '../../domain/organization-lifecycle';
import { RegistrationErrors } from '../../domain/registration.errors';
import { organizationNotFound, OrganizationStore, type OrganizationRecord, type OrganizationVersion } from './organizations.ports';

/**
 * The public register: an organization's entry now, its full history, and the entry in effect at an instant (asOf),
 * optionally as it had been recorded by an instant (knownAt; regulations §1.1, 社团条例 Art. 23 public announcement).
 *
 * Recording times come from organization_version.recorded_at, written in the same transaction as each lifecycle
 * event (registration, change, conversion, deregistration, revocation). What cannot be known for old rows: the
 * organizations registered before the history existed got one backfilled version (migration 1732600000300) with
 * recorded_at = effective_at = organization.registered_at and the entry as it stood at migration time — when they
 * were really recorded, and any change they had before the migration (its content, effect and recording time), was
 * never stored. For them a knownAt read shows that entry from registration on.
 */
@Injectable()
export class OrganizationReads {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly clock: Clock,
  ) {}

  getOrganization(uscc: string): Promise<OrganizationRecord> {
    return this.organizations.requireOrganization(uscc);
  }

  async history(uscc: string): Promise<OrganizationVersion[]> {
    const versions = await this.organizations.organizationHistory(uscc);
    if (!versions.length) throw organizationNotFound(uscc);
    return versions;
  }

  /**
   * The register entry in effect at `asOf` (effective time) among the versions recorded by `knownAt` (recording time;
   * not in the future). `asOf` defaults to `knownAt` when only `knownAt` is given.
   */
  async asOf(uscc: string, asOf: Date | undefined, knownAt?: Date): Promise<{ entry: RegisterEntry; version: OrganizationVersion }> {
    if (knownAt) assertKnownAtNotInFuture(knownAt, this.clock.now());
    const effective = asOf ?? knownAt;
    if (!effective) throw new Error('asOf or knownAt is required');
    const version = versionInEffect(await this.history(uscc), effective, knownAt);
    if (!version) {
      const known = knownAt ? ` as recorded by ${knownAt.toISOString()}` : '';
      throw new RegistrationErrors.ORGANIZATION_NOT_REGISTERED_AT(`${uscc} was not registered at ${effective.toISOString()}${known}`);
    }
    return { entry: version.entry, version };
  }
}
