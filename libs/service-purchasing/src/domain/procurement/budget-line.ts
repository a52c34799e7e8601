import { PurchasingErrors } from '../purchasing.errors';

/**
 * A budget line of a purchasing organ (Order 102 Art. 3: purchases are made within the budget), in integer fen. A
 * procurement commits an amount against it; payments (a later slice) move amounts from committed to paid. The rule:
 * committed + paid never exceed the amount.
 */
export interface BudgetLine {
  id: string;
  organUnitId: string;
  /** The organ's jurisdiction when the line was created (reach of finance officers). */
  organJurisdiction: string;
  fiscalYear: number;
  lineCode: string;
  description: string;
  amountFen: number;
  committedFen: number;
  paidFen: number;
  createdBy: string;
  createdAt: Date;
}

export const BUDGET_RULE = 'committed + paid never exceed the budget line (Order 102 Art. 3, budget constraint)';

export function remainingFen(line: Pick<BudgetLine, 'amountFen' | 'committedFen' | 'paidFen'>): number {
  return line.amountFen - line.committedFen - line.paidFen;
}

/** The line after committing `amountFen` (else 422 PURCHASING.BUDGET_EXCEEDED naming `field` and the remaining amount). */
export function commit(line: BudgetLine, amountFen: number, field: string): BudgetLine {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    throw new PurchasingErrors.VALUE_INVALID(`${field} must be a positive whole number of fen`, { violations: [{ field, rule: 'positive integer fen', message: String(amountFen) }] });
  const remaining = remainingFen(line);
  if (amountFen > remaining)
    throw new PurchasingErrors.BUDGET_EXCEEDED(`${amountFen} fen exceeds what budget line ${line.lineCode} (${line.fiscalYear}) still allows: ${remaining} fen`, {
      violations: [{ field, rule: BUDGET_RULE, message: `at most ${remaining} fen` }],
      extensions: { budgetLineId: line.id, remainingFen: remaining },
    });
  return { ...line, committedFen: line.committedFen + amountFen };
}

/** The line after releasing a commitment (a cancelled procurement); never below zero. */
export function release(line: BudgetLine, amountFen: number): BudgetLine {
  return { ...line, committedFen: Math.max(0, line.committedFen - amountFen) };
}
