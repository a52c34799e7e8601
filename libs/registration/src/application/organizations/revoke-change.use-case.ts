import { Injectable } from '@nestjs/common';
import { assertWithinReach, type Principal } from '@sop/auth';
import { OrganizationChangeRevoked } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { CHANGE_REVOCATION_BASIS, planChangeRevocation } from '../../domain/change-revocation';
import { LEGAL_REPRESENTATIVE_FIELD } from '../../domain/organization-lifecycle';
import { RegistrationErrors } from '../../domain/registration.errors';
import { PersonalDataStore } from '../personal-data/personal-data.ports';
import { OrganizationStore, registerEntryOf, type OrganizationRecord, organizationNotFound } from './organizations.ports';

export interface ChangeRevocationInput {
  fraudulent: boolean;
  reason: string;
  legalBasis?: string;
}

/**
 * Revocation of a change registration (撤销变更登记) by a registrar in jurisdiction: the register items the change
 * set are restored (a legal representative's personal data with them), a CHANGE_REVOKED history version is
 * appended, and OrganizationChangeRevoked is published, all in one transaction. A fraudulent change is serious-list
 * trigger 2 (regulations §5.2), which credit supervision derives from this event.
 * The restoration takes effect when decided (effectiveAt = now); the event also carries when the change had taken
 * effect, so a reader can see the period in which the register showed the fraudulent values.
 */
@Injectable()
export class RevokeChange {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationStore,
    private readonly people: PersonalDataStore,
    private readonly clock: Clock,
  ) {}

  async revoke(uscc: string, changeSeq: number, input: ChangeRevocationInput, principal: Principal): Promise<OrganizationRecord> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const o = await this.organizations.requireLocked(tx, uscc);
      assertWithinReach(principal, o.registeringAuthority, () => organizationNotFound(uscc));
      if (o.status !== 'REGISTERED') throw new RegistrationErrors.ORGANIZATION_NOT_ACTIVE(`${uscc} is ${o.status.toLowerCase()}`);
      const { change, restored } = planChangeRevocation(await this.organizations.organizationHistory(uscc), changeSeq, registerEntryOf(o));
      const patch: Partial<OrganizationRecord> = {};
      for (const r of restored) {
        if (r.field === 'registeredCapitalFen') patch.registeredCapitalFen = Number(r.to);
        else Object.assign(patch, { [r.field]: r.to });
      }
      if (restored.some((r) => r.field === LEGAL_REPRESENTATIVE_FIELD)) await this.restoreLegalRepresentative(tx, o, change.effectiveAt, now);
      await this.organizations.updateOrganization(tx, uscc, patch);
      const updated = { ...o, ...patch };
      const legalBasis = input.legalBasis?.trim() || CHANGE_REVOCATION_BASIS;
      await this.organizations.appendOrganizationVersion(tx, {
        uscc,
        changeType: 'CHANGE_REVOKED',
        effectiveAt: now,
        recordedAt: now,
        recordedBy: principal.subject,
        entry: registerEntryOf(updated),
        details: { revokedSeq: changeSeq, restored, fraudulent: input.fraudulent, reason: input.reason, legalBasis, changeEffectiveAt: change.effectiveAt.toISOString() },
      });
      await tx.publish(OrganizationChangeRevoked, {
        subject: uscc,
        data: {
          uscc,
          registeringAuthority: o.registeringAuthority,
          changeSeq,
          restored,
          fraudulent: input.fraudulent,
          reason: input.reason,
          legalBasis,
          changeEffectiveAt: change.effectiveAt.toISOString(),
          revokedAt: now.toISOString(),
        },
      });
      return updated;
    });
  }

  /** The representative the change replaced becomes current again (same encrypted ID number and blind index). */
  private async restoreLegalRepresentative(tx: Parameters<PersonalDataStore['savePersonalData']>[0], o: OrganizationRecord, changeEffectiveAt: Date, now: Date) {
    const reps = await this.people.legalRepresentativesOf(tx, o.applicationId);
    const replaced = reps
      .filter((r) => r.supersededAt && r.supersededAt.getTime() <= changeEffectiveAt.getTime())
      .sort((a, b) => (b.supersededAt as Date).getTime() - (a.supersededAt as Date).getTime())[0];
    if (!replaced) return;
    await this.people.supersedeLegalRepresentative(tx, o.applicationId, now);
    await this.people.savePersonalData(tx, [{ ...replaced, position: reps.length, uscc: o.uscc, effectiveFrom: now, supersededAt: null }]);
  }
}
