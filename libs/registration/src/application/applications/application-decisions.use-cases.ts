import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertWithinReach } from '@sop/auth';
import { ApplicationRefused, OrganizationRegistered } from '@sop/contracts';
import type { PartyOrganizationDeclaration } from '../../domain/party-organization';
import { PartyOrganizations } from '../party-organization/party-organizations.use-cases';
import { UnitOfWork } from '@sop/messaging';
import { withLockRetries } from '@sop/persistence';
import { Clock } from '@sop/util';
import type { RegistrationApplication } from '../../domain/registration-application';
import { RegistrationErrors } from '../../domain/registration.errors';
import { OrganizationStore, registerEntryOf, type OrganizationRecord } from '../organizations/organizations.ports';
import { ApplicationStore, applicationNotFound } from './applications.ports';

/**
 * The registration authority decides an application, by a registrar in jurisdiction: approval issues the USCC and
 * registers the organization (OrganizationRegistered); refusal states reasons (社团条例 Art. 12-13).
 */
@Injectable()
export class ApplicationDecisions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly applications: ApplicationStore,
    private readonly organizations: OrganizationStore,
    private readonly clock: Clock,
    private readonly partyOrganizations: PartyOrganizations,
  ) {}

  /**
   * `partyOrganization`: the coverage declared with the application (regulations §5.1 trigger 2); without one the
   * organization starts as NONE with no full members, so its deadline to be covered (at least by an instructor) runs.
   */
  async approve(
    applicationId: string,
    principal: Principal,
    partyOrganization: PartyOrganizationDeclaration = { form: 'NONE', fullPartyMembers: 0 },
  ): Promise<{ application: RegistrationApplication; organization: OrganizationRecord }> {
    const now = this.clock.now();
    return withLockRetries(() =>
      this.uow.run(async (tx) => {
        const application = await this.applications.requireApplication(tx, applicationId, true);
        const s0 = application.snapshot;
        assertWithinReach(principal, s0.registeringAuthority, () => applicationNotFound(applicationId));
        application.assertApprovable(); // status and consent, before anything is allocated
        if (await this.applications.nameTaken(tx, s0.registeringAuthority, s0.proposedName, s0.id)) {
          throw new RegistrationErrors.NAME_TAKEN(`the name "${s0.proposedName}" was registered meanwhile`);
        }
        const uscc = await this.organizations.allocateUscc(tx, s0.form, s0.registeringAuthority);
        const approved = application;
        approved.approve(principal.subject, uscc, now);
        await this.applications.saveApplication(tx, approved);
        const s = approved.snapshot;
        const organization: OrganizationRecord = {
          uscc,
          applicationId: s.id,
          name: s.proposedName,
          form: s.form,
          category: s.category,
          registeringAuthority: s.registeringAuthority,
          domicile: s.domicile,
          purpose: s.purpose,
          legalRepresentativeName: s.legalRepresentativeName,
          registeredCapitalFen: s.registeredCapitalFen,
          regime: s.regime,
          policyVersion: s.policyVersion,
          status: 'REGISTERED',
          registeredAt: now,
          unitId: s.unit?.id ?? null,
          unitName: s.unit?.name ?? null,
          unitRole: s.unit?.role ?? null,
        };
        await this.organizations.insertOrganization(tx, organization);
        await this.organizations.appendOrganizationVersion(tx, {
          uscc,
          changeType: 'REGISTERED',
          effectiveAt: now,
          recordedAt: now,
          recordedBy: principal.subject,
          entry: registerEntryOf(organization),
          details: { applicationId: s.id, policyVersion: s.policyVersion, checksVersion: s.checksVersion },
        });
        await tx.publish(OrganizationRegistered, { subject: uscc, policyVersion: s.policyVersion, data: organizationRegisteredData(organization) });
        await this.partyOrganizations.recordIn(tx, partyOrganization, {
          uscc,
          registeringAuthority: s.registeringAuthority,
          source: 'REGISTRATION',
          effectiveAt: now,
          now,
          recordedBy: principal.subject,
        });
        return { application: approved, organization };
      }),
    );
  }

  async refuse(applicationId: string, reasons: string[], legalBasis: string | null, principal: Principal): Promise<RegistrationApplication> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const application = await this.applications.requireApplication(tx, applicationId, true);
      assertWithinReach(principal, application.snapshot.registeringAuthority, () => applicationNotFound(applicationId));
      application.refuse(principal.subject, reasons, legalBasis, now);
      await this.applications.saveApplication(tx, application);
      const s = application.snapshot;
      await tx.publish(ApplicationRefused, { subject: s.id,
        policyVersion: s.policyVersion,
        data: {
          applicationId: s.id,
          reasons: s.decisionReasons,
          ...(s.decisionLegalBasis ? { legalBasis: s.decisionLegalBasis } : {}),
          refusedAt: now.toISOString(),
          policyVersion: s.policyVersion,
        },
      });
      return application;
    });
  }
}

/** OrganizationRegistered: the new organization's register items (the legal representative by name only) and its unit link. */
function organizationRegisteredData(o: OrganizationRecord) {
  const { status: _status, registeredAt, unitId, unitName, unitRole, policyVersion, ...items } = o;
  return {
    ...items,
    ...(unitId && unitName && unitRole ? { linkedUnit: { unitId, name: unitName, role: unitRole } } : {}),
    policyVersion,
    registeredAt: registeredAt.toISOString(),
  };
}
