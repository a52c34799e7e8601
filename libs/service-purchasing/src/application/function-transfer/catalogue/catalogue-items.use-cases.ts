import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { FunctionStageMoved, type FunctionStage, type KindOfAct } from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { Clock, divisionPrefix } from '@sop/util';
import { randomUUID } from 'node:crypto';
import { allowedMoves, moveStage, type FunctionCatalogueItem, type StageMove } from '../../../domain/function-transfer/catalogue-item';
import { FunctionTransferErrors } from '../../../domain/function-transfer/function-transfer.errors';
import { transferRuleVersionOf } from '../../../domain/function-transfer/transfer-rules';
import type { TransferAgreement } from '../../../domain/function-transfer/transfer-agreement';
import { OrganStore } from '../../organs/organs.ports';
import { AgreementTakeBack } from '../agreements/take-back.use-case';
import { FunctionTransferStore } from '../function-transfer.ports';
import { assertOwnDepartment, departmentOf, keysOf, LIST_LIMIT, saveChanged } from '../records';
import { TransferRuleSets } from '../rule-sets/transfer-rule-sets.use-cases';

export interface IdentifyFunctionInput {
  functionArea: string;
  title: string;
  kindOfAct: KindOfAct;
  legalBasis: string | null;
  reason: string;
}

export interface MoveStageInput {
  to: FunctionStage;
  legalBasis: string | null;
  reason: string;
}

function itemView(i: FunctionCatalogueItem) {
  const { revision: _r, ...rest } = i;
  return { ...rest, allowedMoves: allowedMoves(i.stage) };
}

/**
 * The catalogue of transferable functions per transferring department and jurisdiction (regulations §8 item 1):
 * departments identify items and move them one stage at a time; every move is a FunctionStageMoved event with who
 * and why, committed with the item. Revoking an item takes back every agreement for it.
 */
@Injectable()
export class FunctionCatalogue {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: FunctionTransferStore,
    private readonly organs: OrganStore,
    private readonly takeBacks: AgreementTakeBack,
    private readonly ruleSets: TransferRuleSets,
    private readonly clock: Clock,
  ) {}

  async identify(input: IdentifyFunctionInput, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const dept = await departmentOf(this.organs, tx, principal);
      const base: FunctionCatalogueItem = {
        id: randomUUID(),
        departmentUnitId: dept.unitId,
        departmentName: dept.name,
        jurisdiction: dept.jurisdiction,
        functionArea: input.functionArea,
        title: input.title,
        kindOfAct: input.kindOfAct,
        legalBasis: input.legalBasis?.trim() || null,
        stage: 'IDENTIFIED',
        revision: 1,
        history: [],
      };
      const move = await this.publish(tx, base, null, { legalBasis: base.legalBasis, reason: input.reason, movedBy: principal.subject, movedAt: now.toISOString() }, now);
      const item = { ...base, history: [move] };
      await this.store.insert(tx, 'ITEM', keysOf.ITEM(item), item, now);
      return itemView(item);
    });
  }

  async move(itemId: string, input: MoveStageInput, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const item = await this.store.locked<FunctionCatalogueItem>(tx, 'ITEM', itemId);
      if (!item) throw new FunctionTransferErrors.ITEM_NOT_FOUND(`no catalogue item ${itemId}`);
      assertOwnDepartment(item.departmentUnitId, principal, `catalogue item ${item.id}`);
      const moved = moveStage(item, input.to, { legalBasis: input.legalBasis, reason: input.reason, movedBy: principal.subject, movedAt: now.toISOString(), eventId: '' });
      const last = moved.history[moved.history.length - 1];
      const recorded = await this.publish(tx, moved, item.stage, last, now);
      const next = { ...moved, history: [...moved.history.slice(0, -1), recorded] };
      await saveChanged(this.store, tx, 'ITEM', keysOf.ITEM(next), next, now);
      if (input.to === 'REVOKED') {
        // Taking the function back takes back every agreement for it; their cases in first review return to the department.
        for (const a of await this.store.find<TransferAgreement>(tx, 'AGREEMENT', { parentId: item.id }, LIST_LIMIT)) {
          const locked = await this.store.locked<TransferAgreement>(tx, 'AGREEMENT', a.id);
          if (locked && locked.status !== 'REVOKED')
            await this.takeBacks.takeBackInTx(tx, locked, { action: 'REVOKED', forCause: false, reasons: [`catalogue item revoked: ${input.reason}`], legalBasis: input.legalBasis ?? '' }, principal.subject, now);
        }
      }
      return itemView(next);
    });
  }

  async item(itemId: string) {
    const item = await this.store.get<FunctionCatalogueItem>(null, 'ITEM', itemId);
    if (!item) throw new FunctionTransferErrors.ITEM_NOT_FOUND(`no catalogue item ${itemId}`);
    return itemView(item);
  }

  /** Public: the catalogue of a division and those under it, optionally one department's. */
  async list(filter: { jurisdiction?: string; departmentUnitId?: string }) {
    const items = await this.store.find<FunctionCatalogueItem>(
      null,
      'ITEM',
      { jurisdictionPrefix: filter.jurisdiction ? divisionPrefix(filter.jurisdiction) : undefined, unitId: filter.departmentUnitId },
      LIST_LIMIT + 1,
    );
    return { items: items.slice(0, LIST_LIMIT).map(itemView), truncated: items.length > LIST_LIMIT };
  }

  private async publish(tx: Tx, item: FunctionCatalogueItem, from: FunctionStage | null, move: Omit<StageMove, 'from' | 'to' | 'eventId'>, now: Date): Promise<StageMove> {
    const rules = await this.ruleSets.inForce(tx, item.jurisdiction, now);
    const event = await tx.publish(FunctionStageMoved, {
      subject: item.id,
      data: {
        itemId: item.id,
        departmentUnitId: item.departmentUnitId,
        jurisdiction: item.jurisdiction,
        functionArea: item.functionArea,
        title: item.title,
        kindOfAct: item.kindOfAct,
        from,
        to: item.stage,
        legalBasis: move.legalBasis,
        reason: move.reason,
        movedBy: move.movedBy,
        movedAt: move.movedAt,
        ruleVersion: transferRuleVersionOf(rules),
      },
    });
    return { ...move, from, to: item.stage, eventId: event.id };
  }
}
