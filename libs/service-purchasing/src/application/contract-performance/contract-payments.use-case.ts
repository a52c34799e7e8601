import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { PaymentMade } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { decidePayment, isFullyPaid, milestoneNotFound, payFromCommitment } from '../../domain/contract/contract-performance';
import { BudgetStore } from '../budgets/budgets.ports';
import { OcdsPublisher } from '../ocds/ocds-publisher';
import { assertPaysFor, budgetLineNotFound, contractNotFound } from '../read-reach';
import { contractEventBase, type ContractPayment, type PerformanceRecord, PerformanceStore, type PerformingContract } from './contract-performance.ports';

export interface PaymentInput {
  sequence: number;
  amountFen: number;
  paidAt: string;
}

/** The latest decision for `sequence` recorded at or after the contract's latest flag (earlier ones answered an older flag). */
export function decisionInForce(c: PerformingContract, record: PerformanceRecord, sequence: number) {
  if (!c.flaggedAt) return null;
  const since = c.flaggedAt.getTime();
  const relevant = record.decisions.filter((d) => d.sequence === sequence && d.decidedAt.getTime() >= since);
  return relevant[relevant.length - 1] ?? null;
}

/**
 * Payments against accepted milestones, recorded by the finance officer of the purchaser's jurisdiction (the
 * purchaser accepts, finance pays: separate duties). With the contract row locked, then the budget line's: the
 * milestone must have passed acceptance, its paid total stays within its amount, a flagged contract needs a PAY
 * decision after the flag, and the amount moves from committed to paid on the procurement's budget line (stand-alone
 * contracts have no budget line: the milestone caps alone apply). Paying the last outstanding fen completes the
 * contract (status COMPLETED in the PaymentMade event and on the contract).
 */
@Injectable()
export class ContractPayments {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly performance: PerformanceStore,
    private readonly budgets: BudgetStore,
    private readonly clock: Clock,
    private readonly ocds: OcdsPublisher,
  ) {}

  async pay(contractId: string, input: PaymentInput, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const c = await this.performance.lockContract(tx, contractId);
      if (!c) throw contractNotFound(contractId);
      assertPaysFor(principal, c);
      const record = await this.performance.record(tx, c.id);
      const milestone = record.milestones.find((m) => m.sequence === input.sequence);
      if (!milestone) throw milestoneNotFound(c.id, input.sequence);
      const accepted = record.acceptances.some((a) => a.sequence === input.sequence && a.passed);
      const decision = decisionInForce(c, record, input.sequence);
      const { decisionId, milestonePaidFen } = decidePayment({ contract: c, milestone, accepted, decision, amountFen: input.amountFen, paidAt: new Date(input.paidAt), now });
      if (c.budgetLineId) {
        const line = await this.budgets.lockById(tx, c.budgetLineId);
        if (!line) throw budgetLineNotFound(c.budgetLineId);
        await this.budgets.saveAmounts(tx, payFromCommitment(line, input.amountFen));
      }
      await this.performance.savePaid(tx, c.id, input.sequence, milestonePaidFen);
      const milestones = record.milestones.map((m) => (m.sequence === input.sequence ? { ...m, paidFen: milestonePaidFen } : m));
      const contractPaidFen = milestones.reduce((a, m) => a + m.paidFen, 0);
      const completed = isFullyPaid(milestones);
      const id = randomUUID();
      const paidAt = new Date(input.paidAt);
      const event = await tx.publish(PaymentMade, {
        subject: c.supplierUscc,
        causationId: c.eventId,
        data: {
          ...contractEventBase(c),
          paymentId: id,
          sequence: input.sequence,
          amountFen: input.amountFen,
          paidAt: paidAt.toISOString(),
          milestonePaidFen,
          milestoneOutstandingFen: milestone.amountFen - milestonePaidFen,
          contractPaidFen,
          contractOutstandingFen: c.valueFen - contractPaidFen,
          contractStatus: completed ? 'COMPLETED' : 'SIGNED',
          ...(decisionId ? { decisionId } : {}),
          ...(c.budgetLineId ? { budgetLineId: c.budgetLineId } : {}),
          recordedAt: now.toISOString(),
        },
      });
      const payment: ContractPayment = { id, contractId: c.id, sequence: input.sequence, amountFen: input.amountFen, paidAt, decisionId, recordedBy: principal.subject, recordedAt: now, eventId: event.id };
      await this.performance.insertPayment(tx, payment);
      if (completed) await this.performance.saveState(tx, { ...c, status: 'COMPLETED', completedAt: now });
      // OCDS 'implementation' release (the payment as a transaction); a stand-alone contract has no ocid: none.
      if (c.procurementId) await this.ocds.record(tx, c.procurementId, 'implementation', event.id, now);
      return {
        id,
        contractId: c.id,
        sequence: input.sequence,
        amountFen: input.amountFen,
        paidAt: paidAt.toISOString(),
        decisionId,
        milestonePaidFen,
        milestoneOutstandingFen: milestone.amountFen - milestonePaidFen,
        contractPaidFen,
        contractOutstandingFen: c.valueFen - contractPaidFen,
        contractStatus: completed ? 'COMPLETED' : 'SIGNED',
        recordedAt: now.toISOString(),
        eventId: event.id,
      };
    });
  }
}
