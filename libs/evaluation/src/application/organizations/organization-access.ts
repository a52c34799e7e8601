import { Injectable } from '@nestjs/common';
import { assertWithinReach, AuthErrors, type Principal } from '@sop/auth';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { OrganizationStore, type EvaluationOrganization } from './organizations.ports';

/** Refuses anyone but an evaluator (AUTH.ROLE_REQUIRED, with `message` saying what only evaluators do). */
export function assertEvaluator(principal: Principal, message: string): void {
  if (!principal.roles.includes('evaluator')) throw new AuthErrors.ROLE_REQUIRED(message);
}

/**
 * Who may act on, or read, an organization's evaluation record: the access rule every use case applies before it
 * looks at grades, measures or cases. Returns the organization (404 EVALUATION.ORGANIZATION_NOT_FOUND if evaluation
 * has not learned of it).
 */
@Injectable()
export class OrganizationAccess {
  constructor(private readonly organizations: OrganizationStore) {}

  /** Evaluators change grades within their jurisdiction (Order 39 Art. 4–5: civil affairs evaluates what it registered). */
  async forEvaluator(uscc: string, principal: Principal): Promise<EvaluationOrganization> {
    assertEvaluator(principal, 'only evaluators decide grades');
    const org = await this.existing(uscc);
    assertWithinReach(principal, org.registeringAuthority, () => notFound(uscc)); // as if missing (issue 10)
    return org;
  }

  /** Auditors read everything, evaluators within jurisdiction, an organization's representative its own organization. */
  async forReader(uscc: string, principal: Principal): Promise<EvaluationOrganization> {
    const officer = principal.roles.includes('auditor') || principal.roles.includes('evaluator');
    const own = principal.roles.includes('org-representative') && principal.organizationUscc === uscc;
    if (!officer && !own) throw new EvaluationErrors.NOT_OWN_ORGANIZATION('an organization sees only its own evaluation record');
    const org = await this.existing(uscc);
    if (principal.roles.includes('auditor') || own) return org;
    assertWithinReach(principal, org.registeringAuthority, () => notFound(uscc)); // as if missing (issue 10)
    return org;
  }

  private async existing(uscc: string): Promise<EvaluationOrganization> {
    const org = await this.organizations.organization(null, uscc);
    if (!org) throw notFound(uscc);
    return org;
  }
}

const notFound = (uscc: string) => new EvaluationErrors.ORGANIZATION_NOT_FOUND(`evaluation has no organization ${uscc}`);
