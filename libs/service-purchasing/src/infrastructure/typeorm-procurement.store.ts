import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { isSqlite } from '@sop/persistence';
import { BidStore, DecisionStore, ProcurementStore, type DecisionKind, type StoredDecision } from '../application/procurements/procurements.ports';
import type { Procurement, ProcurementStatus, PurchaseMethod } from '../domain/procurement/procurement-notice';
import type { BidStatus, SealedBid } from '../domain/procurement/sealed-bid';
import { managerOf } from './entity-manager';
import { PurchasingBidOrmEntity, PurchasingProcurementDecisionOrmEntity, PurchasingProcurementOrmEntity } from './purchasing.orm-entities';

function toProcurement(r: PurchasingProcurementOrmEntity): Procurement {
  return {
    ...r,
    method: r.method as PurchaseMethod,
    status: r.status as ProcurementStatus,
    requirements: JSON.parse(r.requirements),
    scoring: JSON.parse(r.scoring),
    amendments: JSON.parse(r.amendments),
    cancelReasons: r.cancelReasons ? JSON.parse(r.cancelReasons) : null,
    revision: Number(r.revision),
  };
}

function toRow(p: Procurement): PurchasingProcurementOrmEntity {
  return {
    ...p,
    requirements: JSON.stringify(p.requirements),
    scoring: JSON.stringify(p.scoring),
    amendments: JSON.stringify(p.amendments),
    cancelReasons: p.cancelReasons ? JSON.stringify(p.cancelReasons) : null,
  };
}

/** Procurement notices on TypeORM. */
@Injectable()
export class TypeOrmProcurementStore extends ProcurementStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async insert(tx: Tx, p: Procurement): Promise<void> {
    await tx.manager.insert(PurchasingProcurementOrmEntity, toRow(p));
  }

  async byId(tx: Tx | null, id: string): Promise<Procurement | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingProcurementOrmEntity, { id });
    return r ? toProcurement(r) : null;
  }

  async byIdLocked(tx: Tx, id: string): Promise<Procurement | null> {
    const qb = tx.manager.createQueryBuilder(PurchasingProcurementOrmEntity, 'p').where('p.id = :id', { id });
    const r = await (isSqlite(tx.manager.connection) ? qb : qb.setLock('pessimistic_write')).getOne();
    return r ? toProcurement(r) : null;
  }

  async update(tx: Tx, p: Procurement): Promise<boolean> {
    const { id, ...rest } = toRow(p);
    const result = await tx.manager.update(PurchasingProcurementOrmEntity, { id, revision: p.revision - 1 }, rest);
    return (result.affected ?? 0) === 1;
  }

  async list(divisionPrefix: string, limit: number): Promise<Procurement[]> {
    const rows = await this.ds
      .createQueryBuilder(PurchasingProcurementOrmEntity, 'p')
      .where('p.organJurisdiction LIKE :prefix', { prefix: `${divisionPrefix}%` })
      .orderBy('p.publishedAt', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toProcurement);
  }
}

const toBid = (r: PurchasingBidOrmEntity): SealedBid => ({ ...r, status: r.status as BidStatus, submission: Number(r.submission) });

/** Sealed bids on TypeORM: the content column holds only ciphertext. */
@Injectable()
export class TypeOrmBidStore extends BidStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async ofBidder(tx: Tx | null, procurementId: string, bidderUscc: string): Promise<SealedBid | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingBidOrmEntity, { procurementId, bidderUscc });
    return r ? toBid(r) : null;
  }

  async insert(tx: Tx, bid: SealedBid): Promise<void> {
    await tx.manager.insert(PurchasingBidOrmEntity, { ...bid });
  }

  async update(tx: Tx, bid: SealedBid, expectedSubmission: number, expectedStatus: string): Promise<boolean> {
    const { id, ...rest } = bid;
    const result = await tx.manager.update(PurchasingBidOrmEntity, { id, submission: expectedSubmission, status: expectedStatus }, rest);
    return (result.affected ?? 0) === 1;
  }

  async ofProcurement(tx: Tx | null, procurementId: string): Promise<SealedBid[]> {
    return (await managerOf(this.ds, tx).find(PurchasingBidOrmEntity, { where: { procurementId }, order: { submittedAt: 'ASC', id: 'ASC' } })).map(toBid);
  }
}

/** Frozen procurement decisions on TypeORM (table purchasing_procurement_decision). */
@Injectable()
export class TypeOrmDecisionStore extends DecisionStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async get<T>(tx: Tx | null, procurementId: string, kind: DecisionKind): Promise<StoredDecision<T> | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingProcurementDecisionOrmEntity, { procurementId, kind });
    if (!r) return null;
    return { procurementId, kind, body: JSON.parse(r.body) as T, ruleVersion: r.ruleVersion, recordedBy: r.recordedBy, recordedAt: r.recordedAt, eventId: r.eventId };
  }

  async insert<T>(tx: Tx, d: StoredDecision<T>): Promise<void> {
    await tx.manager.insert(PurchasingProcurementDecisionOrmEntity, { ...d, body: JSON.stringify(d.body) });
  }
}
