import { randomUUID } from 'node:crypto';
import type { Principal } from '@sop/auth';
import { ContractSigned } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import { checkMilestones, type Milestone } from '../../domain/contract/milestones';
import { commit } from '../../domain/procurement/budget-line';
import { bindingOf } from '../../domain/purchaser-binding';
import type { PurchasingOrganVersion } from '../../domain/purchasing-organ';
import { ruleVersionOf, type PurchaseMethod, type PurchasingRuleSet } from '../../domain/purchasing-rules';
import { assertSignedAfterRegistration, assertSupplierEligible } from '../../domain/supplier-eligibility';
import type { BudgetStore } from '../budgets/budgets.ports';
import type { ContractContent, PerformanceStore, PerformingContract } from '../contract-performance/contract-performance.ports';
import { budgetLineNotFound } from '../read-reach';
import type { SupplierStore } from '../suppliers/suppliers.ports';

export interface ModeContractSpec {
  organ: PurchasingOrganVersion;
  supplierUscc: string;
  title: string;
  method: PurchaseMethod;
  valueFen: number;
  termStart: string;
  termEnd: string;
  /** Checked by the caller's mode (Order 102 Art. 24, or the PPP bounds). */
  multiYear: boolean;
  budgetAssured: boolean;
  stableService: boolean;
  signedAt: Date;
  milestones: Milestone[];
  content: ContractContent;
  budgetLineId: string;
  /** What the contract commits on the budget line now: its value, or 0 when the mode committed it already (a round's fund). */
  commitFen: number;
  rules: PurchasingRuleSet;
}

export interface ModeContractDeps {
  performance: PerformanceStore;
  suppliers: SupplierStore;
  budgets: BudgetStore;
}

/**
 * A contract of a purchase mode, inside the mode's transaction, on the same path as a contract from an award
 * (contract-from-award.use-case.ts): the supplier's eligibility re-checked at signing with its facts locked, the
 * milestones checked against value and term, the value committed on the budget line, ContractSigned published and
 * the contract and its milestones inserted through PerformanceStore — so acceptance, payments, serious-list flags and
 * termination apply to it unchanged.
 */
export async function insertModeContract(tx: Tx, deps: ModeContractDeps, spec: ModeContractSpec, principal: Principal, now: Date): Promise<{ contractId: string; eventId: string }> {
  const uscc = spec.supplierUscc;
  await deps.suppliers.lockSupplierFacts(tx, uscc);
  const [supplier, measures] = await Promise.all([deps.suppliers.supplier(tx, uscc), deps.suppliers.measures(tx, uscc)]);
  assertSupplierEligible(uscc, supplier ? { uscc, status: supplier.status, measures } : null, spec.rules);
  if (supplier) assertSignedAfterRegistration(uscc, spec.signedAt, supplier.registeredAt);
  const milestones = checkMilestones(spec.milestones, spec.valueFen, spec.termStart, spec.termEnd);
  const line = await deps.budgets.lockById(tx, spec.budgetLineId);
  if (!line || line.organUnitId !== spec.organ.unitId) throw budgetLineNotFound(spec.budgetLineId);
  if (spec.commitFen > 0) await deps.budgets.saveAmounts(tx, commit(line, spec.commitFen, 'valueFen'));
  const ruleVersion = ruleVersionOf(spec.rules);
  const id = randomUUID();
  const terms = { supplierUscc: uscc, purchaser: spec.organ.name, title: spec.title, method: spec.method, valueFen: spec.valueFen, termStart: spec.termStart, termEnd: spec.termEnd };
  const published = await tx.publish(ContractSigned, {
    subject: uscc,
    policyVersion: ruleVersion,
    data: {
      contractId: id,
      ...terms,
      purchaserUnitId: spec.organ.unitId,
      purchaserJurisdiction: spec.organ.jurisdiction,
      signedAt: spec.signedAt.toISOString(),
      ruleVersion,
      milestones: milestones.map((m) => ({ sequence: m.sequence, title: m.title, dueOn: m.dueOn, amountFen: m.amountFen })),
    },
  });
  const contract: PerformingContract = {
    id,
    ...terms,
    multiYear: spec.multiYear,
    budgetAssured: spec.budgetAssured,
    stableService: spec.stableService,
    signedAt: spec.signedAt,
    status: 'SIGNED',
    ruleVersion,
    ...bindingOf(principal, spec.organ),
    purchaserOrganVersion: spec.organ.version,
    recordedAt: now,
    eventId: published.id,
    idempotencyKey: null,
    requestHash: null,
    procurementId: null,
    ocid: null,
    budgetLineId: line.id,
    content: spec.content,
    flaggedAt: null,
    flagEventId: null,
    terminatedAt: null,
    terminationReasons: null,
    completedAt: null,
  };
  await deps.performance.insertContract(tx, contract);
  await deps.performance.insertMilestones(tx, id, milestones);
  return { contractId: id, eventId: published.id };
}
