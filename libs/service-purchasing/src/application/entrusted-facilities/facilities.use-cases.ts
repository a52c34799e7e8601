import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { FacilityEntrusted, type FacilityKind } from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import type { Milestone } from '../../domain/contract/milestones';
import { checkContractTerms, type MultiYearDeclaration } from '../../domain/contract-terms';
import { checkFacility, checkOperationTerms, type Facility, type FeeItem, type Operation, type ServiceIndicator } from '../../domain/entrusted-facilities/facility';
import { PurchaseModeErrors } from '../../domain/purchase-modes/purchase-modes.errors';
import { ruleSetInForce, type PurchaseMethod } from '../../domain/purchasing-rules';
import { BudgetStore } from '../budgets/budgets.ports';
import { ContractFromAward } from '../contract-performance/contract-from-award.use-case';
import { PerformanceStore, type ContractContent } from '../contract-performance/contract-performance.ports';
import { OrganStore } from '../organs/organs.ports';
import type { AwardRecord } from '../procurements/awards.use-cases';
import { DecisionStore } from '../procurements/procurements.ports';
import { procurementNotFound } from '../procurements/procurements.use-cases';
import { insertModeContract } from '../purchase-modes/mode-contract';
import { assertOwnOrgan, organOf, saveChanged } from '../purchase-modes/mode-support';
import { PurchaseModeStore } from '../purchase-modes/purchase-modes.ports';
import { RuleSetStore } from '../rule-sets/rule-sets.ports';
import { SupplierStore } from '../suppliers/suppliers.ports';

export interface RegisterFacilityInput {
  name: string;
  kind: FacilityKind;
  address: string;
  capacity: number;
}

export interface EntrustInput {
  operatorUscc: string;
  /** Selected through this procurement's award … */
  procurementId?: string;
  /** … or recorded with its legal basis, a budget line and the method used. */
  legalBasis?: string;
  budgetLineId?: string;
  method?: PurchaseMethod;
  content: ContractContent;
  termStart: string;
  termEnd: string;
  signedAt: string;
  multiYear?: MultiYearDeclaration;
  fees: FeeItem[];
  indicators: ServiceIndicator[];
  /** Subsidies per period: the contract's milestones (one period = one milestone). */
  subsidies: Milestone[];
}

export const facilityKeys = (f: Facility) => ({ id: f.id, unitId: f.ownerUnitId, jurisdiction: f.ownerJurisdiction, uscc: f.operation?.operatorUscc ?? null, status: f.status, revision: f.revision });
export const facilityNotFound = (id: string) => new PurchaseModeErrors.FACILITY_NOT_FOUND(`no entrusted facility ${id}`);

/**
 * Entrusted operation of public facilities (公建民营): the owner organ registers its facility, then entrusts it to an
 * operator for a term — selected through one of its procurements (the award must name the operator; the contract is
 * signed by ContractFromAward, standstill and Art. 24 included) or recorded with its legal basis (the contract through
 * the mode-contract path, Art. 24 checked) — with fees, subsidies per period (milestones) and service indicators.
 */
