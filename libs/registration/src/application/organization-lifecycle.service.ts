import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertJurisdiction } from '@sop/auth';
import {
  OrganizationChanged,
  OrganizationDeregistered,
  OrganizationRevoked,
} from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { Clock, ProblemError } from '@sop/util';
import { checkDeregistration, checkRevocation, LEGAL_REPRESENTATIVE_FIELD, planChange, resolveEffectiveAt, type ChangeRequest, type RegisterEntry } from '../domain/organization-lifecycle';
import { maskResidentId, normalizeResidentId } from '../domain/resident-id';
import { PiiProtector, registerEntryOf, RegistrationStore, type OrganizationRecord, type OrganizationVersion } from './registration.ports';

export interface LegalRepresentativeView {
  name: string;
  effectiveFrom: Date;
  supersededAt: Date | null;
  current: boolean;
  /** 110***********1234 for registrars in jurisdiction only. */
  idNumberMasked?: string;
}

/**
 * After registration: change registration, deregistration after liquidation, revocation — each a state change,
 * a history version and an event in one transaction, by a registrar in jurisdiction. Reads: full history and asOf.
 */
@Injectable()
export class OrganizationLifecycleService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: RegistrationStore,
    private readonly pii: PiiProtector,
    private readonly clock: Clock,
  ) {}

  /**
   * Change registration of register items, including the legal representative (社团条例 Art. 18; 民非条例 Art. 15;
   * 基金会条例 Art. 15), effective on a stated day. A new legal representative's ID number is validated (GB 11643),
   * stored encrypted like the application's and never published; events and history carry the name only.
   */
  async change(uscc: string, request: ChangeRequest & { supervisingUnitApprovedOn?: Date; effectiveOn?: Date }, principal: Principal): Promise<OrganizationRecord> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const o = await this.locked(tx, uscc, principal);
      const application = await this.store.findApplication(tx, o.applicationId);
      const { supervisingUnitApprovedOn, effectiveOn, ...fields } = request;
      const latestEffectiveAt = (await this.store.organizationHistory(uscc)).reduce<Date | null>((max, v) => (!max || v.effectiveAt > max ? v.effectiveAt : max), null);
      const effectiveAt = resolveEffectiveAt(effectiveOn, now, latestEffectiveAt);
      const legalRepresentatives = fields.legalRepresentative ? await this.store.legalRepresentativesOf(tx, o.applicationId) : [];
      const current = legalRepresentatives.find((r) => !r.supersededAt) ?? null;
      const changes = planChange(uscc, registerEntryOf(o), fields, {
        now,
        foundationType: application?.snapshot.foundationType ?? null,
        supervisingUnitApprovedOn: supervisingUnitApprovedOn ?? null,
        currentLegalRepresentativeIdNumber: current ? this.pii.decrypt(current.idNumberCipher) : null,
      });
      if (fields.name !== undefined && fields.name !== o.name && (await this.store.nameTaken(tx, o.registeringAuthority, fields.name))) {
        throw ProblemError.conflict('REGISTRATION.NAME_TAKEN', `the name "${fields.name}" is already used under registering authority ${o.registeringAuthority} (社会组织名称管理办法)`);
      }
      const patch: Partial<OrganizationRecord> = {};
      for (const c of changes) {
        if (c.field === LEGAL_REPRESENTATIVE_FIELD) patch.legalRepresentativeName = c.to;
        else Object.assign(patch, { [c.field]: fields[c.field] });
      }
      if (fields.legalRepresentative && changes.some((c) => c.field === LEGAL_REPRESENTATIVE_FIELD)) {
        const idNumber = normalizeResidentId(fields.legalRepresentative.idNumber);
        const idNumberIndex = this.pii.blindIndex(idNumber);
        // 社团条例 Art. 12: a social group's legal representative may not represent another social group at the same time.
        if (o.form === 'SOCIAL_GROUP' && (await this.store.legalRepresentativeOfSocialGroup(tx, idNumberIndex, o.applicationId))) {
          throw ProblemError.unprocessable(
            'REGISTRATION.LEGAL_REPRESENTATIVE_OF_ANOTHER_GROUP',
            'the new legal representative already represents (or is proposed for) another social group (社团条例 Art. 12)',
            [{ field: 'legalRepresentative.idNumber', rule: 'oneSocialGroupPerLegalRepresentative', message: '社团条例 Art. 12' }],
          );
        }
        await this.store.supersedeLegalRepresentative(tx, o.applicationId, effectiveAt);
        await this.store.savePersonalData(tx, [
          {
            applicationId: o.applicationId,
            personRole: 'LEGAL_REPRESENTATIVE',
            position: legalRepresentatives.length,
            name: patch.legalRepresentativeName ?? o.legalRepresentativeName,
            title: null,
            idNumberCipher: this.pii.encrypt(idNumber),
            idNumberIndex,
            uscc,
            effectiveFrom: effectiveAt,
            supersededAt: null,
          },
        ]);
      }
      const updated = { ...o, ...patch };
      if (Object.keys(patch).length) await this.store.updateOrganization(tx, uscc, patch);
      const auditReportReference = changes.some((c) => c.field === LEGAL_REPRESENTATIVE_FIELD) ? fields.auditReportReference?.trim() || undefined : undefined;
      await this.store.appendOrganizationVersion(tx, {
        uscc,
        changeType: 'CHANGED',
        effectiveAt,
        recordedAt: now,
        recordedBy: principal.subject,
        entry: registerEntryOf(updated),
        details: { changes, ...(auditReportReference ? { auditReportReference } : {}) },
      });
      await tx.publish(OrganizationChanged, { subject: uscc,
        data: { uscc, registeringAuthority: o.registeringAuthority, changes, effectiveAt: effectiveAt.toISOString() },
      });
      return updated;
    });
  }

  /**
   * The organization's legal representatives over time, for registrars and auditors in jurisdiction; the ID number
   * only masked and only for registrars (as for applications).
   */
  async legalRepresentatives(uscc: string, principal: Principal): Promise<LegalRepresentativeView[]> {
    const o = await this.store.findOrganization(uscc);
    if (!o) throw ProblemError.notFound('REGISTRATION.ORGANIZATION_NOT_FOUND', `no organization with USCC ${uscc}`);
    assertJurisdiction(principal, o.registeringAuthority, `organization ${uscc}`);
    const showMasked = principal.roles.includes('registrar');
    return (await this.store.legalRepresentativesOf(null, o.applicationId)).map((r) => ({
      name: r.name,
      effectiveFrom: r.effectiveFrom ?? o.registeredAt,
      supersededAt: r.supersededAt ?? null,
      current: !r.supersededAt,
      ...(showMasked ? { idNumberMasked: maskResidentId(this.pii.decrypt(r.idNumberCipher)) } : {}),
    }));
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
      await tx.publish(OrganizationDeregistered, { subject: uscc,
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
      await tx.publish(OrganizationRevoked, { subject: uscc,
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
