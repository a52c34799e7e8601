import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { ProcurementAmended, ProcurementCancelled, ProcurementNoticePublished } from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { Clock, divisionPrefix, NATIONAL_DIVISION } from '@sop/util';
import { commit, release } from '../../domain/procurement/budget-line';
import { allowedItem, catalogueInForce, catalogueVersionOf } from '../../domain/procurement/catalogue';
import {
  amend,
  assertDeadline,
  assertJustification,
  assertScoring,
  MINIMUM_BID_PERIODS,
  newOcid,
  type AmendmentInput,
  type Procurement,
  type PurchaseMethod,
  type QualificationRequirements,
  type ScoringMethod,
} from '../../domain/procurement/procurement-notice';
import { assertDivisionCode, signingOrgan } from '../../domain/purchasing-organ';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { BudgetStore } from '../budgets/budgets.ports';
import { CatalogueStore } from '../catalogue/catalogue.ports';
import { OcdsPublisher } from '../ocds/ocds-publisher';
import { OrganStore } from '../organs/organs.ports';
import { budgetLineNotFound } from '../read-reach';
import { procurementView } from './procurement.view';
import { DecisionStore, ProcurementStore } from './procurements.ports';

/** The OCDS publisher prefix of ocids (PURCHASING_OCDS_PREFIX). */
export const OCDS_PREFIX = Symbol('PURCHASING_OCDS_PREFIX');

export interface PublishNoticeInput {
  title: string;
  description: string;
  method: PurchaseMethod;
  justification?: string;
  catalogueItemCode: string;
  budgetLineId: string;
  estimatedFen: number;
  requirements: QualificationRequirements;
  scoring: ScoringMethod;
  bidDeadline: Date;
}

export const PROCUREMENT_LIST_LIMIT = 200;

export const procurementNotFound = (id: string) => new PurchasingErrors.PROCUREMENT_NOT_FOUND(`no procurement ${id}`);

const concurrent = (id: string) => new PurchasingErrors.PROCUREMENT_CHANGED_CONCURRENTLY(`procurement ${id} changed concurrently; read it and retry`);

/** Only the organ that published a notice amends, cancels, scores or awards it (its purchasers, by unit_id). */
export function assertOwnPurchaser(principal: Principal, p: Procurement): void {
  if (principal.unitId !== p.organUnitId)
    throw new PurchasingErrors.NOT_THE_PURCHASER(`procurement ${p.id} belongs to unit ${p.organUnitId}`, { rule: 'the purchasing organ that published the notice manages it' });
}

/**
 * Procurement notices (Order 102 Art. 2: government-procurement methods and procedures): publication by a registered
 * purchasing organ (catalogue item checked against the catalogue in force and the negative list, the estimate
 * committed against the organ's budget line with the row locked), amendments with reasons, cancellation releasing the
 * commitment. Each step is an event on purchasing.procurement.v1 in the same transaction (key: the procurement id).
 */
