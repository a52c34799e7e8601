import type { OrganizationCategory, OrganizationForm, Regime } from '@sop/contracts';
import { ProblemError } from '@sop/util';

export type ApplicationStatus = 'SUBMITTED' | 'APPROVED' | 'REFUSED';

/** Statutory decision period: 60 days from complete documents (社团条例 Art. 12; 民非条例 Art. 11; 基金会条例 Art. 11). */
export const DECISION_PERIOD_DAYS = 60;

export interface ApplicationFacts {
  proposedName: string;
  form: OrganizationForm;
  category: OrganizationCategory;
  registeringAuthority: string;
  domicile: string;
  purpose: string;
  legalRepresentativeName: string;
  registeredCapitalFen: number;
}

export interface ApplicationState extends ApplicationFacts {
  id: string;
  regime: Regime;
  policyVersion: string;
  status: ApplicationStatus;
  submittedBy: string;
  submittedAt: Date;
  decisionDueBy: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  uscc: string | null;
}

/** An application for registration and its decision. Pure rules; persistence maps it. */
export class RegistrationApplication {
  private constructor(private state: ApplicationState) {}

  static submit(
    id: string,
    facts: ApplicationFacts,
    decision: { regime: Regime; policyVersion: string },
    submittedBy: string,
    now: Date,
  ): RegistrationApplication {
    if (decision.regime !== 'DIRECT') {
      // The supervising-unit consent step (dual management) arrives with the registration issue (#3).
      throw ProblemError.unprocessable(
        'REGISTRATION.SUPERVISING_UNIT_CONSENT_REQUIRED',
        `category ${facts.category} registers under dual management (${decision.policyVersion}); this skeleton accepts only the four direct-registration categories`,
        [{ field: 'category', rule: 'directRegistrationCategory', message: 'needs a supervising unit under the applicable policy' }],
      );
    }
    return new RegistrationApplication({
      ...facts,
      id,
      regime: decision.regime,
      policyVersion: decision.policyVersion,
      status: 'SUBMITTED',
      submittedBy,
      submittedAt: now,
      decisionDueBy: new Date(now.getTime() + DECISION_PERIOD_DAYS * 86_400_000),
      decidedAt: null,
      decidedBy: null,
      uscc: null,
    });
  }

  static restore(state: ApplicationState): RegistrationApplication {
    return new RegistrationApplication({ ...state });
  }

  approve(officer: string, uscc: string, now: Date): void {
    if (this.state.status !== 'SUBMITTED') {
      throw ProblemError.conflict('REGISTRATION.APPLICATION_ALREADY_DECIDED', `application ${this.state.id} is ${this.state.status}`);
    }
    this.state = { ...this.state, status: 'APPROVED', decidedAt: now, decidedBy: officer, uscc };
  }

  get snapshot(): Readonly<ApplicationState> {
    return this.state;
  }
}
