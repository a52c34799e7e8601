import type { Tx } from '@sop/messaging';
import type { BudgetLine } from '../../domain/procurement/budget-line';

/** Persistence port of budget lines. */
export abstract class BudgetStore {
  /** Inserts a line (unique (organ, fiscal year, line code): a duplicate fails as a duplicate key). */
  abstract insert(tx: Tx, line: BudgetLine): Promise<void>;
  abstract byId(tx: Tx | null, id: string): Promise<BudgetLine | null>;
  abstract byCode(tx: Tx | null, organUnitId: string, fiscalYear: number, lineCode: string): Promise<BudgetLine | null>;
  /** Reads the line with its row locked until the transaction ends (MySQL FOR UPDATE; SQLite has one writer). */
  abstract lockById(tx: Tx, id: string): Promise<BudgetLine | null>;
  abstract saveAmounts(tx: Tx, line: BudgetLine): Promise<void>;
}
