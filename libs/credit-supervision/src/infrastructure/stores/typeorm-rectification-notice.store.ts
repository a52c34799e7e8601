import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { RectificationNoticeStore, type RectificationNotice } from '../../application/inspections/inspections.ports';
import { CreditRectificationNoticeOrmEntity } from '../credit-lists.orm-entities';
import { TypeOrmStoreBase } from './typeorm-store.base';

/** credit_rectification_notice, indexed by (status, deadline) for the timers. */
@Injectable()
export class TypeOrmRectificationNoticeStore extends TypeOrmStoreBase implements RectificationNoticeStore {
  constructor(ds: DataSource) {
    super(ds);
  }

  async insertNotice(tx: Tx, n: RectificationNotice): Promise<void> {
    await tx.manager.insert(CreditRectificationNoticeOrmEntity, { ...n });
  }

  async notice(tx: Tx | null, id: string): Promise<RectificationNotice | null> {
    const r = await this.m(tx).findOneBy(CreditRectificationNoticeOrmEntity, { id });
    return r ? ({ ...r } as RectificationNotice) : null;
  }

  async updateNotice(tx: Tx, n: RectificationNotice): Promise<void> {
    await tx.manager.save(CreditRectificationNoticeOrmEntity, { ...n });
  }

  async noticesPastDeadline(now: Date): Promise<RectificationNotice[]> {
    const rows = await this.ds.manager
      .createQueryBuilder(CreditRectificationNoticeOrmEntity, 'n')
      .where('n.status = :open AND n.deadline <= :now', { open: 'OPEN', now: this.dateParam(now) })
      .orderBy('n.deadline', 'ASC')
      .getMany();
    return rows.map((r) => ({ ...r }) as RectificationNotice);
  }

  async openNoticesDueBy(tx: Tx, uscc: string, at: Date): Promise<RectificationNotice[]> {
    const rows = await tx.manager
      .createQueryBuilder(CreditRectificationNoticeOrmEntity, 'n')
      .where('n.uscc = :uscc AND n.status = :open AND n.deadline <= :at', { uscc, open: 'OPEN', at: this.dateParam(at) })
      .orderBy('n.deadline', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .getMany();
    return rows.map((r) => ({ ...r }) as RectificationNotice);
  }
}
