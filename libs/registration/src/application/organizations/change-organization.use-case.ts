import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertWithinReach } from '@sop/auth';
import { OrganizationChanged } from '@sop/contracts';
import { UnitOfWork, OfficialCalendars } from '@sop/messaging';
import { Clock, type CivilDate } from '@sop/util';
import { LEGAL_REPRESENTATIVE_FIELD, planChange, resolveEffectiveAt, type ChangeRequest } from '../../domain/organization-lifecycle';
import { RegistrationErrors } from '../../domain/registration.errors';
import { ApplicationStore } from '../applications/applications.ports';
import { PersonalDataStore } from '../personal-data/personal-data.ports';
import { PersonalDataService } from '../personal-data/personal-data.service';
import { OrganizationStore, registerEntryOf, type OrganizationRecord, organizationNotFound } from './organizations.ports';

/** Civil dates are Beijing dates (YYYY-MM-DD). */
export type ChangeCommand = ChangeRequest & { supervisingUnitApprovedOn?: CivilDate; effectiveOn?: CivilDate };

/**
 * Change registration of register items, including the legal representative (社团条例 Art. 18; 民非条例 Art. 15;
 * 基金会条例 Art. 15), effective on a stated day, by a registrar in jurisdiction: the state change, a history version
 * and OrganizationChanged in one transaction. A new legal representative's ID number is validated (GB 11643),
 * stored encrypted like the application's and never published; events and history carry the name only.
 */
@Injectable()
export class ChangeOrganization {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationStore,
    private readonly applications: ApplicationStore,
    private readonly people: PersonalDataStore,
    private readonly personalData: PersonalDataService,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  async change(uscc: string, request: ChangeCommand, principal: Principal): Promise<OrganizationRecord> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const o = await this.organizations.requireLocked(tx, uscc);
      assertWithinReach(principal, o.registeringAuthority, () => organizationNotFound(uscc));
      const application = await this.applications.findApplication(tx, o.applicationId);
      const { supervisingUnitApprovedOn, effectiveOn, ...fields } = request;
      const latestEffectiveAt = (await this.organizations.organizationHistory(uscc)).reduce<Date | null>((max, v) => (!max || v.effectiveAt > max ? v.effectiveAt : max), null);
      const effectiveAt = resolveEffectiveAt(effectiveOn, now, latestEffectiveAt);
      const legalRepresentatives = fields.legalRepresentative ? await this.people.legalRepresentativesOf(tx, o.applicationId) : [];
      const current = legalRepresentatives.find((r) => !r.supersededAt) ?? null;
      const changes = planChange(uscc, registerEntryOf(o), fields, {
        now,
        foundationType: application?.snapshot.foundationType ?? null,
        supervisingUnitApprovedOn: supervisingUnitApprovedOn ?? null,
        currentLegalRepresentativeIdNumber: current ? this.personalData.reveal(current) : null,
        calendar: this.calendars.current(),
      });
      if (fields.name !== undefined && fields.name !== o.name && (await this.applications.nameTaken(tx, o.registeringAuthority, fields.name))) {
        throw new RegistrationErrors.NAME_TAKEN(`the name "${fields.name}" is already used under registering authority ${o.registeringAuthority} (社会组织名称管理办法)`);
      }
      const patch: Partial<OrganizationRecord> = {};
      for (const c of changes) {
        if (c.field === LEGAL_REPRESENTATIVE_FIELD) patch.legalRepresentativeName = c.to;
        else Object.assign(patch, { [c.field]: fields[c.field] });
      }
      const legalRepresentativeChanged = changes.some((c) => c.field === LEGAL_REPRESENTATIVE_FIELD);
      if (fields.legalRepresentative && legalRepresentativeChanged) {
        const protectedId = this.personalData.protect(fields.legalRepresentative.idNumber);
        // 社团条例 Art. 12: a social group's legal representative may not represent another social group at the same time.
        if (o.form === 'SOCIAL_GROUP') {
          await this.personalData.assertNotLegalRepresentativeOfAnotherGroup(tx, protectedId.idNumberIndex, o.applicationId, { person: 'new', field: 'legalRepresentative.idNumber' });
        }
        await this.people.supersedeLegalRepresentative(tx, o.applicationId, effectiveAt);
        await this.people.savePersonalData(tx, [
          {
            applicationId: o.applicationId,
            personRole: 'LEGAL_REPRESENTATIVE',
            position: legalRepresentatives.length,
            name: patch.legalRepresentativeName ?? o.legalRepresentativeName,
            title: null,
            ...protectedId,
            uscc,
            effectiveFrom: effectiveAt,
            supersededAt: null,
          },
        ]);
      }
      const updated = { ...o, ...patch };
      if (Object.keys(patch).length) await this.organizations.updateOrganization(tx, uscc, patch);
      const auditReportReference = legalRepresentativeChanged ? fields.auditReportReference?.trim() || undefined : undefined;
      const nameApprovalReference = patch.name !== undefined ? fields.nameApprovalReference?.trim() || undefined : undefined;
      await this.organizations.appendOrganizationVersion(tx, {
        uscc,
        changeType: 'CHANGED',
        effectiveAt,
        recordedAt: now,
        recordedBy: principal.subject,
        entry: registerEntryOf(updated),
        details: { changes, ...(auditReportReference ? { auditReportReference } : {}), ...(nameApprovalReference ? { nameApprovalReference } : {}) },
      });
      await tx.publish(OrganizationChanged, { subject: uscc,
        data: { uscc, registeringAuthority: o.registeringAuthority, changes, effectiveAt: effectiveAt.toISOString() },
      });
      return updated;
    });
  }
}
