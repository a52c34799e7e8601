import { Injectable } from '@nestjs/common';
import type { Tx } from '@sop/messaging';
import type { ProcurementSnapshot, SnapshotAward, SnapshotContract } from '../../domain/ocds';
import { catalogueVersionOf, NATIONAL_DEFAULT_CATALOGUE } from '../../domain/procurement/catalogue';
import type { Procurement, QualificationRequirements } from '../../domain/procurement/procurement-notice';
import { BudgetStore } from '../budgets/budgets.ports';
import { CatalogueStore } from '../catalogue/catalogue.ports';
import type { AwardRecord } from '../procurements/awards.use-cases';
import { DecisionStore, ProcurementStore, type StoredDecision } from '../procurements/procurements.ports';
import { SupplierStore } from '../suppliers/suppliers.ports';
import { OcdsContractSource } from './ocds.ports';

/** What the snapshot is made of: the service's own records of one procurement, read in the step's transaction. */
export interface SnapshotParts {
  procurement: Procurement;
  budgetLineDescription: string;
  /** The catalogue item's name in the catalogue version the notice was checked against (null: not found). */
  catalogueItemName: string | null;
  award: StoredDecision<AwardRecord> | null;
  /** The winner's registered name (null: purchasing does not know it; the USCC stands in). */
  supplierName: string | null;
  contract: SnapshotContract | undefined;
}

/** The qualification requirements in the notice's words (published as tender.eligibilityCriteria). */
export function requirementsText(r: QualificationRequirements): string | undefined {
  const parts = [
    r.registeredAndActive ? '依法登记且登记状态正常的社会组织' : null,
    r.notOnSeriousList ? '未被列入严重违法失信名单、未被禁止参与政府购买服务' : null,
    r.noMajorViolationYears ? `近${r.noMajorViolationYears}年内无重大违法记录` : null,
    r.minimumGrade ? `社会组织评估等级不低于${r.minimumGrade}` : null,
    ...r.other,
  ].filter((x): x is string => !!x);
  return parts.length > 0 ? parts.join('；') : undefined;
}

/**
 * The OCDS snapshot of a procurement from its records. Bids: only the count the award froze (bids received and
 * standing at the award); before the award the count is 0 and no bid is read at all — releaseFor publishes no bid
 * figure before the award, and what is not read cannot leak.
 */
export function procurementSnapshot(parts: SnapshotParts): ProcurementSnapshot {
  const p = parts.procurement;
  const originalDeadline = p.amendments.length > 0 ? [...p.amendments].sort((a, b) => a.number - b.number)[0].previousBidDeadline : p.bidDeadline.toISOString();
  const priceWeight = p.scoring.priceWeight;
  return {
    ocid: p.ocid,
    procurementId: p.id,
    title: p.title,
    description: p.description,
    buyer: { unitId: p.organUnitId, name: p.organName, jurisdiction: p.organJurisdiction },
    method: p.method,
    methodRationale: p.justification ?? undefined,
    budgetLine: { id: p.budgetLineId, description: parts.budgetLineDescription },
    catalogueItem: { code: p.catalogueItemCode, name: parts.catalogueItemName ?? p.catalogueItemCode, catalogueVersion: p.catalogueVersion },
    estimatedFen: p.estimatedFen,
    scoring: { priceWeightPercent: priceWeight, qualityWeightPercent: 100 - priceWeight, criteria: p.scoring.criteria.map((c) => c.name) },
    qualificationRequirements: requirementsText(p.requirements),
    // The service plans and publishes in one step: the notice is the planning.
    plannedAt: p.publishedAt.toISOString(),
    notice: { publishedAt: p.publishedAt.toISOString(), bidDeadline: originalDeadline },
    amendments: p.amendments.map((a) => ({ number: a.number, amendedAt: a.amendedAt, changed: a.changed, reasons: a.reasons, bidDeadline: a.bidDeadline })),
    cancellation: p.cancelledAt ? { cancelledAt: p.cancelledAt.toISOString(), reasons: p.cancelReasons ?? [] } : undefined,
    bids: { count: parts.award?.body.bidCount ?? 0 },
    award: parts.award ? awardOf(parts.award, parts.supplierName) : undefined,
    contract: parts.contract,
  };
}

function awardOf(stored: StoredDecision<AwardRecord>, supplierName: string | null): SnapshotAward {
  const a = stored.body;
  return {
    // The award is announced by one ProcurementAwarded event: its id names the award within the process.
    awardId: stored.eventId,
    awardedAt: a.awardedAt,
    valueFen: a.winner.priceFen,
    suppliers: [{ uscc: a.winner.bidderUscc, name: supplierName ?? a.winner.bidderUscc }],
    reasons: a.reasons.join('；'),
    standstillEndsAt: a.standstill.endsAt,
  };
}

/** Reads a procurement's snapshot from the stores inside the caller's transaction (so it sees the step's own writes). */
@Injectable()
export class ProcurementSnapshotAssembler {
  constructor(
    private readonly procurements: ProcurementStore,
    private readonly budgets: BudgetStore,
    private readonly catalogues: CatalogueStore,
    private readonly decisions: DecisionStore,
    private readonly suppliers: SupplierStore,
    private readonly contracts: OcdsContractSource,
  ) {}

  async assemble(tx: Tx, procurementId: string): Promise<ProcurementSnapshot> {
    const procurement = await this.procurements.byId(tx, procurementId);
    if (!procurement) throw new RangeError(`no procurement ${procurementId} to publish`);
    const [line, versions, award] = await Promise.all([
      this.budgets.byId(tx, procurement.budgetLineId),
      this.catalogues.versions(tx),
      this.decisions.get<AwardRecord>(tx, procurementId, 'AWARD'),
    ]);
    const catalogue = [NATIONAL_DEFAULT_CATALOGUE, ...versions].find((v) => catalogueVersionOf(v) === procurement.catalogueVersion);
    const supplier = award ? await this.suppliers.supplier(tx, award.body.winner.bidderUscc) : null;
    return procurementSnapshot({
      procurement,
      budgetLineDescription: line?.description ?? procurement.budgetLineId,
      catalogueItemName: catalogue?.items.find((i) => i.code === procurement.catalogueItemCode)?.name ?? null,
      award,
      supplierName: supplier?.name ?? null,
      // The contract, its milestones and payments come from the contract-performance slice through this port.
      contract: await this.contracts.contractOf(tx, procurementId),
    });
  }
}
