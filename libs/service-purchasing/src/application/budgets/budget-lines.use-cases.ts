import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock } from '@sop/util';
import { remainingFen, type BudgetLine } from '../../domain/procurement/budget-line';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { OrganStore } from '../organs/organs.ports';
import { assertBudgetLineReadable, assertOrganReadable, budgetLineNotFound, organNotFound } from '../read-reach';
import { BudgetStore } from './budgets.ports';

export interface CreateBudgetLineInput {
  organUnitId: string;
  fiscalYear: number;
  lineCode: string;
  description: string;
  amountFen: number;
}

export function budgetLineView(line: BudgetLine) {
  return {
    id: line.id,
    organUnitId: line.organUnitId,
    organJurisdiction: line.organJurisdiction,
    fiscalYear: line.fiscalYear,
    lineCode: line.lineCode,
    description: line.description,
    amountFen: line.amountFen,
    committedFen: line.committedFen,
    paidFen: line.paidFen,
    remainingFen: remainingFen(line),
    createdBy: line.createdBy,
    createdAt: line.createdAt.toISOString(),
  };
}

/**
 * Budget lines of purchasing organs (Order 102 Art. 3: purchases within the budget). A finance officer creates them
 * for a registered organ in its jurisdiction; procurements commit against them (application/procurements).
 * No event: the budget is purchasing's own data; the procurement events name the line.
 */
@Injectable()
export class BudgetLines {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly budgets: BudgetStore,
    private readonly organs: OrganStore,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateBudgetLineInput, principal: Principal) {
    const now = this.clock.now();
    const exists = (id: string) =>
      new PurchasingErrors.BUDGET_LINE_EXISTS(`organ ${input.organUnitId} already has budget line ${input.lineCode} in ${input.fiscalYear}`, {
        violations: [{ field: 'lineCode', rule: 'one line per organ, fiscal year and code', message: input.lineCode }],
        extensions: { budgetLineId: id },
      });
    return this.uow
      .run(async (tx) => {
        const organ = await this.organs.current(tx, input.organUnitId);
        if (!organ) throw organNotFound(input.organUnitId);
        // The officer's own reach only (a finance officer who is also an auditor creates within its jurisdiction).
        assertOrganReadable({ ...principal, roles: principal.roles.filter((r) => r === 'finance-officer') }, organ);
        const existing = await this.budgets.byCode(tx, input.organUnitId, input.fiscalYear, input.lineCode);
        if (existing) throw exists(existing.id);
        const line: BudgetLine = { id: randomUUID(), ...input, organJurisdiction: organ.jurisdiction, committedFen: 0, paidFen: 0, createdBy: principal.subject, createdAt: now };
        await this.budgets.insert(tx, line);
        return budgetLineView(line);
      })
      .catch(async (err: Error) => {
        if (!isDuplicateKey(err)) throw err;
        const winner = await this.budgets.byCode(null, input.organUnitId, input.fiscalYear, input.lineCode);
        throw exists(winner?.id ?? '');
      });
  }

  async line(id: string, principal: Principal) {
    const line = await this.budgets.byId(null, id);
    if (!line) throw budgetLineNotFound(id);
    assertBudgetLineReadable(principal, line);
    return budgetLineView(line);
  }
}
