import { assertJurisdiction, assertWithinReach, type Principal } from '@sop/auth';
import { isSamePurchaser, type PurchaserBinding } from '../domain/purchaser-binding';
import { PurchasingErrors } from '../domain/purchasing.errors';
import type { PurchasingOrganVersion } from '../domain/purchasing-organ';

/**
 * Object-level reads of purchasing's objects (issue 10 §2), one policy per resource. What is outside a caller's reach
 * answers exactly like a missing object (404 with the object's own not-found code and the same detail), never 403:
 * a 403 would tell the caller which ids exist.
 *
 * Contracts (and their performance assessments, read with them and written only by the contract's purchaser):
 *  - auditor: every contract;
 *  - finance-officer: contracts whose purchasing organ's jurisdiction its jurisdiction covers (a contract recorded
 *    before the purchaser binding has none: auditors only);
 *  - purchaser: its own organ's contracts (the same unit_id; for a contract signed before the organ registry, bound
 *    to a jurisdiction, exactly that jurisdiction; for one recorded before the binding, its recorder);
 *  - any other role, or none of the above: 404.
 * The roles are cumulative: a principal holding two roles reaches what either reaches.
 */
export const contractNotFound = (contractId: string) => new PurchasingErrors.CONTRACT_NOT_FOUND(`no contract ${contractId}`);

export function assertContractReadable(principal: Principal, contract: PurchaserBinding & { id: string }): void {
  const notFound = () => contractNotFound(contract.id);
  if (principal.roles.includes('auditor')) return;
  if (principal.roles.includes('purchaser') && isSamePurchaser(contract, principal)) return;
  if (principal.roles.includes('finance-officer')) return assertWithinReach(principal, contract.purchaserJurisdiction ?? '', notFound);
  throw notFound();
}

/**
 * Paying a contract and deciding its payments are the finance officer's acts for the purchaser's jurisdiction: the
 * reach of another role the caller holds (an auditor's national reads, a purchaser's own organ) does not extend them.
 * A contract the caller cannot read at all: 404 as for a read; one it reads but may not pay: 403
 * AUTH.OUT_OF_JURISDICTION (the existence is no secret to it).
 */
export function assertPaysFor(principal: Principal, contract: PurchaserBinding & { id: string }): void {
  assertContractReadable(principal, contract);
  if (!principal.roles.includes('finance-officer')) throw contractNotFound(contract.id);
  assertJurisdiction(principal, contract.purchaserJurisdiction ?? '', `contract ${contract.id}`);
}

/**
 * Purchasing organs: auditor all; finance-officer those in divisions its jurisdiction covers (the organ's current
 * jurisdiction); purchaser its own unit only; else 404 PURCHASING.ORGAN_NOT_FOUND.
 */
export const organNotFound = (unitId: string) => new PurchasingErrors.ORGAN_NOT_FOUND(`no purchasing organ ${unitId}`);

export function assertOrganReadable(principal: Principal, organ: Pick<PurchasingOrganVersion, 'unitId' | 'jurisdiction'>): void {
  const notFound = () => organNotFound(organ.unitId);
  if (principal.roles.includes('auditor')) return;
  if (principal.roles.includes('purchaser') && principal.unitId === organ.unitId) return;
  if (principal.roles.includes('finance-officer')) return assertWithinReach(principal, organ.jurisdiction, notFound);
  throw notFound();
}

/**
 * Budget lines: auditor all; finance-officer those of organs in divisions its jurisdiction covers; purchaser its own
 * organ's lines; else 404 PURCHASING.BUDGET_LINE_NOT_FOUND.
 */
export const budgetLineNotFound = (id: string) => new PurchasingErrors.BUDGET_LINE_NOT_FOUND(`no budget line ${id}`, { violations: [{ field: 'budgetLineId', rule: 'a budget line within your reach', message: id }] });

export function assertBudgetLineReadable(principal: Principal, line: { id: string; organUnitId: string; organJurisdiction: string }): void {
  const notFound = () => budgetLineNotFound(line.id);
  if (principal.roles.includes('auditor')) return;
  if (principal.roles.includes('purchaser') && principal.unitId === line.organUnitId) return;
  if (principal.roles.includes('finance-officer')) return assertWithinReach(principal, line.organJurisdiction, notFound);
  throw notFound();
}
