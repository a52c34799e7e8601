import { Injectable } from '@nestjs/common';
import { AuthErrors, type Principal } from '@sop/auth';
import { TransferAgreementConcluded, type TransferMode } from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { civilDateOf, Clock, divisionPrefix, jurisdictionCovers } from '@sop/util';
import { randomUUID } from 'node:crypto';
import { AGREEMENT_STAGES, type FunctionCatalogueItem } from '../../../domain/function-transfer/catalogue-item';
import { FunctionTransferErrors } from '../../../domain/function-transfer/function-transfer.errors';
import { qualificationInForce, type UndertakerQualification } from '../../../domain/function-transfer/qualification';
import { assertModeConsistent, assertTerm, type TransferAgreement } from '../../../domain/function-transfer/transfer-agreement';
import { caseStats, type TransferCase } from '../../../domain/function-transfer/transfer-case';
import { OrganStore } from '../../organs/organs.ports';
import type { AwardRecord } from '../../procurements/awards.use-cases';
import { DecisionStore, ProcurementStore } from '../../procurements/procurements.ports';
import { FunctionTransferStore } from '../function-transfer.ports';
import { assertOwnDepartment, departmentOf, keysOf, LIST_LIMIT } from '../records';
import { agreementView } from './agreement.view';

export interface ConcludeAgreementInput {
  itemId: string;
  uscc: string;
  area: string;
  mode: TransferMode;
  procurementId: string | null;
  valueFen: number;
  scope: string;
  serviceStandards: string[];
  termStart: string;
  termEnd: string;
  firstReviewWorkingDays: number;
  supervisor: string;
}

const AWARD_RULE = 'a PURCHASED transfer is awarded through a procurement of this service, by the same department, to the same organization (regulations §8 item 3; Order 102)';

/**
 * Transfer agreements (regulations §8 item 3): a department concludes one with an organization holding a
 * qualification in force, for one of its own catalogue items at PILOT or later and an area its jurisdiction covers.
 */
