import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { isSqlite } from '@sop/persistence';
import { FunctionTransferStore, type RecordFilter, type RecordKeys, type RecordKind } from '../../application/function-transfer/function-transfer.ports';
import { managerOf } from '../entity-manager';
import { PurchasingFtRecordOrmEntity } from './function-transfer.orm-entities';

function columns(keys: RecordKeys) {
  return {
    jurisdiction: keys.jurisdiction ?? null,
    unitId: keys.unitId ?? null,
    uscc: keys.uscc ?? null,
    parentId: keys.parentId ?? null,
    owner: keys.owner ?? null,
    status: keys.status,
    revision: keys.revision,
  };
}

/** The function-transfer records on TypeORM (purchasing_ft_record). */
@Injectable()
export class TypeOrmFunctionTransferStore extends FunctionTransferStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async insert<T>(tx: Tx, kind: RecordKind, keys: RecordKeys, body: T, at: Date): Promise<void> {
    await tx.manager.insert(PurchasingFtRecordOrmEntity, { kind, id: keys.id, ...columns(keys), body: JSON.stringify(body), createdAt: at, updatedAt: at });
  }

  async get<T>(tx: Tx | null, kind: RecordKind, id: string): Promise<T | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingFtRecordOrmEntity, { kind, id });
    return r ? (JSON.parse(r.body) as T) : null;
  }

  async locked<T>(tx: Tx, kind: RecordKind, id: string): Promise<T | null> {
    const qb = tx.manager.createQueryBuilder(PurchasingFtRecordOrmEntity, 'r').where('r.kind = :kind AND r.id = :id', { kind, id });
    const r = await (isSqlite(tx.manager.connection) ? qb : qb.setLock('pessimistic_write')).getOne();
    return r ? (JSON.parse(r.body) as T) : null;
  }

  async update<T>(tx: Tx, kind: RecordKind, keys: RecordKeys, body: T, at: Date): Promise<boolean> {
    const result = await tx.manager.update(PurchasingFtRecordOrmEntity, { kind, id: keys.id, revision: keys.revision - 1 }, { ...columns(keys), body: JSON.stringify(body), updatedAt: at });
    return (result.affected ?? 0) === 1;
  }

  async find<T>(tx: Tx | null, kind: RecordKind, filter: RecordFilter, limit: number): Promise<T[]> {
    const qb = managerOf(this.ds, tx).createQueryBuilder(PurchasingFtRecordOrmEntity, 'r').where('r.kind = :kind', { kind });
    for (const key of ['unitId', 'uscc', 'parentId', 'owner', 'status'] as const) {
      const value = filter[key];
      if (value !== undefined && value !== null) qb.andWhere(`r.${key} = :${key}`, { [key]: value });
    }
    if (filter.jurisdictionPrefix) qb.andWhere('r.jurisdiction LIKE :prefix', { prefix: `${filter.jurisdictionPrefix}%` });
    const rows = await qb.orderBy('r.seq', 'ASC').limit(limit).getMany();
    return rows.map((r) => JSON.parse(r.body) as T);
  }
}
