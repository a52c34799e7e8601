import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertJurisdiction } from '@sop/auth';
import {
  ApplicationConsentGiven,
  ApplicationConsentRefused,
  ApplicationRefused,
  ApplicationSubmitted,
  OrganizationRegistered,
} from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { Clock, isDivisionCode, jurisdictionCovers, ProblemError, type FieldViolation } from '@sop/util';
import { RegistrationApplication, type ApplicationFacts } from '../domain/registration-application';
import { resolveRegime } from '../domain/registration-policy';
import { maskResidentId, normalizeResidentId, RESIDENT_ID_RULES, residentIdProblem } from '../domain/resident-id';
import { withLockRetries } from '@sop/persistence';
import { PiiProtector, registerEntryOf, RegistrationStore, type OrganizationRecord, type PersonalDataRecord } from './registration.ports';

export interface PersonInput {
  name: string;
  title?: string | null;
  idNumber: string;
}

export interface SubmitCommand extends ApplicationFacts {
  legalRepresentativeIdNumber: string;
  officers?: PersonInput[];
}

export interface PersonView {
  role: 'LEGAL_REPRESENTATIVE' | 'OFFICER';
  name: string;
  title: string | null;
  /** 110***********1234 for registrars in jurisdiction; absent for everyone else. */
  idNumberMasked?: string;
}

export interface ApplicationRead {
  application: RegistrationApplication;
  /** Names of the legal representative and officers, with masked ID numbers only for registrars in jurisdiction. */
  people: PersonView[];
  decisionOverdue: boolean;
}

