import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { ObjectionStore, type Objection } from '../../application/objections/objections.ports';
import { CreditObjectionOrmEntity } from '../credit-lists.orm-entities';
import { TypeOrmStoreBase } from './typeorm-store.base';

/** credit_objection. */
@Injectable()
export class TypeOrmObjectionStore extends TypeOrmStoreBase implements ObjectionStore {
  constructor(ds: DataSource) {
    super(ds);
  }

  async insertObjection(tx: Tx, o: Objection): Promise<void> {
    await tx.manager.insert(CreditObjectionOrmEntity, { ...o });
  }

  async objection(tx: Tx | null, id: string): Promise<Objection | null> {
    const r = await this.m(tx).findOneBy(CreditObjectionOrmEntity, { id });
    return r ? ({ ...r } as Objection) : null;
  }

  async updateObjection(tx: Tx, o: Objection): Promise<void> {
    await tx.manager.save(CreditObjectionOrmEntity, { ...o });
  }

  async objectionsOf(tx: Tx | null, uscc: string): Promise<Objection[]> {
    const rows = await this.m(tx).find(CreditObjectionOrmEntity, { where: { uscc }, order: { filedAt: 'ASC' } });
    return rows.map((r) => ({ ...r }) as Objection);
  }
}
