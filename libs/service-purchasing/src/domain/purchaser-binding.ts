import { PurchasingErrors } from './purchasing.errors';

/**
 * The purchasing organ a contract is bound to (Order 102 Art. 5: the purchaser is the state organ that signs and
 * manages the contract): the registered organ the signing principal acts for (its unit, token claim `unit_id`, and
 * the organ's jurisdiction), and the principal's subject. Contracts signed before the organ registry may carry no
 * unit (bound to the signer's jurisdiction); those recorded before the binding existed carry neither.
 */
export interface PurchaserBinding {
  purchaserUnitId: string | null;
  purchaserJurisdiction: string | null;
  recordedBy: string;
}

/** The caller as far as the binding is concerned (a subset of @sop/auth's Principal). */
export interface PurchaserIdentity {
  subject: string;
  jurisdiction: string;
  unitId?: string;
}

export const PURCHASER_BINDING_RULE =
  'only the purchasing organ that signed a contract manages and assesses it (Order 102 Art. 5, regulations §7.2): the same unit (unit_id), or for a contract recorded without a unit the same jurisdiction';

/** The binding recorded when `principal` signs for the registered `organ` (purchasing-organ.ts signingOrgan). */
export function bindingOf(principal: PurchaserIdentity, organ: { unitId: string; jurisdiction: string }): PurchaserBinding {
  return { purchaserUnitId: organ.unitId, purchaserJurisdiction: organ.jurisdiction, recordedBy: principal.subject };
}

/**
 * Throws PURCHASING.NOT_THE_PURCHASER (403) unless `principal` acts for the organ the contract is bound to:
 * - bound to a unit → the principal's unit_id must be that unit;
 * - bound to a jurisdiction only → the principal's jurisdiction must be exactly that one;
 * - recorded before the binding (neither) → only the subject that recorded it (fail closed, not "anyone").
 */
export function assertSamePurchaser(contract: PurchaserBinding, principal: PurchaserIdentity): void {
  if (!isSamePurchaser(contract, principal))
    throw new PurchasingErrors.NOT_THE_PURCHASER(`the contract is bound to ${boundTo(contract)}; you are not its purchaser`, { field: 'contractId', rule: PURCHASER_BINDING_RULE });
}

/** Does `principal` act for the organ the contract is bound to (the rules of assertSamePurchaser)? */
export function isSamePurchaser(contract: PurchaserBinding, principal: PurchaserIdentity): boolean {
  if (contract.purchaserUnitId) return principal.unitId === contract.purchaserUnitId;
  if (contract.purchaserJurisdiction) return principal.jurisdiction === contract.purchaserJurisdiction;
  return principal.subject === contract.recordedBy;
}

function boundTo(contract: PurchaserBinding): string {
  if (contract.purchaserUnitId) return `unit ${contract.purchaserUnitId}`;
  if (contract.purchaserJurisdiction) return `jurisdiction ${contract.purchaserJurisdiction}`;
  return `its recorder ${contract.recordedBy} (recorded before purchaser binding)`;
}
