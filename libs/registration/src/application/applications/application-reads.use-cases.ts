import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { Clock, jurisdictionCovers } from '@sop/util';
import type { RegistrationApplication } from '../../domain/registration-application';
import { RegistrationErrors } from '../../domain/registration.errors';
import { PersonalDataStore } from '../personal-data/personal-data.ports';
import { PersonalDataService } from '../personal-data/personal-data.service';
import { ApplicationStore, applicationNotFound } from './applications.ports';

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

/** Reading applications: one application with its people, a unit's worklist, the decision-deadline flag. */
@Injectable()
export class ApplicationReads {
  constructor(
    private readonly applications: ApplicationStore,
    private readonly people: PersonalDataStore,
    private readonly personalData: PersonalDataService,
    private readonly clock: Clock,
  ) {}

  /**
   * Who reads an application: registrars and auditors inside their jurisdiction, the applicant who filed it,
   * and the unit it names (supervising or guidance unit). Masked ID numbers only for registrars.
   */
  async getApplication(applicationId: string, principal: Principal): Promise<ApplicationRead> {
    const application = await this.applications.requireApplication(null, applicationId);
    const s = application.snapshot;
    const officerInJurisdiction =
      (principal.roles.includes('registrar') || principal.roles.includes('auditor')) && jurisdictionCovers(principal.jurisdiction, s.registeringAuthority);
    const ownApplication = principal.roles.includes('applicant') && s.submittedBy === principal.subject;
    const namedUnit = principal.roles.includes('supervising-unit') && !!principal.unitId && s.unit?.id === principal.unitId;
    // Anyone else (another applicant in the same division, another unit, an officer elsewhere) gets the answer a
    // missing application gets: 404, never a hint that it exists (issue 10).
    if (!officerInJurisdiction && !ownApplication && !namedUnit) throw applicationNotFound(applicationId);
    const showMasked = principal.roles.includes('registrar') && jurisdictionCovers(principal.jurisdiction, s.registeringAuthority);
    const rows = await this.people.findPersonalData(applicationId);
    const people: PersonView[] = rows.map((r) => ({
      role: r.personRole,
      name: r.name,
      title: r.title,
      ...(showMasked ? { idNumberMasked: this.personalData.masked(r) } : {}),
    }));
    return { application, people, decisionOverdue: this.isOverdue(application) };
  }

  /** A supervising (or guidance) unit's worklist: the applications that name it. */
  async listForUnit(principal: Principal): Promise<RegistrationApplication[]> {
    if (!principal.unitId) throw new RegistrationErrors.UNIT_CLAIM_REQUIRED('your token carries no unit_id claim');
    return this.applications.listApplicationsNamingUnit(principal.unitId, 200);
  }

  isOverdue(application: RegistrationApplication): boolean {
    return application.isDecisionOverdue(this.clock.now());
  }
}
