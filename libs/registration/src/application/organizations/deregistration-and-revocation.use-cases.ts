import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertWithinReach } from '@sop/auth';
import { OrganizationDeregistered, OrganizationRevoked } from '@sop/contracts';
import { UnitOfWork, type Tx, OfficialCalendars } from '@sop/messaging';
import { Clock, type CivilDate } from '@sop/util';
import { checkDeregistration, checkRevocation } from '../../domain/organization-lifecycle';
import type { RevocationRequest } from '../../domain/revocation-grounds';
import { OrganizationStore, registerEntryOf, type OrganizationRecord, type OrganizationVersion, organizationNotFound } from './organizations.ports';

/**
 * The end of an organization's registration, by a registrar in jurisdiction: deregistration after liquidation
 * (社团条例 Art. 19-21) or revocation on an enumerated ground (社团条例 Art. 29; 民非条例 Art. 24; 基金会条例 Art. 41) — the status, a history version and the event in one transaction.
 */
@Injectable()
export class DeregistrationAndRevocation {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationStore,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  async deregister(uscc: string, input: { reason: string; liquidationCompletedOn: CivilDate }, principal: Principal): Promise<OrganizationRecord> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const o = await this.lockedInJurisdiction(tx, uscc, principal);
      const { filedLate, filingDueOn } = checkDeregistration(uscc, registerEntryOf(o), input.liquidationCompletedOn, input.reason, now, this.calendars.current());
      const updated: OrganizationRecord = { ...o, status: 'DEREGISTERED' };
      await this.organizations.updateOrganization(tx, uscc, { status: 'DEREGISTERED' });
      const liquidationCompletedOn = input.liquidationCompletedOn;
      await this.record(tx, updated, 'DEREGISTERED', now, principal, { reason: input.reason, liquidationCompletedOn, filingDueOn, filedLate });
      await tx.publish(OrganizationDeregistered, { subject: uscc,
        data: { uscc, registeringAuthority: o.registeringAuthority, reason: input.reason, liquidationCompletedOn, filedLate, deregisteredAt: now.toISOString() },
      });
      return updated;
    });
  }

  /**
   * Revocation on an enumerated ground (regulations §1: 社团条例 Art. 29; 民非条例 Art. 24; 基金会条例 Art. 41), the
   * request naming whether the certificate is revoked (吊销) or the registration cancelled (撤销); the legal basis
   * follows from the ground and the form, and the register, its history and OrganizationRevoked record all three.
   */
  async revoke(uscc: string, input: RevocationRequest, principal: Principal): Promise<OrganizationRecord> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const o = await this.lockedInJurisdiction(tx, uscc, principal);
      const { ground, revocationKind, legalBasis } = checkRevocation(uscc, registerEntryOf(o), o, input, now);
      const updated: OrganizationRecord = { ...o, status: 'REVOKED', revocationKind };
      await this.organizations.updateOrganization(tx, uscc, { status: 'REVOKED', revocationKind });
      await this.record(tx, updated, 'REVOKED', now, principal, { reason: input.reason, ground, revocationKind, legalBasis });
      await tx.publish(OrganizationRevoked, { subject: uscc,
        data: { uscc, registeringAuthority: o.registeringAuthority, reason: input.reason, legalBasis, ground, revocationKind, revokedAt: now.toISOString() },
      });
      return updated;
    });
  }

  private async lockedInJurisdiction(tx: Tx, uscc: string, principal: Principal): Promise<OrganizationRecord> {
    const o = await this.organizations.requireLocked(tx, uscc);
    assertWithinReach(principal, o.registeringAuthority, () => organizationNotFound(uscc));
    return o;
  }

  private record(tx: Tx, o: OrganizationRecord, changeType: OrganizationVersion['changeType'], now: Date, principal: Principal, details: Record<string, unknown>) {
    return this.organizations.appendOrganizationVersion(tx, { uscc: o.uscc, changeType, effectiveAt: now, recordedAt: now, recordedBy: principal.subject, entry: registerEntryOf(o), details });
  }
}
