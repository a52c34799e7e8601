import { divisionLevel, isDivisionCode, jurisdictionCovers, type DivisionLevel } from '@sop/util';
import type { PurchasingOrganKind } from '@sop/contracts';
import { PurchasingErrors } from './purchasing.errors';

/**
 * A purchasing organ as registered (Order 102 Art. 5 and 8, regulations §7.2): one version of its record. Versions
 * are append-only; the highest is the organ as it is now. The level follows from the jurisdiction (GB/T 2260).
 */
export interface PurchasingOrganVersion {
  unitId: string;
  version: number;
  name: string;
  kind: PurchasingOrganKind;
  jurisdiction: string;
  /** Why this version was recorded (null for the registration). */
  reason: string | null;
  recordedBy: string;
  recordedAt: Date;
  eventId: string;
}

/** Whether a kind of unit purchases services, and the article that says so (regulations §7.2). */
export const ORGAN_KIND_RULES: Record<PurchasingOrganKind, { purchases: boolean; basis: string }> = {
  STATE_ORGAN: { purchases: true, basis: 'Order 102 Art. 5: state organs at all levels purchase services' },
  PUBLIC_INSTITUTION_CATEGORY_1: { purchases: false, basis: 'Order 102 Art. 8: category-1 public-benefit institutions are excluded as purchasers' },
  PUBLIC_INSTITUTION_OTHER: { purchases: false, basis: 'Order 102 Art. 5 names state organs only; other public institutions may undertake (Art. 6), not purchase' },
  PEOPLES_ORGANIZATION_APPROPRIATION_FUNDED: {
    purchases: false,
    basis: 'Order 102 Art. 8: mass organizations using public-institution staffing and funded by appropriation are excluded as purchasers',
  },
  PEOPLES_ORGANIZATION_OTHER: { purchases: false, basis: 'Order 102 Art. 5 names state organs only' },
};

export const ORGAN_REGISTRATION_RULE = 'a purchasing organ is a state organ (Order 102 Art. 5; Art. 8 exclusions, regulations §7.2)';

export const PURCHASER_REGISTRATION_RULE =
  "the signing principal's unit_id is a purchasing organ registered as a state organ, in a jurisdiction the principal's jurisdiction covers (Order 102 Art. 5, regulations §7.2)";

export function levelOf(organ: Pick<PurchasingOrganVersion, 'jurisdiction'>): DivisionLevel {
  return divisionLevel(organ.jurisdiction);
}

/** A registration names a kind that purchases (else 422 PURCHASING.ORGAN_NOT_A_PURCHASER naming `kind` and the article). */
export function assertPurchasingKind(kind: PurchasingOrganKind): void {
  const rule = ORGAN_KIND_RULES[kind];
  if (!rule.purchases)
    throw new PurchasingErrors.ORGAN_NOT_A_PURCHASER(`a unit of kind ${kind} is not a purchasing organ: ${rule.basis}`, {
      violations: [{ field: 'kind', rule: ORGAN_REGISTRATION_RULE, message: rule.basis }],
    });
}

/** A division code an organ belongs to or a list names (else 400 PURCHASING.ORGAN_JURISDICTION_INVALID naming `jurisdiction`). */
export function assertDivisionCode(jurisdiction: string): void {
  if (!isDivisionCode(jurisdiction))
    throw new PurchasingErrors.ORGAN_JURISDICTION_INVALID(`${jurisdiction} is not a division code`, {
      violations: [{ field: 'jurisdiction', rule: 'a 6-digit GB/T 2260 division code', message: 'e.g. 110108' }],
    });
}

/** A finance officer registers or moves an organ only into a division its own jurisdiction covers (else 403). */
export function assertRegistrarCovers(officerJurisdiction: string, jurisdiction: string): void {
  assertDivisionCode(jurisdiction);
  if (!jurisdictionCovers(officerJurisdiction, jurisdiction))
    throw new PurchasingErrors.ORGAN_OUTSIDE_JURISDICTION(`division ${jurisdiction} is outside your jurisdiction ${officerJurisdiction}`, {
      violations: [{ field: 'jurisdiction', rule: 'a finance officer registers organs of divisions its jurisdiction covers', message: `not covered by ${officerJurisdiction}` }],
    });
}

/** The signing principal as the registry sees it. */
export interface SigningIdentity {
  jurisdiction: string;
  unitId?: string;
}

/**
 * The organ a signing principal acts for: its token's unit_id, registered (current version) as a kind that
 * purchases, in a division its jurisdiction covers. Else 403 PURCHASING.PURCHASER_NOT_REGISTERED naming the rule.
 * A supplied `purchaser` name must be the registered one (422 PURCHASING.PURCHASER_NAME_MISMATCH naming `purchaser`).
 */
export function signingOrgan(principal: SigningIdentity, organ: PurchasingOrganVersion | null, purchaserName: string | undefined): PurchasingOrganVersion {
  const unit = principal.unitId?.trim();
  const refuse = (detail: string) => new PurchasingErrors.PURCHASER_NOT_REGISTERED(detail, { rule: PURCHASER_REGISTRATION_RULE });
  if (!unit) throw refuse('your token names no unit (claim unit_id): contracts are signed by registered purchasing organs');
  if (!organ || organ.unitId !== unit) throw refuse(`unit ${unit} is not a registered purchasing organ`);
  const kindRule = ORGAN_KIND_RULES[organ.kind];
  if (!kindRule.purchases) throw refuse(`unit ${unit} is registered as ${organ.kind}, which does not purchase: ${kindRule.basis}`);
  if (!jurisdictionCovers(principal.jurisdiction, organ.jurisdiction))
    throw refuse(`unit ${unit} belongs to division ${organ.jurisdiction}, outside your jurisdiction ${principal.jurisdiction}`);
  if (purchaserName !== undefined && purchaserName !== organ.name)
    throw new PurchasingErrors.PURCHASER_NAME_MISMATCH(`purchaser must be the registered name of unit ${unit} ("${organ.name}") or be left out`, {
      violations: [{ field: 'purchaser', rule: 'the purchaser is the registered organ of unit_id', message: `expected "${organ.name}"` }],
      extensions: { registeredName: organ.name },
    });
  return organ;
}