@Injectable()
export class Procurements {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly procurements: ProcurementStore,
    private readonly budgets: BudgetStore,
    private readonly catalogues: CatalogueStore,
    private readonly organs: OrganStore,
    private readonly clock: Clock,
    @Inject(OCDS_PREFIX) private readonly ocdsPrefix: string,
    private readonly decisions: DecisionStore,
    private readonly ocds: OcdsPublisher,
  ) {}

  async publish(input: PublishNoticeInput, principal: Principal) {
    const now = this.clock.now();
    assertJustification(input.method, input.justification);
    assertScoring(input.scoring);
    assertDeadline(input.method, input.bidDeadline, now);
    return this.uow.run(async (tx) => {
      const organ = signingOrgan(principal, principal.unitId ? await this.organs.current(tx, principal.unitId) : null, undefined);
      const catalogue = catalogueInForce(await this.catalogues.versions(tx), organ.jurisdiction, now);
      allowedItem(catalogue, input.catalogueItemCode);
      const line = await this.budgets.lockById(tx, input.budgetLineId);
      if (!line || line.organUnitId !== organ.unitId) throw budgetLineNotFound(input.budgetLineId);
      await this.budgets.saveAmounts(tx, commit(line, input.estimatedFen, 'estimatedFen'));
      const id = randomUUID();
      const p: Procurement = {
        id,
        ocid: newOcid(this.ocdsPrefix, id),
        organUnitId: organ.unitId,
        organJurisdiction: organ.jurisdiction,
        organName: organ.name,
        budgetLineId: line.id,
        title: input.title,
        description: input.description,
        method: input.method,
        justification: input.justification?.trim() || null,
        catalogueItemCode: input.catalogueItemCode,
        catalogueVersion: catalogueVersionOf(catalogue),
        estimatedFen: input.estimatedFen,
        requirements: input.requirements,
        scoring: input.scoring,
        bidDeadline: input.bidDeadline,
        status: 'OPEN',
        amendments: [],
        publishedBy: principal.subject,
        publishedAt: now,
        cancelReasons: null,
        cancelledAt: null,
        revision: 1,
      };
      const published = await tx.publish(ProcurementNoticePublished, {
        subject: id,
        data: {
          procurementId: id,
          ocid: p.ocid,
          organUnitId: p.organUnitId,
          organJurisdiction: p.organJurisdiction,
          budgetLineId: p.budgetLineId,
          title: p.title,
          method: p.method,
          catalogueItemCode: p.catalogueItemCode,
          catalogueVersion: p.catalogueVersion,
          estimatedFen: p.estimatedFen,
          bidDeadline: p.bidDeadline.toISOString(),
          minimumPeriodDays: MINIMUM_BID_PERIODS[p.method].days,
          publishedAt: now.toISOString(),
        },
      });
      await this.procurements.insert(tx, p);
      await this.ocds.record(tx, id, 'tender', published.id, now);
      return procurementView(p);
    });
  }

  async amend(id: string, input: AmendmentInput, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const p = await this.existing(tx, id);
      assertOwnPurchaser(principal, p);
      const { next, changed, material } = amend(p, input, now);
      const published = await tx.publish(ProcurementAmended, {
        subject: id,
        data: {
          procurementId: id,
          ocid: p.ocid,
          amendment: p.amendments.length + 1,
          changed,
          material,
          reasons: input.reasons,
          previousBidDeadline: p.bidDeadline.toISOString(),
          bidDeadline: next.bidDeadline.toISOString(),
          amendedAt: now.toISOString(),
        },
      });
      next.amendments = [
        ...p.amendments,
        {
          number: p.amendments.length + 1,
          changed,
          material,
          reasons: input.reasons,
          previousBidDeadline: p.bidDeadline.toISOString(),
          bidDeadline: next.bidDeadline.toISOString(),
          amendedBy: principal.subject,
          amendedAt: now.toISOString(),
          eventId: published.id,
        },
      ];
      if (!(await this.procurements.update(tx, next))) throw concurrent(id);
      await this.ocds.record(tx, id, 'tenderAmendment', published.id, now);
      return procurementView(next);
    });
  }

  /** Cancellation with reasons (before or after the deadline, not after the award): the commitment goes back to the line. */
  async cancel(id: string, reasons: string[], principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const p = await this.existing(tx, id);
      assertOwnPurchaser(principal, p);
      if (p.status === 'CANCELLED') throw new PurchasingErrors.PROCUREMENT_CANCELLED(`procurement ${id} was already cancelled`);
      if (await this.decisions.get(tx, id, 'AWARD')) throw new PurchasingErrors.ALREADY_AWARDED(`procurement ${id} was awarded: it is no longer cancelled as a notice`);
      const line = await this.budgets.lockById(tx, p.budgetLineId);
      if (!line) throw budgetLineNotFound(p.budgetLineId);
      await this.budgets.saveAmounts(tx, release(line, p.estimatedFen));
      const next: Procurement = { ...p, status: 'CANCELLED', cancelReasons: reasons, cancelledAt: now, revision: p.revision + 1 };
      const published = await tx.publish(ProcurementCancelled, {
        subject: id,
        data: { procurementId: id, ocid: p.ocid, reasons, budgetLineId: p.budgetLineId, releasedFen: p.estimatedFen, cancelledAt: now.toISOString() },
      });
      if (!(await this.procurements.update(tx, next))) throw concurrent(id);
      await this.ocds.record(tx, id, 'tenderCancellation', published.id, now);
      return procurementView(next);
    });
  }

  async get(id: string) {
    const p = await this.procurements.byId(null, id);
    if (!p) throw procurementNotFound(id);
    return procurementView(p);
  }

  /** The newest notices of a division and the divisions under it (default: the whole country). Public. */
  async list(jurisdiction: string | undefined, limit = PROCUREMENT_LIST_LIMIT) {
    const division = jurisdiction ?? NATIONAL_DIVISION;
    assertDivisionCode(division);
    const items = await this.procurements.list(divisionPrefix(division), limit + 1);
    return { jurisdiction: division, items: items.slice(0, limit).map(procurementView), truncated: items.length > limit };
  }

  private async existing(tx: Tx, id: string): Promise<Procurement> {
    const p = await this.procurements.byId(tx, id);
    if (!p) throw procurementNotFound(id);
    return p;
  }
}