/** Registration use cases: submit, supervising-unit consent, approve (USCC issuance) or refuse, reads. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: RegistrationStore,
    private readonly pii: PiiProtector,
    private readonly clock: Clock,
  ) {}

  async submit(command: SubmitCommand, principal: Principal): Promise<RegistrationApplication> {
    const { legalRepresentativeIdNumber, officers = [], ...facts } = command;
    if (!isDivisionCode(facts.registeringAuthority)) {
      throw ProblemError.badRequest('REGISTRATION.REGISTERING_AUTHORITY', 'registeringAuthority must be a 6-digit division code');
    }
    // Registrars file on behalf of applicants only inside their own jurisdiction.
    if (principal.roles.includes('registrar') && !principal.roles.includes('applicant')) {
      assertJurisdiction(principal, facts.registeringAuthority, 'the registering authority');
    }
    // Founders' and leaders' ID documents are part of the application (社团条例 Art. 11; 民非条例 Art. 9; 基金会条例 Art. 9).
    const people = [
      { field: 'legalRepresentativeIdNumber', role: 'LEGAL_REPRESENTATIVE' as const, position: 0, name: facts.legalRepresentativeName, title: null, idNumber: legalRepresentativeIdNumber },
      ...officers.map((o, i) => ({ field: `officers.${i}.idNumber`, role: 'OFFICER' as const, position: i, name: o.name, title: o.title ?? null, idNumber: o.idNumber })),
    ];
    const invalid: FieldViolation[] = [];
    for (const p of people) {
      const problem = residentIdProblem(p.idNumber);
      if (problem) invalid.push({ field: p.field, rule: `residentId.${problem}`, message: RESIDENT_ID_RULES[problem] });
    }
    if (invalid.length) {
      // The ID number itself is never echoed back.
      throw ProblemError.badRequest('REGISTRATION.ID_NUMBER_INVALID', invalid.map((v) => `${v.field}: ${v.message}`).join('; '), invalid);
    }

    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const decision = resolveRegime(await this.store.policyVersions(tx), { ...facts, at: now });
      const application = RegistrationApplication.submit(randomUUID(), facts, decision, principal.subject, now);
      if (await this.store.nameTaken(tx, facts.registeringAuthority, facts.proposedName)) {
        throw ProblemError.conflict(
          'REGISTRATION.NAME_TAKEN',
          `the name "${facts.proposedName}" is already used under registering authority ${facts.registeringAuthority} (社会组织名称管理办法: one name per organization)`,
        );
      }
      const rows: PersonalDataRecord[] = people.map((p) => {
        const id = normalizeResidentId(p.idNumber);
        return {
          applicationId: application.snapshot.id,
          personRole: p.role,
          position: p.position,
          name: p.name,
          title: p.title,
          idNumberCipher: this.pii.encrypt(id),
          idNumberIndex: this.pii.blindIndex(id),
        };
      });
      if (facts.form === 'SOCIAL_GROUP') await this.assertNotLegalRepresentativeElsewhere(tx, rows[0].idNumberIndex, application.snapshot.id);
      await this.store.saveApplication(tx, application);
      await this.store.savePersonalData(tx, rows);
      const s = application.snapshot;
      await tx.publish(ApplicationSubmitted, { subject: s.id,
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

  /** 社团条例 Art. 12: a social group's legal representative may not at the same time represent another social group. */
  private async assertNotLegalRepresentativeElsewhere(tx: Tx, idNumberIndex: string, applicationId: string): Promise<void> {
    if (await this.store.legalRepresentativeOfSocialGroup(tx, idNumberIndex, applicationId)) {
      throw ProblemError.unprocessable(
        'REGISTRATION.LEGAL_REPRESENTATIVE_OF_ANOTHER_GROUP',
        'the proposed legal representative already represents (or is proposed for) another social group (社团条例 Art. 12)',
        [{ field: 'legalRepresentativeIdNumber', rule: 'oneSocialGroupPerLegalRepresentative', message: '社团条例 Art. 12' }],
      );
    }
  }

  /** The named supervising unit consents (dual management): only its own users, identified by the unit_id claim. */
  async giveConsent(applicationId: string, principal: Principal): Promise<RegistrationApplication> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const application = await this.require(tx, applicationId);
      application.giveConsent(principal.unitId, principal.subject, now);
      await this.store.saveApplication(tx, application);
      const s = application.snapshot;
      await tx.publish(ApplicationConsentGiven, { subject: s.id,
        policyVersion: s.policyVersion,
        data: {
          applicationId: s.id,
          supervisingUnitId: s.unit?.id ?? '',
          supervisingUnitName: s.unit?.name ?? '',
          consentedAt: now.toISOString(),
          decisionDueBy: s.decisionDueBy.toISOString(),
          policyVersion: s.policyVersion,
        },
      });
      return application;
    });
  }

  async refuseConsent(applicationId: string, reasons: string[], principal: Principal): Promise<RegistrationApplication> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const application = await this.require(tx, applicationId);
      application.refuseConsent(principal.unitId, principal.subject, reasons, now);
      await this.store.saveApplication(tx, application);
      const s = application.snapshot;
      await tx.publish(ApplicationConsentRefused, { subject: s.id,
        policyVersion: s.policyVersion,
        data: {
          applicationId: s.id,
          supervisingUnitId: s.unit?.id ?? '',
          supervisingUnitName: s.unit?.name ?? '',
          reasons: s.consentReasons,
          refusedAt: now.toISOString(),
          policyVersion: s.policyVersion,
        },
      });
      return application;
    });
  }

  async approve(applicationId: string, principal: Principal): Promise<{ application: RegistrationApplication; organization: OrganizationRecord }> {
    const now = this.clock.now();
    return withLockRetries(() =>
      this.uow.run(async (tx) => {
        const application = await this.require(tx, applicationId);
        const s0 = application.snapshot;
        assertJurisdiction(principal, s0.registeringAuthority, `application ${applicationId}`);
        application.assertApprovable(); // status and consent, before anything is allocated
        if (await this.store.nameTaken(tx, s0.registeringAuthority, s0.proposedName, s0.id)) {
          throw ProblemError.conflict('REGISTRATION.NAME_TAKEN', `the name "${s0.proposedName}" was registered meanwhile`);
        }
        const uscc = await this.store.allocateUscc(tx, s0.form, s0.registeringAuthority);
        const approved = application;
        approved.approve(principal.subject, uscc, now);
        await this.store.saveApplication(tx, approved);
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
        await this.store.insertOrganization(tx, organization);
        await this.store.appendOrganizationVersion(tx, {
          uscc,
          changeType: 'REGISTERED',
          effectiveAt: now,
          recordedAt: now,
          recordedBy: principal.subject,
          entry: registerEntryOf(organization),
          details: { applicationId: s.id, policyVersion: s.policyVersion, checksVersion: s.checksVersion },
        });
        await tx.publish(OrganizationRegistered, { subject: uscc,
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
            ...(s.unit ? { linkedUnit: { unitId: s.unit.id, name: s.unit.name, role: s.unit.role } } : {}),
            policyVersion: s.policyVersion,
            registeredAt: now.toISOString(),
          },
        });
        return { application: approved, organization };
      }),
    );
  }

  async refuse(applicationId: string, reasons: string[], legalBasis: string | null, principal: Principal): Promise<RegistrationApplication> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const application = await this.require(tx, applicationId);
      assertJurisdiction(principal, application.snapshot.registeringAuthority, `application ${applicationId}`);
      application.refuse(principal.subject, reasons, legalBasis, now);
      await this.store.saveApplication(tx, application);
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

  /**
   * Who reads an application: registrars and auditors inside their jurisdiction, the applicant who filed it,
   * and the unit it names (supervising or guidance unit). Masked ID numbers only for registrars.
   */
  async getApplication(applicationId: string, principal: Principal): Promise<ApplicationRead> {
    const application = await this.store.findApplication(null, applicationId);
    if (!application) throw ProblemError.notFound('REGISTRATION.APPLICATION_NOT_FOUND', `no application ${applicationId}`);
    const s = application.snapshot;
    const officerInJurisdiction =
      (principal.roles.includes('registrar') || principal.roles.includes('auditor')) && jurisdictionCovers(principal.jurisdiction, s.registeringAuthority);
    const ownApplication = principal.roles.includes('applicant') && s.submittedBy === principal.subject;
    const namedUnit = principal.roles.includes('supervising-unit') && !!principal.unitId && s.unit?.id === principal.unitId;
    if (!officerInJurisdiction && !ownApplication && !namedUnit) {
      if (principal.roles.includes('supervising-unit') && !principal.roles.includes('registrar')) {
        throw ProblemError.forbidden('REGISTRATION.NOT_NAMED_SUPERVISING_UNIT', `application ${applicationId} does not name your unit`);
      }
      assertJurisdiction(principal, s.registeringAuthority, `application ${applicationId}`);
    }
    const showMasked = principal.roles.includes('registrar') && jurisdictionCovers(principal.jurisdiction, s.registeringAuthority);
    const rows = await this.store.findPersonalData(applicationId);
    const people: PersonView[] = rows.map((r) => ({
      role: r.personRole,
      name: r.name,
      title: r.title,
      ...(showMasked ? { idNumberMasked: maskResidentId(this.pii.decrypt(r.idNumberCipher)) } : {}),
    }));
    return { application, people, decisionOverdue: application.isDecisionOverdue(this.clock.now()) };
  }

  /** A supervising (or guidance) unit's worklist: the applications that name it. */
  async listForUnit(principal: Principal): Promise<RegistrationApplication[]> {
    if (!principal.unitId) throw ProblemError.forbidden('REGISTRATION.UNIT_CLAIM_REQUIRED', 'your token carries no unit_id claim');
    return this.store.listApplicationsNamingUnit(principal.unitId, 200);
  }

  isOverdue(application: RegistrationApplication): boolean {
    return application.isDecisionOverdue(this.clock.now());
  }

  async getOrganization(uscc: string): Promise<OrganizationRecord> {
    const organization = await this.store.findOrganization(uscc);
    if (!organization) throw ProblemError.notFound('REGISTRATION.ORGANIZATION_NOT_FOUND', `no organization with USCC ${uscc}`);
    return organization;
  }

  private async require(tx: Tx, applicationId: string): Promise<RegistrationApplication> {
    const application = await this.store.findApplication(tx, applicationId, true);
    if (!application) throw ProblemError.notFound('REGISTRATION.APPLICATION_NOT_FOUND', `no application ${applicationId}`);
    return application;
  }
}
