import { PurchasingErrors } from './purchasing.errors';

/**
 * The purchasing organ a contract is bound to (Order 102 Art. 5: the purchaser is the state organ that signs and
 * manages the contract), recorded from the signing principal: its unit (token claim `unit_id`) when it has one, its
 * jurisdiction, and its subject. Contracts recorded before the binding existed carry neither unit nor jurisdiction.
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

/** The binding recorded when `principal` signs: a unit when the token names one, else jurisdiction only. */
export function bindingOf(principal: PurchaserIdentity): PurchaserBinding {
  const unit = principal.unitId?.trim();
  return { purchaserUnitId: unit ? unit : null, purchaserJurisdiction: principal.jurisdiction, recordedBy: principal.subject };
}

/**
 * Throws PURCHASING.NOT_THE_PURCHASER (403) unless `principal` acts for the organ the contract is bound to:
 * - bound to a unit → the principal's unit_id must be that unit;
 * - bound to a jurisdiction only → the principal's jurisdiction must be exactly that one;
 * - recorded before the binding (neither) → only the subject that recorded it (fail closed, not "anyone").
 */
export function assertSamePurchaser(contract: PurchaserBinding, principal: PurchaserIdentity): void {
  let allowed: boolean;
  let bound: string;
  if (contract.purchaserUnitId) {
    allowed = principal.unitId === contract.purchaserUnitId;
    bound = `unit ${contract.purchaserUnitId}`;
  } else if (contract.purchaserJurisdiction) {
    allowed = principal.jurisdiction === contract.purchaserJurisdiction;
    bound = `jurisdiction ${contract.purchaserJurisdiction}`;
  } else {
    allowed = principal.subject === contract.recordedBy;
    bound = `its recorder ${contract.recordedBy} (recorded before purchaser binding)`;
  }
  if (!allowed)
    throw new PurchasingErrors.NOT_THE_PURCHASER(`the contract is bound to ${bound}; you are not its purchaser`, { field: 'contractId', rule: PURCHASER_BINDING_RULE });
}