@Injectable()
export class EntrustedFacilities {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PurchaseModeStore,
    private readonly organs: OrganStore,
    private readonly decisions: DecisionStore,
    private readonly fromAward: ContractFromAward,
    private readonly performance: PerformanceStore,
    private readonly suppliers: SupplierStore,
    private readonly budgets: BudgetStore,
    private readonly ruleSets: RuleSetStore,
    private readonly clock: Clock,
  ) {}

  async register(input: RegisterFacilityInput, principal: Principal) {
    checkFacility(input);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const organ = await organOf(this.organs, tx, principal);
      const f: Facility = { id: randomUUID(), ownerUnitId: organ.unitId, ownerJurisdiction: organ.jurisdiction, ownerName: organ.name, ...input, status: 'REGISTERED', operation: null, checks: [], registeredBy: principal.subject, registeredAt: now.toISOString(), revision: 1 };
      await this.store.insert(tx, 'FACILITY', facilityKeys(f), f, now);
      return f;
    });
  }

  async get(id: string) {
    const f = await this.store.get<Facility>(null, 'FACILITY', id);
    if (!f) throw facilityNotFound(id);
    return f;
  }

  async entrust(facilityId: string, input: EntrustInput, principal: Principal) {
    checkOperationTerms(input.fees, input.indicators);
    const byAward = !!input.procurementId;
    if (byAward === !!input.legalBasis?.trim() || (!byAward && (!input.budgetLineId || !input.method)))
      throw new PurchaseModeErrors.OPERATOR_BASIS_REQUIRED('name the procurement that selected the operator, or its legal basis with a budget line and method', { field: byAward ? 'legalBasis' : 'procurementId', rule: 'an operator is selected by a procurement award or recorded with its legal basis' });
    const facility = await this.get(facilityId);
    assertOwnOrgan(facility.ownerUnitId, principal, `facility ${facilityId}`);
    if (facility.operation) throw new PurchaseModeErrors.FACILITY_ALREADY_ENTRUSTED(`facility ${facilityId} is operated by ${facility.operation.operatorUscc}`);
    if (byAward) {
      const procurementId = input.procurementId as string;
      const award = (await this.decisions.get<AwardRecord>(null, procurementId, 'AWARD'))?.body;
      if (!award) throw procurementNotFound(procurementId);
      if (award.winner.bidderUscc !== input.operatorUscc)
        throw new PurchaseModeErrors.AWARD_NOT_TO_OPERATOR(`procurement ${procurementId} was awarded to ${award.winner.bidderUscc}`, { field: 'operatorUscc', rule: 'an operator selected by procurement is the awarded bidder', extensions: { awardedUscc: award.winner.bidderUscc } });
      // The contract of the award (standstill, awarded price, Art. 23–24, eligibility at signing) and the operation
      // commit together: a failure leaves neither. A procurement whose contract exists already is refused by the
      // signing (409 PURCHASING.CONTRACT_EXISTS).
      return this.uow.run(async (tx) => {
        await this.store.locked<Facility>(tx, 'FACILITY', facilityId); // facility first, as every facility step locks
        const contractId = await this.fromAward.signWithin(tx, procurementId, { content: input.content, termStart: input.termStart, termEnd: input.termEnd, signedAt: input.signedAt, multiYear: input.multiYear, milestones: input.subsidies }, principal);
        const c = await this.performance.contract(tx, contractId);
        return this.record(tx, facilityId, input, principal, { contractId, termStart: c?.termStart ?? input.termStart, termEnd: c?.termEnd ?? input.termEnd, valueFen: c?.valueFen ?? 0 });
      });
    }
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const organ = await organOf(this.organs, tx, principal);
      const signedAt = new Date(input.signedAt);
      const rules = ruleSetInForce(signedAt, 'signedAt', organ.jurisdiction, await this.ruleSets.versions(tx));
      const valueFen = input.subsidies.reduce((a, m) => a + m.amountFen, 0);
      const accepted = checkContractTerms({ method: input.method as string, valueFen, termStart: input.termStart, termEnd: input.termEnd, multiYear: input.multiYear }, rules);
      const { contractId } = await insertModeContract(
        tx,
        { performance: this.performance, suppliers: this.suppliers, budgets: this.budgets },
        { organ, supplierUscc: input.operatorUscc, title: `${facility.name} 委托运营`, method: accepted.method, valueFen, termStart: input.termStart, termEnd: input.termEnd, multiYear: accepted.multiYear, budgetAssured: input.multiYear?.budgetAssured === true, stableService: input.multiYear?.stableService === true, signedAt, milestones: input.subsidies, content: input.content, budgetLineId: input.budgetLineId as string, commitFen: valueFen, rules },
        principal,
        now,
      );
      return this.record(tx, facilityId, input, principal, { contractId, termStart: input.termStart, termEnd: input.termEnd, valueFen });
    });
  }

  private async record(tx: Tx, facilityId: string, input: EntrustInput, principal: Principal, c: { contractId: string; termStart: string; termEnd: string; valueFen: number }) {
    const now = this.clock.now();
    const f = await this.store.locked<Facility>(tx, 'FACILITY', facilityId);
    if (!f) throw facilityNotFound(facilityId);
    if (f.operation) throw new PurchaseModeErrors.FACILITY_ALREADY_ENTRUSTED(`facility ${facilityId} is operated by ${f.operation.operatorUscc}`);
    const basis = input.procurementId ? 'PROCUREMENT_AWARD' : 'LEGAL_BASIS';
    const event = await tx.publish(FacilityEntrusted, {
      subject: f.id,
      data: {
        facilityId: f.id,
        ownerUnitId: f.ownerUnitId,
        name: f.name,
        kind: f.kind,
        capacity: f.capacity,
        operatorUscc: input.operatorUscc,
        contractId: c.contractId,
        basis,
        ...(input.procurementId ? { procurementId: input.procurementId } : { legalBasis: input.legalBasis?.trim() }),
        termStart: c.termStart,
        termEnd: c.termEnd,
        periods: input.subsidies.length,
        subsidyFen: c.valueFen,
        indicators: input.indicators.map((i) => i.name),
        entrustedAt: now.toISOString(),
      },
    });
    const operation: Operation = {
      operatorUscc: input.operatorUscc,
      contractId: c.contractId,
      basis,
      procurementId: input.procurementId ?? null,
      legalBasis: input.legalBasis?.trim() || null,
      termStart: c.termStart,
      termEnd: c.termEnd,
      fees: input.fees,
      indicators: input.indicators,
      subsidyFen: c.valueFen,
      periods: input.subsidies.length,
      entrustedBy: principal.subject,
      entrustedAt: now.toISOString(),
      eventId: event.id,
    };
    const next: Facility = { ...f, status: 'ENTRUSTED', operation, revision: f.revision + 1 };
    await saveChanged(this.store, tx, 'FACILITY', facilityKeys(next), next, now);
    return next;
  }
}