@Injectable()
export class TransferAgreements {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: FunctionTransferStore,
    private readonly organs: OrganStore,
    private readonly procurements: ProcurementStore,
    private readonly decisions: DecisionStore,
    private readonly clock: Clock,
  ) {}

  async conclude(input: ConcludeAgreementInput, principal: Principal) {
    const now = this.clock.now();
    assertTerm(input.termStart, input.termEnd);
    assertModeConsistent(input.mode, input.procurementId);
    return this.uow.run(async (tx) => {
      const dept = await departmentOf(this.organs, tx, principal);
      const item = await this.store.locked<FunctionCatalogueItem>(tx, 'ITEM', input.itemId);
      if (!item) throw new FunctionTransferErrors.ITEM_NOT_FOUND(`no catalogue item ${input.itemId}`);
      assertOwnDepartment(item.departmentUnitId, principal, `catalogue item ${item.id}`);
      if (!AGREEMENT_STAGES.includes(item.stage))
        throw new FunctionTransferErrors.ITEM_NOT_TRANSFERABLE(`catalogue item ${item.id} is ${item.stage}`, { field: 'itemId', rule: 'agreements for items at PILOT, TRANSFERRED or UNDERTAKEN', extensions: { stage: item.stage } });
      if (!jurisdictionCovers(dept.jurisdiction, input.area)) throw new AuthErrors.OUT_OF_JURISDICTION(`area ${input.area} is outside the department's jurisdiction ${dept.jurisdiction}`);
      const qualification = await this.qualificationOf(tx, input.uscc, now);
      const valueFen = input.mode === 'PURCHASED' ? await this.awardedValue(tx, input.procurementId!, input.uscc, dept.unitId) : input.valueFen;
      const id = randomUUID();
      const event = await tx.publish(TransferAgreementConcluded, {
        subject: id,
        data: {
          agreementId: id,
          itemId: item.id,
          departmentUnitId: dept.unitId,
          uscc: input.uscc,
          qualificationId: qualification.id,
          area: input.area,
          mode: input.mode,
          procurementId: input.procurementId,
          valueFen,
          termStart: input.termStart,
          termEnd: input.termEnd,
          firstReviewWorkingDays: input.firstReviewWorkingDays,
          supervisor: input.supervisor,
          concludedAt: now.toISOString(),
        },
      });
      const a: TransferAgreement = {
        id,
        itemId: item.id,
        functionArea: item.functionArea,
        departmentUnitId: dept.unitId,
        departmentName: dept.name,
        uscc: input.uscc,
        organizationName: qualification.name,
        qualificationId: qualification.id,
        area: input.area,
        mode: input.mode,
        procurementId: input.procurementId,
        valueFen,
        scope: input.scope,
        serviceStandards: input.serviceStandards,
        termStart: input.termStart,
        termEnd: input.termEnd,
        firstReviewWorkingDays: input.firstReviewWorkingDays,
        supervisor: input.supervisor,
        status: 'ACTIVE',
        takeBacks: [],
        concludedBy: principal.subject,
        concludedAt: now.toISOString(),
        revision: 1,
        eventId: event.id,
      };
      await this.store.insert(tx, 'AGREEMENT', keysOf.AGREEMENT(a), a, now);
      return agreementView(a);
    });
  }

  /** Public: an agreement with its cases' figures (volumes, time to first review, override rate; issue 12 item 4). */
  async agreement(id: string) {
    const a = await this.store.get<TransferAgreement>(null, 'AGREEMENT', id);
    if (!a) throw new FunctionTransferErrors.AGREEMENT_NOT_FOUND(`no transfer agreement ${id}`);
    const cases = await this.store.find<TransferCase>(null, 'CASE', { parentId: id }, LIST_LIMIT * 100);
    return agreementView(a, caseStats(cases, this.clock.now()));
  }

  async list(filter: { jurisdiction?: string; uscc?: string; itemId?: string; departmentUnitId?: string }) {
    const items = await this.store.find<TransferAgreement>(
      null,
      'AGREEMENT',
      { jurisdictionPrefix: filter.jurisdiction ? divisionPrefix(filter.jurisdiction) : undefined, uscc: filter.uscc, parentId: filter.itemId, unitId: filter.departmentUnitId },
      LIST_LIMIT + 1,
    );
    return { items: items.slice(0, LIST_LIMIT).map((a) => agreementView(a)), truncated: items.length > LIST_LIMIT };
  }

  private async qualificationOf(tx: Tx, uscc: string, now: Date): Promise<UndertakerQualification> {
    const held = await this.store.find<UndertakerQualification>(tx, 'QUALIFICATION', { uscc, status: 'ACTIVE' }, LIST_LIMIT);
    const q = held.find((x) => qualificationInForce(x, civilDateOf(now)));
    if (!q) throw new FunctionTransferErrors.NOT_QUALIFIED(`organization ${uscc} holds no undertaker qualification in force`, { field: 'uscc', rule: "civil affairs' catalogue of qualified undertakers (regulations §8 item 2)" });
    return q;
  }

  private async awardedValue(tx: Tx, procurementId: string, uscc: string, unitId: string): Promise<number> {
    const p = await this.procurements.byId(tx, procurementId);
    const award = p ? await this.decisions.get<AwardRecord>(tx, procurementId, 'AWARD') : null;
    if (!p || !award || p.organUnitId !== unitId || award.body.winner.bidderUscc !== uscc)
      throw new FunctionTransferErrors.PROCUREMENT_NOT_AWARDED_TO_ORGANIZATION(
        !p ? `no procurement ${procurementId}` : !award ? `procurement ${procurementId} has not been awarded` : `procurement ${procurementId} was not awarded to ${uscc} by this department`,
        { field: 'procurementId', rule: AWARD_RULE, extensions: { awardedTo: award?.body.winner.bidderUscc ?? null } },
      );
    return award.body.winner.priceFen;
  }
}
