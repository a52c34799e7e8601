import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { ContractSigned } from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock } from '@sop/util';
import { checkMilestones, type Milestone } from '../../domain/contract/milestones';
import { checkContractTerms, type MultiYearDeclaration } from '../../domain/contract-terms';
import { assertSameRequest, requestHash } from '../../domain/idempotency';
import { BUDGET_RULE, release } from '../../domain/procurement/budget-line';
import { bindingOf } from '../../domain/purchaser-binding';
import { signingOrgan } from '../../domain/purchasing-organ';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { ruleSetInForce, ruleVersionOf } from '../../domain/purchasing-rules';
import { assertSignedAfterRegistration, assertSupplierEligible } from '../../domain/supplier-eligibility';
import { BudgetStore } from '../budgets/budgets.ports';
import { OrganStore } from '../organs/organs.ports';
import type { AwardRecord } from '../procurements/awards.use-cases';
import { DecisionStore, ProcurementStore } from '../procurements/procurements.ports';
import { assertOwnPurchaser, procurementNotFound } from '../procurements/procurements.use-cases';
import { budgetLineNotFound } from '../read-reach';
import { RuleSetStore } from '../rule-sets/rule-sets.ports';
import { SupplierStore } from '../suppliers/suppliers.ports';
import { GetContract } from '../contracts/get-contract.use-case';
import { OcdsPublisher } from '../ocds/ocds-publisher';
import { PerformanceStore, type ContractContent, type PerformingContract } from './contract-performance.ports';

export interface ContractFromAwardInput {
  /** Default: the procurement's title. */
  title?: string;
  content: ContractContent;
  termStart: string;
  termEnd: string;
  signedAt: string;
  multiYear?: MultiYearDeclaration;
  milestones: Milestone[];
}

type ContractFull = Awaited<ReturnType<GetContract['contractOf']>>;

/**
 * The contract of an awarded procurement (Order 102 Art. 23–24): signed by the procurement's purchasing organ once
 * the award's standstill has ended, with the awarded bidder at the awarded price (within the procurement's
 * commitment), the Art. 23 content, the Art. 24 term, the supplier's eligibility re-checked at signing, and milestones
 * summing to the value. The commitment above the value goes back to the budget line; ContractSigned (with the
 * procurement, ocid and milestones) commits with the contract. One contract per procurement (409 CONTRACT_EXISTS);
 * an Idempotency-Key retry answers with the original contract like POST /contracts.
 */
