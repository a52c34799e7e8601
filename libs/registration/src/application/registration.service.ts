import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertJurisdiction } from '@sop/auth';
import {
  ApplicationSubmitted,
  OrganizationRegistered,
  type ApplicationSubmittedV1,
  type OrganizationRegisteredV1,
} from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock, isDivisionCode, ProblemError } from '@sop/util';
import { RegistrationApplication, type ApplicationFacts } from '../domain/registration-application';
import { decideRegime } from '../domain/registration-policy';
import { RegistrationStore, type OrganizationRecord } from './registration.ports';

/** Registration use cases of the walking skeleton: submit, approve (USCC issuance), read. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: RegistrationStore,
    private readonly clock: Clock,
  ) {}

  async submit(facts: ApplicationFacts, principal: Principal): Promise<RegistrationApplication> {
    if (!isDivisionCode(facts.registeringAuthority)) {
      throw ProblemError.badRequest('REGISTRATION.REGISTERING_AUTHORITY', 'registeringAuthority must be a 6-digit division code');
    }
    // Registrars file on behalf of applicants only inside their own jurisdiction.
    if (principal.roles.includes('registrar') && !principal.roles.includes('applicant')) {
      assertJurisdiction(principal, facts.registeringAuthority, 'the registering authority');
    }
    const decision = decideRegime(facts.category);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      if (await this.store.nameTaken(tx, facts.registeringAuthority, facts.proposedName)) {
        throw ProblemError.conflict(
          'REGISTRATION.NAME_TAKEN',
          `the name "${facts.proposedName}" is already used under registering authority ${facts.registeringAuthority} (社会组织名称管理办法: one name per organization)`,
        );
      }
      const application = RegistrationApplication.submit(randomUUID(), facts, decision, principal.subject, now);
      await this.store.saveApplication(tx, application);
      const s = application.snapshot;
      await tx.publish<ApplicationSubmittedV1>({
        type: ApplicationSubmitted.type,
        subject: s.id,
        policyVersion: s.policyVersion,
        data: {
          applicationId: s.id,
          proposedName: s.proposedName,
          form: s.form,
          category: s.category,
          registeringAuthority: s.registeringAuthority,
          regime: s.regime,
          policyVersion: s.policyVersion,
          submittedAt: s.submittedAt.toISOString(),
          decisionDueBy: s.decisionDueBy.toISOString(),
        },
      });
      return application;
    });
  }

  async approve(applicationId: string, principal: Principal): Promise<{ application: RegistrationApplication; organization: OrganizationRecord }> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const application = await this.store.findApplication(tx, applicationId);
      if (!application) throw ProblemError.notFound('REGISTRATION.APPLICATION_NOT_FOUND', `no application ${applicationId}`);
      const s0 = application.snapshot;
      assertJurisdiction(principal, s0.registeringAuthority, `application ${applicationId}`);
      if (await this.store.nameTaken(tx, s0.registeringAuthority, s0.proposedName, s0.id)) {
        throw ProblemError.conflict('REGISTRATION.NAME_TAKEN', `the name "${s0.proposedName}" was registered meanwhile`);
      }
      const uscc = await this.store.allocateUscc(tx, s0.form, s0.registeringAuthority);
      application.approve(principal.subject, uscc, now);
      await this.store.saveApplication(tx, application);
      const s = application.snapshot;
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
      };
      await this.store.insertOrganization(tx, organization);
      await tx.publish<OrganizationRegisteredV1>({
        type: OrganizationRegistered.type,
        subject: uscc,
        policyVersion: s.policyVersion,
        data: {
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
          registeredAt: now.toISOString(),
        },
      });
      return { application, organization };
    });
  }

  async getApplication(applicationId: string, principal: Principal): Promise<RegistrationApplication> {
    const application = await this.store.findApplication(null, applicationId);
    if (!application) throw ProblemError.notFound('REGISTRATION.APPLICATION_NOT_FOUND', `no application ${applicationId}`);
    const s = application.snapshot;
    const ownApplication = principal.roles.includes('applicant') && s.submittedBy === principal.subject;
    if (!ownApplication) assertJurisdiction(principal, s.registeringAuthority, `application ${applicationId}`);
    return application;
  }

  async getOrganization(uscc: string): Promise<OrganizationRecord> {
    const organization = await this.store.findOrganization(uscc);
    if (!organization) throw ProblemError.notFound('REGISTRATION.ORGANIZATION_NOT_FOUND', `no organization with USCC ${uscc}`);
    return organization;
  }
}
