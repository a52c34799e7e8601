import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { ContractTerminated, type TerminationCause } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { assertInPerformance } from '../../domain/contract/contract-performance';
import { release } from '../../domain/procurement/budget-line';
import { assertSamePurchaser } from '../../domain/purchaser-binding';
import { BudgetStore } from '../budgets/budgets.ports';
import { OcdsPublisher } from '../ocds/ocds-publisher';
import { assertContractReadable, budgetLineNotFound, contractNotFound } from '../read-reach';
import { contractEventBase, PerformanceStore } from './contract-performance.ports';

/**
 * Termination with reasons and a cause by the contract's purchaser (Order 102 Art. 23: liability for breach is contract content):
 * the contract becomes TERMINATED, nothing more is accepted, decided or paid under it, and the unpaid value goes back
 * from committed to the budget line (procurement contracts). ContractTerminated commits with it.
 */
@Injectable()
export class TerminateContract {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly performance: PerformanceStore,
    private readonly budgets: BudgetStore,
    private readonly clock: Clock,
    private readonly ocds: OcdsPublisher,
  ) {}

  async terminate(contractId: string, reasons: string[], principal: Principal, cause: TerminationCause) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const c = await this.performance.lockContract(tx, contractId);
      if (!c) throw contractNotFound(contractId);
      assertContractReadable(principal, c);
      assertSamePurchaser(c, principal);
      assertInPerformance(c);
      const record = await this.performance.record(tx, c.id);
      const paidFen = record.milestones.reduce((a, m) => a + m.paidFen, 0);
      const unpaidFen = c.valueFen - paidFen;
      if (c.budgetLineId) {
        const line = await this.budgets.lockById(tx, c.budgetLineId);
        if (!line) throw budgetLineNotFound(c.budgetLineId);
        await this.budgets.saveAmounts(tx, release(line, unpaidFen));
      }
      const event = await tx.publish(ContractTerminated, {
        subject: c.supplierUscc,
        causationId: c.eventId,
        data: {
          ...contractEventBase(c),
          reasons,
          cause,
          terminatedAt: now.toISOString(),
          paidFen,
          unpaidFen,
        },
      });
      await this.performance.saveState(tx, { ...c, status: 'TERMINATED', terminatedAt: now, terminationReasons: reasons, terminationCause: cause });
      // OCDS 'contractTermination' release; a stand-alone contract has no ocid: none.
      if (c.procurementId) await this.ocds.record(tx, c.procurementId, 'contractTermination', event.id, now);
      return { contractId: c.id, status: 'TERMINATED' as const, reasons, cause, terminatedAt: now.toISOString(), paidFen, unpaidFen, eventId: event.id };
    });
  }
}
