import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertJurisdiction } from '@sop/auth';
import {
  OrganizationChanged,
  OrganizationDeregistered,
  OrganizationRevoked,
  type OrganizationChangedV1,
  type OrganizationDeregisteredV1,
  type OrganizationRevokedV1,
} from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { Clock, ProblemError } from '@sop/util';
import { checkDeregistration, checkRevocation, planChange, type ChangeRequest, type RegisterEntry } from '../domain/organization-lifecycle';
import { registerEntryOf, RegistrationStore, type OrganizationRecord, type OrganizationVersion } from './registration.ports';

/**
 * After registration: change registration, deregistration after liquidation, revocation — each a state change,
 * a history version and an event in one transaction, by a registrar in jurisdiction. Reads: full history and asOf.
 */
@Injectable()
export class OrganizationLifecycleService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: RegistrationStore,
    private readonly clock: Clock,
  ) {}

  async change(uscc: string, request: ChangeRequest & { supervisingUnitApprovedOn?: Date }, principal: Principal): Promise<OrganizationRecord> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const o = await this.locked(tx, uscc, principal);
      const application = await this.store.findApplication(tx, o.applicationId);
      const { supervisingUnitApprovedOn, ...fields } = request;
      const changes = planChange(uscc, registerEntryOf(o), fields, {
        now,
        foundationType: application?.snapshot.foundationType ?? null,
        supervisingUnitApprovedOn: supervisingUnitApprovedOn ?? null,
      });
      if (fields.name !== undefined && fields.name !== o.name && (await this.store.nameTaken(tx, o.registeringAuthority, fields.name))) {
        throw ProblemError.conflict('REGISTRATION.NAME_TAKEN', `the name "${fields.name}" is already used under registering authority ${o.registeringAuthority} (社会组织名称管理办法)`);
      }
      const patch = Object.fromEntries(changes.map((c) => [c.field, fields[c.field]])) as Partial<OrganizationRecord>;
      const updated = { ...o, ...patch };
      await this.store.updateOrganization(tx, uscc, patch);
      await this.record(tx, updated, 'CHANGED', now, principal, { changes });
      await tx.publish<OrganizationChangedV1>({
        type: OrganizationChanged.type,
        subject: uscc,
        data: { uscc, registeringAuthority: o.registeringAuthority, changes, effectiveAt: now.toISOString() },
      });
      return updated;
    });
  }

  async deregister(uscc: string, input: { reason: string; liquidationCompletedOn: Date }, principal: Principal): Promise<OrganizationRecord> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const o = await this.locked(tx, uscc, principal);
      const { filedLate } = checkDeregistration(uscc, registerEntryOf(o), input.liquidationCompletedOn, input.reason, now);
      const updated: OrganizationRecord = { ...o, status: 'DEREGISTERED' };
      await this.store.updateOrganization(tx, uscc, { status: 'DEREGISTERED' });
      const liquidationCompletedOn = input.liquidationCompletedOn.toISOString().slice(0, 10);
      await this.record(tx, updated, 'DEREGISTERED', now, principal, { reason: input.reason, liquidationCompletedOn, filedLate });
      await tx.publish<OrganizationDeregisteredV1>({
        type: OrganizationDeregistered.type,
        subject: uscc,
        data: { uscc, registeringAuthority: o.registeringAuthority, reason: input.reason, liquidationCompletedOn, filedLate, deregisteredAt: now.toISOString() },
      });
      return updated;
    });
  }

  async revoke(uscc: string, input: { reason: string; legalBasis: string }, principal: Principal): Promise<OrganizationRecord> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const o = await this.locked(tx, uscc, principal);
      checkRevocation(uscc, registerEntryOf(o), input.reason, input.legalBasis);
      const updated: OrganizationRecord = { ...o, status: 'REVOKED' };
      await this.store.updateOrganization(tx, uscc, { status: 'REVOKED' });
      await this.record(tx, updated, 'REVOKED', now, principal, { reason: input.reason, legalBasis: input.legalBasis });
      await tx.publish<OrganizationRevokedV1>({
        type: OrganizationRevoked.type,
        subject: uscc,
        data: { uscc, registeringAuthority: o.registeringAuthority, reason: input.reason, legalBasis: input.legalBasis, revokedAt: now.toISOString() },
      });
      return updated;
    });
  }

  async history(uscc: string): Promise<OrganizationVersion[]> {
    const versions = await this.store.organizationHistory(uscc);
    if (!versions.length) throw ProblemError.notFound('REGISTRATION.ORGANIZATION_NOT_FOUND', `no organization with USCC ${uscc}`);
    return versions;
  }

  /** The register entry in effect at `asOf` (effective time). */
  async asOf(uscc: string, asOf: Date): Promise<{ entry: RegisterEntry; version: OrganizationVersion }> {
    const versions = (await this.history(uscc)).filter((v) => v.effectiveAt.getTime() <= asOf.getTime());
    if (!versions.length) throw ProblemError.notFound('REGISTRATION.ORGANIZATION_NOT_REGISTERED_AT', `${uscc} was not registered at ${asOf.toISOString()}`);
    const version = versions.reduce((a, b) => (b.effectiveAt.getTime() > a.effectiveAt.getTime() || (b.effectiveAt.getTime() === a.effectiveAt.getTime() && b.seq > a.seq) ? b : a));
    return { entry: version.entry, version };
  }

  private async locked(tx: Tx, uscc: string, principal: Principal): Promise<OrganizationRecord> {
    const o = await this.store.lockOrganization(tx, uscc);
    if (!o) throw ProblemError.notFound('REGISTRATION.ORGANIZATION_NOT_FOUND', `no organization with USCC ${uscc}`);
    assertJurisdiction(principal, o.registeringAuthority, `organization ${uscc}`);
    return o;
  }

  private record(tx: Tx, o: OrganizationRecord, changeType: OrganizationVersion['changeType'], now: Date, principal: Principal, details: Record<string, unknown>) {
    return this.store.appendOrganizationVersion(tx, { uscc: o.uscc, changeType, effectiveAt: now, recordedAt: now, recordedBy: principal.subject, entry: registerEntryOf(o), details });
  }
}
