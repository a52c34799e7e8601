import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { isSqlite } from '@sop/persistence';
import { BudgetStore } from '../application/budgets/budgets.ports';
import type { BudgetLine } from '../domain/procurement/budget-line';
import { managerOf } from './entity-manager';
import { PurchasingBudgetLineOrmEntity } from './purchasing.orm-entities';

const toLine = (r: PurchasingBudgetLineOrmEntity): BudgetLine => ({ ...r, fiscalYear: Number(r.fiscalYear) });

/** Budget lines on TypeORM. */
@Injectable()
export class TypeOrmBudgetStore extends BudgetStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async insert(tx: Tx, line: BudgetLine): Promise<void> {
    await tx.manager.insert(PurchasingBudgetLineOrmEntity, { ...line });
  }

  async byId(tx: Tx | null, id: string): Promise<BudgetLine | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingBudgetLineOrmEntity, { id });
    return r ? toLine(r) : null;
  }

  async byCode(tx: Tx | null, organUnitId: string, fiscalYear: number, lineCode: string): Promise<BudgetLine | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingBudgetLineOrmEntity, { organUnitId, fiscalYear, lineCode });
    return r ? toLine(r) : null;
  }

  async lockById(tx: Tx, id: string): Promise<BudgetLine | null> {
    const qb = tx.manager.createQueryBuilder(PurchasingBudgetLineOrmEntity, 'b').where('b.id = :id', { id });
    // SQLite: one writer at a time (the transaction holds the database); MySQL: FOR UPDATE until commit.
    const r = await (isSqlite(tx.manager.connection) ? qb : qb.setLock('pessimistic_write')).getOne();
    return r ? toLine(r) : null;
  }

  async saveAmounts(tx: Tx, line: BudgetLine): Promise<void> {
    await tx.manager.update(PurchasingBudgetLineOrmEntity, { id: line.id }, { committedFen: line.committedFen, paidFen: line.paidFen });
  }
}
