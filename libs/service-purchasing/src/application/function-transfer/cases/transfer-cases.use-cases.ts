import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { DepartmentDecisionRecorded, FirstReviewRecorded, TransferCaseSubmitted, type FirstReviewRecommendation } from '@sop/contracts';
import { OfficialCalendars, UnitOfWork, type Tx } from '@sop/messaging';
import { civilDateOf, Clock, workingDaysPeriod } from '@sop/util';
import { randomUUID } from 'node:crypto';
import { FunctionTransferErrors } from '../../../domain/function-transfer/function-transfer.errors';
import { agreementTakesCases, type TransferAgreement } from '../../../domain/function-transfer/transfer-agreement';
import { decideCase, isFirstReviewOverdue, recordFirstReview, type DepartmentDecision, type TransferCase } from '../../../domain/function-transfer/transfer-case';
import { FunctionTransferStore } from '../function-transfer.ports';
import { assertOwnDepartment, keysOf, LIST_LIMIT, saveChanged } from '../records';

export interface SubmitCaseInput {
  matterKind: string;
  subject: string;
  description: string;
}

const notFound = (id: string) => new FunctionTransferErrors.CASE_NOT_FOUND(`no case ${id}`);

/** May `p` read the case? Its applicant, the undertaking organization's representatives, its department, auditors. */
function reaches(p: Principal, c: TransferCase): boolean {
  return (
    p.roles.includes('auditor') ||
    (p.roles.includes('applicant') && p.subject === c.applicantSubject) ||
    (p.roles.includes('org-representative') && p.organizationUscc === c.uscc) ||
    (p.roles.includes('purchaser') && p.unitId === c.departmentUnitId)
  );
}

function caseView(c: TransferCase, now: Date) {
  const { revision: _r, ...rest } = c;
  return { ...rest, firstReviewOverdue: isFirstReviewOverdue(c, now) };
}

/**
 * Cases under a transfer agreement (issue 12 item 4): an applicant submits a matter; the undertaking association
 * records the first review within the agreement's working-day deadline; the department — never the association —
 * records the final decision, confirming or overriding it. Each step is an event committed with the case.
 */
