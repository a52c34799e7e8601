import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { PenaltyStore } from '../../application/penalties/penalties.ports';
import type { Penalty, PenaltyKind } from '../../domain/penalty';
import { CreditPenaltyOrmEntity } from '../credit-lists.orm-entities';
import { TypeOrmStoreBase } from './typeorm-store.base';

/** credit_penalty: amounts in integer fen (BIGINT as string at the boundary). */
@Injectable()
export class TypeOrmPenaltyStore extends TypeOrmStoreBase implements PenaltyStore {
  constructor(ds: DataSource) {
    super(ds);
  }

  async penalties(tx: Tx | null, uscc: string): Promise<Penalty[]> {
    const rows = await this.m(tx).find(CreditPenaltyOrmEntity, { where: { uscc }, order: { decidedAt: 'ASC' } });
    return rows.map((r) => ({
      penaltyId: r.penaltyId,
      uscc: r.uscc,
      kind: r.kind as PenaltyKind,
      amountFen: r.amountFen === null ? null : Number(r.amountFen),
      suspendedUntil: r.suspendedUntil ? r.suspendedUntil.toISOString() : null,
      decidedAt: r.decidedAt.toISOString(),
      decidingBody: r.decidingBody,
      basis: r.basis,
    }));
  }

  async insertPenalty(tx: Tx, p: Penalty, recordedBy: string, recordedAt: Date): Promise<void> {
    await tx.manager.insert(CreditPenaltyOrmEntity, {
      penaltyId: p.penaltyId,
      uscc: p.uscc,
      kind: p.kind,
      amountFen: p.amountFen === null ? null : String(p.amountFen),
      suspendedUntil: p.suspendedUntil ? new Date(p.suspendedUntil) : null,
      decidedAt: new Date(p.decidedAt),
      decidingBody: p.decidingBody,
      basis: p.basis,
      recordedBy,
      recordedAt,
    });
  }
}
