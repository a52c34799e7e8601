import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { TransferAgreementTakenBack } from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { FunctionTransferErrors } from '../../../domain/function-transfer/function-transfer.errors';
import { assertTakeBackAllowed, type TransferAgreement } from '../../../domain/function-transfer/transfer-agreement';
import { returnToDepartment, type TransferCase } from '../../../domain/function-transfer/transfer-case';
import { FunctionTransferStore } from '../function-transfer.ports';
import { assertOwnDepartment, keysOf, LIST_LIMIT, saveChanged } from '../records';
import { agreementView } from './agreement.view';

export interface TakeBackInput {
  action: 'SUSPENDED' | 'REVOKED';
  forCause: boolean;
  reasons: string[];
  legalBasis: string;
}

/**
 * Take-back (issue 12 item 5): the department suspends or revokes an agreement with reasons and legal basis. Cases
 * still in first review return to the department (RETURNED_TO_DEPARTMENT) in the same transaction, so none is lost;
 * a revocation for cause is published for credit supervision as credit information about the organization.
 */
@Injectable()
export class AgreementTakeBack {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: FunctionTransferStore,
    private readonly clock: Clock,
  ) {}

  async takeBack(agreementId: string, input: TakeBackInput, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const a = await this.store.locked<TransferAgreement>(tx, 'AGREEMENT', agreementId);
      if (!a) throw new FunctionTransferErrors.AGREEMENT_NOT_FOUND(`no transfer agreement ${agreementId}`);
      assertOwnDepartment(a.departmentUnitId, principal, `agreement ${a.id}`);
      return agreementView(await this.takeBackInTx(tx, a, input, principal.subject, now));
    });
  }

  /** The take-back inside the caller's transaction (also the cascade of a revoked catalogue item). */
  async takeBackInTx(tx: Tx, a: TransferAgreement, input: TakeBackInput, by: string, now: Date): Promise<TransferAgreement> {
    assertTakeBackAllowed(a, input.action);
    const returned: string[] = [];
    for (const c of await this.store.find<TransferCase>(tx, 'CASE', { parentId: a.id, status: 'IN_FIRST_REVIEW' }, LIST_LIMIT * 100)) {
      const locked = await this.store.locked<TransferCase>(tx, 'CASE', c.id);
      if (!locked || locked.status !== 'IN_FIRST_REVIEW') continue; // reviewed meanwhile: it stays with its review
      const back = returnToDepartment(locked, now.toISOString(), `agreement ${input.action.toLowerCase()}: ${input.reasons.join('; ')}`);
      await saveChanged(this.store, tx, 'CASE', keysOf.CASE(back), back, now);
      returned.push(back.id);
    }
    const event = await tx.publish(TransferAgreementTakenBack, {
      subject: a.id,
      data: {
        agreementId: a.id,
        uscc: a.uscc,
        departmentUnitId: a.departmentUnitId,
        action: input.action,
        forCause: input.forCause,
        reasons: input.reasons,
        legalBasis: input.legalBasis,
        returnedCaseIds: returned,
        takenBy: by,
        takenAt: now.toISOString(),
      },
    });
    const next: TransferAgreement = {
      ...a,
      status: input.action,
      takeBacks: [...a.takeBacks, { ...input, returnedCaseIds: returned, takenBy: by, takenAt: now.toISOString(), eventId: event.id }],
      revision: a.revision + 1,
    };
    await saveChanged(this.store, tx, 'AGREEMENT', keysOf.AGREEMENT(next), next, now);
    return next;
  }
}
