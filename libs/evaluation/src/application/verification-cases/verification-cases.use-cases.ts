import { Injectable } from '@nestjs/common';
import { AuthErrors, type Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { Clock, divisionPrefix } from '@sop/util';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { assertEvaluator, OrganizationAccess } from '../organizations/organization-access';
import { OrganizationStore } from '../organizations/organizations.ports';
import { VerificationCaseStore, type CaseStatus, type VerificationCase } from './verification-cases.ports';

const caseView = (c: VerificationCase) => ({
  ...c,
  openedAt: c.openedAt.toISOString(),
  closedAt: c.closedAt?.toISOString() ?? null,
});

/**
 * The evaluators' side of verification cases (核查评估): listing them within their jurisdiction, and closing one
 * when the grade is kept. (A case closed by lowering or cancelling the grade is closed by AdjustGrade.)
 */
@Injectable()
export class VerificationCases {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OrganizationAccess,
    private readonly organizations: OrganizationStore,
    private readonly cases: VerificationCaseStore,
    private readonly clock: Clock,
  ) {}

  /** Verification cases within the caller's jurisdiction (auditors: all). */
  async list(status: CaseStatus | undefined, principal: Principal) {
    const auditor = principal.roles.includes('auditor');
    if (!auditor && !principal.roles.includes('evaluator')) throw new AuthErrors.ROLE_REQUIRED('evaluators and auditors read verification cases');
    const prefix = auditor ? '' : divisionPrefix(principal.jurisdiction);
    const cases = await this.cases.cases({ status, divisionPrefix: prefix, limit: 500 });
    return { items: cases.map(caseView) };
  }

  /** The evaluators verified the grade and keep it: the case is closed without an adjustment. */
  async confirmGrade(caseId: string, principal: Principal) {
    assertEvaluator(principal, 'only evaluators close verification cases');
    const found = await this.cases.verificationCase(null, caseId);
    if (!found) throw new EvaluationErrors.CASE_NOT_FOUND(`no verification case ${caseId}`);
    await this.access.forEvaluator(found.uscc, principal);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      await this.organizations.lockOrganization(tx, found.uscc);
      const c = await this.cases.verificationCase(tx, caseId);
      if (!c || c.status !== 'OPEN') throw new EvaluationErrors.CASE_NOT_OPEN(`verification case ${caseId} is ${c?.status ?? 'gone'}`);
      const closed: VerificationCase = { ...c, status: 'CLOSED', closedAt: now, outcome: 'GRADE_CONFIRMED' };
      await this.cases.saveCase(tx, closed);
      return caseView(closed);
    });
  }
}
