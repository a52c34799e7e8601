import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { isSqlite } from '@sop/persistence';
import { PurchaseModeStore, type ModeRecordFilter, type ModeRecordKeys, type ModeRecordKind } from '../../application/purchase-modes/purchase-modes.ports';
import { managerOf } from '../entity-manager';
import { PurchasingPmRecordOrmEntity } from './purchase-modes.orm-entities';

function columns(keys: ModeRecordKeys) {
  return { unitId: keys.unitId ?? null, jurisdiction: keys.jurisdiction ?? null, uscc: keys.uscc ?? null, parentId: keys.parentId ?? null, status: keys.status, revision: keys.revision };
}

/** The purchase-mode records on TypeORM (purchasing_pm_record). */
@Injectable()
export class TypeOrmPurchaseModeStore extends PurchaseModeStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async insert<T>(tx: Tx, kind: ModeRecordKind, keys: ModeRecordKeys, body: T, at: Date): Promise<void> {
    await tx.manager.insert(PurchasingPmRecordOrmEntity, { kind, id: keys.id, ...columns(keys), body: JSON.stringify(body), createdAt: at, updatedAt: at });
  }

  async get<T>(tx: Tx | null, kind: ModeRecordKind, id: string): Promise<T | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingPmRecordOrmEntity, { kind, id });
    return r ? (JSON.parse(r.body) as T) : null;
  }

  async locked<T>(tx: Tx, kind: ModeRecordKind, id: string): Promise<T | null> {
    const qb = tx.manager.createQueryBuilder(PurchasingPmRecordOrmEntity, 'r').where('r.kind = :kind AND r.id = :id', { kind, id });
    const r = await (isSqlite(tx.manager.connection) ? qb : qb.setLock('pessimistic_write')).getOne();
    return r ? (JSON.parse(r.body) as T) : null;
  }

  async update<T>(tx: Tx, kind: ModeRecordKind, keys: ModeRecordKeys, body: T, at: Date): Promise<boolean> {
    const result = await tx.manager.update(PurchasingPmRecordOrmEntity, { kind, id: keys.id, revision: keys.revision - 1 }, { ...columns(keys), body: JSON.stringify(body), updatedAt: at });
    return (result.affected ?? 0) === 1;
  }

  async find<T>(tx: Tx | null, kind: ModeRecordKind, filter: ModeRecordFilter, limit: number): Promise<T[]> {
    const qb = managerOf(this.ds, tx).createQueryBuilder(PurchasingPmRecordOrmEntity, 'r').where('r.kind = :kind', { kind });
    for (const key of ['unitId', 'uscc', 'parentId', 'status'] as const) {
      const value = filter[key];
      if (value !== undefined && value !== null) qb.andWhere(`r.${key} = :${key}`, { [key]: value });
    }
    const rows = await qb.orderBy('r.seq', 'ASC').limit(limit).getMany();
    return rows.map((r) => JSON.parse(r.body) as T);
  }
}