@Injectable()
export class ContractFromAward {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly procurements: ProcurementStore,
    private readonly decisions: DecisionStore,
    private readonly performance: PerformanceStore,
    private readonly budgets: BudgetStore,
    private readonly suppliers: SupplierStore,
    private readonly ruleSets: RuleSetStore,
    private readonly organs: OrganStore,
    private readonly reading: GetContract,
    private readonly clock: Clock,
    private readonly ocds: OcdsPublisher,
  ) {}

  async sign(procurementId: string, input: ContractFromAwardInput, principal: Principal, idempotencyKey: string | null): Promise<{ contract: ContractFull; replayed: boolean }> {
    const hash = idempotencyKey ? requestHash({ procurementId, ...input, title: input.title ?? null, multiYear: input.multiYear ?? null }) : null;
    const replay = async () => {
      if (!idempotencyKey || !hash) return null;
      const original = await this.performance.contractByKey(idempotencyKey, principal.subject);
      if (!original) return null;
      assertSameRequest(original.requestHash, hash, idempotencyKey);
      return { contract: await this.reading.contractOf(original.id, principal), replayed: true };
    };
    const first = await replay();
    if (first) return first;
    try {
      const id = await this.signOnce(procurementId, input, principal, idempotencyKey, hash);
      return { contract: await this.reading.contractOf(id, principal), replayed: false };
    } catch (err) {
      const again = isDuplicateKey(err) ? await replay() : null;
      if (again) return again;
      if (isDuplicateKey(err)) throw new PurchasingErrors.CONTRACT_EXISTS(`procurement ${procurementId} has its contract already`);
      throw err;
    }
  }

  private signOnce(procurementId: string, input: ContractFromAwardInput, principal: Principal, idempotencyKey: string | null, hash: string | null): Promise<string> {
    return this.uow.run((tx) => this.signWithin(tx, procurementId, input, principal, idempotencyKey, hash));
  }

  /**
   * The signing inside the caller's transaction (a purchase mode that records its own facts with the contract, e.g.
   * an entrusted facility's operation): the contract's id. No Idempotency-Key replay here: the caller owns retries.
   */
  async signWithin(tx: Tx, procurementId: string, input: ContractFromAwardInput, principal: Principal, idempotencyKey: string | null = null, hash: string | null = null): Promise<string> {
    const now = this.clock.now();
    const signedAt = new Date(input.signedAt);
    if (Number.isNaN(signedAt.getTime()) || signedAt > now)
      throw new PurchasingErrors.SIGNED_IN_FUTURE('signedAt lies in the future', { violations: [{ field: 'signedAt', rule: 'a contract is recorded once signed', message: 'signedAt must not be after now' }] });
    const p = await this.procurements.byIdLocked(tx, procurementId);
    if (!p) throw procurementNotFound(procurementId);
    assertOwnPurchaser(principal, p);
    const award = (await this.decisions.get<AwardRecord>(tx, p.id, 'AWARD'))?.body;
    if (!award) throw new PurchasingErrors.AWARD_NOT_FOUND(`procurement ${p.id} has not been awarded`);
    const standstillEndsAt = new Date(award.standstill.endsAt);
    if (now < standstillEndsAt || signedAt < standstillEndsAt)
      throw new PurchasingErrors.STANDSTILL_NOT_ENDED(`the standstill after the award ends ${award.standstill.endsAt}`, {
        violations: [{ field: 'signedAt', rule: `signed after the standstill (${award.standstill.basis})`, message: `not before ${award.standstill.endsAt}` }],
        extensions: { standstillEndsAt: award.standstill.endsAt },
      });
    const existing = await this.performance.contractOfProcurement(tx, p.id);
    if (existing) throw new PurchasingErrors.CONTRACT_EXISTS(`procurement ${p.id} has its contract ${existing.id}`, { extensions: { contractId: existing.id } });

    const organ = signingOrgan(principal, await this.organs.current(tx, p.organUnitId), undefined);
    const rules = ruleSetInForce(signedAt, 'signedAt', organ.jurisdiction, await this.ruleSets.versions(tx));
    const valueFen = award.winner.priceFen;
    const accepted = checkContractTerms({ method: p.method, valueFen, termStart: input.termStart, termEnd: input.termEnd, multiYear: input.multiYear }, rules);
    if (valueFen > p.estimatedFen)
      throw new PurchasingErrors.BUDGET_EXCEEDED(`the awarded price ${valueFen} fen exceeds the procurement's commitment ${p.estimatedFen} fen`, {
        violations: [{ field: 'valueFen', rule: BUDGET_RULE, message: `at most ${p.estimatedFen} fen` }],
        extensions: { budgetLineId: p.budgetLineId, remainingFen: p.estimatedFen },
      });
    const milestones = checkMilestones(input.milestones, valueFen, input.termStart, input.termEnd);
    const ruleVersion = ruleVersionOf(rules);
    // Eligibility re-checked at signing (Order 102 Art. 6–7, §5.3), serialized with credit measure changes.
    const supplierUscc = award.winner.bidderUscc;
    await this.suppliers.lockSupplierFacts(tx, supplierUscc);
    const [supplier, measures] = await Promise.all([this.suppliers.supplier(tx, supplierUscc), this.suppliers.measures(tx, supplierUscc)]);
    assertSupplierEligible(supplierUscc, supplier ? { uscc: supplier.uscc, status: supplier.status, measures } : null, rules);
    if (supplier) assertSignedAfterRegistration(supplierUscc, signedAt, supplier.registeredAt);
    // The contract commits its value; the rest of the procurement's commitment goes back to the line.
    const line = await this.budgets.lockById(tx, p.budgetLineId);
    if (!line) throw budgetLineNotFound(p.budgetLineId);
    await this.budgets.saveAmounts(tx, release(line, p.estimatedFen - valueFen));

    const id = randomUUID();
    const terms = { supplierUscc, purchaser: organ.name, title: input.title ?? p.title, method: accepted.method, valueFen, termStart: input.termStart, termEnd: input.termEnd };
    const published = await tx.publish(ContractSigned, {
      subject: supplierUscc,
      policyVersion: ruleVersion,
      data: {
        contractId: id,
        ...terms,
        purchaserUnitId: organ.unitId,
        purchaserJurisdiction: organ.jurisdiction,
        signedAt: signedAt.toISOString(),
        ruleVersion,
        procurementId: p.id,
        ocid: p.ocid,
        milestones: milestones.map((m) => ({ sequence: m.sequence, title: m.title, dueOn: m.dueOn, amountFen: m.amountFen })),
      },
    });
    const contract: PerformingContract = {
      id,
      ...terms,
      multiYear: accepted.multiYear,
      budgetAssured: input.multiYear?.budgetAssured === true,
      stableService: input.multiYear?.stableService === true,
      signedAt,
      status: 'SIGNED',
      ruleVersion,
      ...bindingOf(principal, organ),
      purchaserOrganVersion: organ.version,
      recordedAt: now,
      eventId: published.id,
      idempotencyKey,
      requestHash: hash,
      procurementId: p.id,
      ocid: p.ocid,
      budgetLineId: p.budgetLineId,
      content: input.content,
      flaggedAt: null,
      flagEventId: null,
      terminatedAt: null,
      terminationReasons: null,
      completedAt: null,
    };
    await this.performance.insertContract(tx, contract);
    await this.performance.insertMilestones(tx, id, milestones);
    // OCDS 'contract' release of the process, frozen with the signing (issue 11 item 6).
    await this.ocds.record(tx, p.id, 'contract', published.id, now);
    return id;
  }
}
