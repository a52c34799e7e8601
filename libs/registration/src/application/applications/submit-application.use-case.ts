import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertJurisdiction } from '@sop/auth';
import { ApplicationSubmitted } from '@sop/contracts';
import { UnitOfWork, OfficialCalendars } from '@sop/messaging';
import { Clock, isDivisionCode, type FieldViolation } from '@sop/util';
import { RegistrationApplication, type ApplicationFacts } from '../../domain/registration-application';
import { resolveRegime } from '../../domain/registration-policy';
import { RESIDENT_ID_RULES, residentIdProblem } from '../../domain/resident-id';
import { RegistrationErrors } from '../../domain/registration.errors';
import { PersonalDataStore, type PersonalDataRecord } from '../personal-data/personal-data.ports';
import { PersonalDataService } from '../personal-data/personal-data.service';
import { PolicyInForce } from '../policy/policy-in-force';
import { ApplicationStore } from './applications.ports';

export interface PersonInput {
  name: string;
  title?: string | null;
  idNumber: string;
}

export interface SubmitCommand extends ApplicationFacts {
  legalRepresentativeIdNumber: string;
  officers?: PersonInput[];
}

/**
 * Submitting an application: the registration policy in force decides DIRECT or DUAL_MANAGEMENT, the founding
 * conditions are checked, the people's ID numbers are validated and stored protected, ApplicationSubmitted is published.
 */
@Injectable()
export class SubmitApplication {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly applications: ApplicationStore,
    private readonly policy: PolicyInForce,
    private readonly people: PersonalDataStore,
    private readonly personalData: PersonalDataService,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  async submit(command: SubmitCommand, principal: Principal): Promise<RegistrationApplication> {
    const { legalRepresentativeIdNumber, officers = [], ...facts } = command;
    if (!isDivisionCode(facts.registeringAuthority)) {
      throw new RegistrationErrors.REGISTERING_AUTHORITY('registeringAuthority must be a 6-digit division code');
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
    assertValidIdNumbers(people);

    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const decision = resolveRegime(await this.policy.versionsAt(tx, now), { ...facts, at: now });
      const application = RegistrationApplication.submit(randomUUID(), facts, decision, principal.subject, now, this.calendars.current());
      if (await this.applications.nameTaken(tx, facts.registeringAuthority, facts.proposedName)) {
        throw new RegistrationErrors.NAME_TAKEN(
          `the name "${facts.proposedName}" is already used under registering authority ${facts.registeringAuthority} (社会组织名称管理办法: one name per organization)`,
        );
      }
      const rows: PersonalDataRecord[] = people.map((p) => ({
        applicationId: application.snapshot.id,
        personRole: p.role,
        position: p.position,
        name: p.name,
        title: p.title,
        ...this.personalData.protect(p.idNumber),
      }));
      if (facts.form === 'SOCIAL_GROUP') {
        await this.personalData.assertNotLegalRepresentativeOfAnotherGroup(tx, rows[0].idNumberIndex, application.snapshot.id, { person: 'proposed', field: 'legalRepresentativeIdNumber' });
      }
      await this.applications.addApplication(tx, application);
      await this.people.savePersonalData(tx, rows);
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
}

/** Every ID number passes GB 11643, or one INVALID error lists each failing field. */
function assertValidIdNumbers(people: { field: string; idNumber: string }[]): void {
  const invalid: FieldViolation[] = [];
  for (const p of people) {
    const problem = residentIdProblem(p.idNumber);
    if (problem) invalid.push({ field: p.field, rule: `residentId.${problem}`, message: RESIDENT_ID_RULES[problem] });
  }
  if (invalid.length) {
    // The ID number itself is never echoed back.
    throw new RegistrationErrors.ID_NUMBER_INVALID(invalid.map((v) => `${v.field}: ${v.message}`).join('; '), { violations: invalid });
  }
}