@Injectable()
export class TransferCases {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: FunctionTransferStore,
    private readonly calendars: OfficialCalendars,
    private readonly clock: Clock,
  ) {}

  async submit(agreementId: string, input: SubmitCaseInput, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      // Locked: a submission and a take-back of the same agreement are serialized, so no case slips in after the take-back read the cases.
      const a = await this.store.locked<TransferAgreement>(tx, 'AGREEMENT', agreementId);
      if (!a) throw new FunctionTransferErrors.AGREEMENT_NOT_FOUND(`no transfer agreement ${agreementId}`);
      if (!agreementTakesCases(a, civilDateOf(now)))
        throw new FunctionTransferErrors.AGREEMENT_NOT_IN_FORCE(`agreement ${a.id} is ${a.status}, term ${a.termStart} to ${a.termEnd}`, { field: 'agreementId', rule: 'cases under an active agreement within its term', extensions: { status: a.status } });
      const due = workingDaysPeriod(now, a.firstReviewWorkingDays, this.calendars.current());
      const c: TransferCase = {
        id: randomUUID(),
        agreementId: a.id,
        uscc: a.uscc,
        departmentUnitId: a.departmentUnitId,
        applicantSubject: principal.subject,
        matterKind: input.matterKind,
        subject: input.subject,
        description: input.description,
        status: 'IN_FIRST_REVIEW',
        submittedAt: now.toISOString(),
        firstReviewDue: due.lastDay,
        firstReviewDueAt: due.endsAt.toISOString(),
        calendarVersion: due.calendarVersion ?? null,
        firstReview: null,
        returnedToDepartment: null,
        decision: null,
        revision: 1,
      };
      await tx.publish(TransferCaseSubmitted, {
        subject: c.id,
        data: { caseId: c.id, agreementId: a.id, uscc: a.uscc, matterKind: c.matterKind, firstReviewDue: c.firstReviewDue, submittedAt: c.submittedAt },
      });
      await this.store.insert(tx, 'CASE', keysOf.CASE(c), c, now);
      return caseView(c, now);
    });
  }

  async firstReview(caseId: string, input: { recommendation: FirstReviewRecommendation; reasons: string[]; conditions: string[] }, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const c = await this.lockedCase(tx, caseId);
      if (principal.organizationUscc !== c.uscc)
        throw new FunctionTransferErrors.NOT_THE_UNDERTAKER(`case ${c.id} is under an agreement of ${c.uscc}`, { field: 'org_uscc', rule: 'an association acts only on cases under its own agreements (issue 12 item 8)' });
      const reviewed = recordFirstReview(c, { ...input, reviewedBy: principal.subject, reviewedAt: now.toISOString() }, now);
      const r = reviewed.firstReview!;
      const event = await tx.publish(FirstReviewRecorded, {
        subject: c.id,
        data: { caseId: c.id, agreementId: c.agreementId, uscc: c.uscc, recommendation: r.recommendation, reasons: r.reasons, onTime: r.onTime, reviewedAt: r.reviewedAt },
      });
      const next = { ...reviewed, firstReview: { ...r, eventId: event.id } };
      await saveChanged(this.store, tx, 'CASE', keysOf.CASE(next), next, now);
      return caseView(next, now);
    });
  }

  async decide(caseId: string, input: { decision: DepartmentDecision; reasons: string[]; conditions: string[] }, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const c = await this.lockedCase(tx, caseId);
      assertOwnDepartment(c.departmentUnitId, principal, `case ${c.id}`);
      const decided = decideCase(c, { ...input, decidedBy: principal.subject, decidedAt: now.toISOString() });
      const d = decided.decision!;
      const event = await tx.publish(DepartmentDecisionRecorded, {
        subject: c.id,
        data: {
          caseId: c.id,
          agreementId: c.agreementId,
          uscc: c.uscc,
          decision: d.decision,
          firstReview: c.firstReview?.recommendation ?? null,
          overridesFirstReview: d.overridesFirstReview,
          reasons: d.reasons,
          decidedBy: d.decidedBy,
          decidedAt: d.decidedAt,
        },
      });
      const next = { ...decided, decision: { ...d, eventId: event.id } };
      await saveChanged(this.store, tx, 'CASE', keysOf.CASE(next), next, now);
      return caseView(next, now);
    });
  }

  /** One case with both steps, for its applicant, its association, its department and auditors; else 404. */
  async case(caseId: string, principal: Principal) {
    const c = await this.store.get<TransferCase>(null, 'CASE', caseId);
    if (!c || !reaches(principal, c)) throw notFound(caseId);
    return caseView(c, this.clock.now());
  }

  /** The cases of an agreement (its department, its association, auditors); `overdue` keeps the overdue first reviews. */
  async ofAgreement(agreementId: string, overdueOnly: boolean, principal: Principal) {
    const a = await this.store.get<TransferAgreement>(null, 'AGREEMENT', agreementId);
    const mayRead = a && (principal.roles.includes('auditor') || (principal.roles.includes('purchaser') && principal.unitId === a.departmentUnitId) || (principal.roles.includes('org-representative') && principal.organizationUscc === a.uscc));
    if (!a || !mayRead) throw new FunctionTransferErrors.AGREEMENT_NOT_FOUND(`no transfer agreement ${agreementId} within your reach`);
    const now = this.clock.now();
    const cases = (await this.store.find<TransferCase>(null, 'CASE', { parentId: agreementId }, LIST_LIMIT + 1)).filter((c) => !overdueOnly || isFirstReviewOverdue(c, now));
    return { agreementId, asOf: now.toISOString(), items: cases.slice(0, LIST_LIMIT).map((c) => caseView(c, now)), truncated: cases.length > LIST_LIMIT };
  }

  /** An applicant's own cases, oldest first, each with both steps. */
  async mine(principal: Principal) {
    const now = this.clock.now();
    const cases = await this.store.find<TransferCase>(null, 'CASE', { owner: principal.subject }, LIST_LIMIT + 1);
    return { items: cases.slice(0, LIST_LIMIT).map((c) => caseView(c, now)), truncated: cases.length > LIST_LIMIT };
  }

  private async lockedCase(tx: Tx, caseId: string): Promise<TransferCase> {
    const c = await this.store.locked<TransferCase>(tx, 'CASE', caseId);
    if (!c) throw notFound(caseId);
    return c;
  }
}
