import type { OrganizationForm, UnitRole } from '@sop/contracts';
import { addCivilYears, civilDateOf, type CivilDate } from '@sop/util';
import { RegistrationErrors } from './registration.errors';

/**
 * The two ways a registration ends against the organization's will, kept apart (regulations §1):
 * - CERTIFICATE_REVOKED (吊销登记证书): a penalty; the registration was valid until the decision.
 * - REGISTRATION_CANCELLED (撤销登记): the registration is cancelled as if it had not been valid (e.g. obtained by fraud).
 * The registrar names which one the decision is; the register entry and OrganizationRevoked carry it.
 */
export const REVOCATION_KINDS = ['CERTIFICATE_REVOKED', 'REGISTRATION_CANCELLED'] as const;
export type RevocationKind = (typeof REVOCATION_KINDS)[number];

/**
 * The grounds on which a registration may be revoked, per form, each with its legal basis (regulations §1.1–1.3):
 * - FRAUD_IN_REGISTRATION: 社团条例 Art. 29; 民非条例 Art. 24; 基金会条例 Art. 41 (弄虚作假骗取登记).
 * - NO_ACTIVITY_FOR_ONE_YEAR: 社团条例 Art. 29 (no activity for 1 year after obtaining the certificate);
 *   基金会条例 Art. 41 (no charter activity within 12 months after the certificate). 民非条例 has no such ground.
 * - SUPERVISING_UNIT_WITHDREW_APPROVAL: 民非条例 Art. 24 (the business supervising unit withdraws its approval).
 * - CONTINUES_WHILE_DEREGISTRATION_DUE: 基金会条例 Art. 41 (operating on while meeting the deregistration conditions).
 * Grounds not listed for the organization's form are refused.
 */
export const REVOCATION_GROUNDS = {
  FRAUD_IN_REGISTRATION: {
    SOCIAL_GROUP: '社团条例 Art. 29',
    SOCIAL_SERVICE_ORGANIZATION: '民非条例 Art. 24',
    FOUNDATION: '基金会条例 Art. 41',
  },
  NO_ACTIVITY_FOR_ONE_YEAR: {
    SOCIAL_GROUP: '社团条例 Art. 29',
    FOUNDATION: '基金会条例 Art. 41',
  },
  SUPERVISING_UNIT_WITHDREW_APPROVAL: {
    SOCIAL_SERVICE_ORGANIZATION: '民非条例 Art. 24',
  },
  CONTINUES_WHILE_DEREGISTRATION_DUE: {
    FOUNDATION: '基金会条例 Art. 41',
  },
} as const satisfies Record<string, Partial<Record<OrganizationForm, string>>>;
export type RevocationGround = keyof typeof REVOCATION_GROUNDS;
export const REVOCATION_GROUND_NAMES = Object.keys(REVOCATION_GROUNDS) as RevocationGround[];

export interface RevocationRequest {
  ground: string;
  revocationKind: string;
  reason: string;
  /** Optional: when given it must be the ground's legal basis for the form (the basis follows from the ground). */
  legalBasis?: string;
}

export interface RevocationSubject {
  form: OrganizationForm;
  registeredAt: Date;
  unitRole: UnitRole | null;
}

export interface RevocationDecision {
  ground: RevocationGround;
  revocationKind: RevocationKind;
  legalBasis: string;
}

/** The legal basis of a ground for a form, or null when the ground is not listed for that form. */
export function revocationBasis(ground: string, form: OrganizationForm): string | null {
  if (!Object.prototype.hasOwnProperty.call(REVOCATION_GROUNDS, ground)) return null;
  const byForm: Partial<Record<OrganizationForm, string>> = REVOCATION_GROUNDS[ground as RevocationGround];
  return byForm[form] ?? null;
}

/**
 * Checks a revocation against the enumerated grounds (regulations §1) and returns the ground, the kind and the legal
 * basis to record. The one-year ground needs the year after registration to have passed (counted as the Civil Code
 * counts a period: from the day after registration, the year ends at 24:00 Beijing of the same date a year later);
 * the supervising unit can only withdraw an approval it gave (the organization is under a business supervising unit).
 */
export function decideRevocation(o: RevocationSubject, request: RevocationRequest, now: Date): RevocationDecision {
  if (!request.reason.trim()) {
    throw new RegistrationErrors.REVOCATION_GROUNDS_REQUIRED('a revocation states the facts of its ground (社团条例 Art. 29; 民非条例 Art. 24; 基金会条例 Art. 41)', {
      violations: [{ field: 'reason', rule: 'required', message: 'state the facts of the ground' }],
    });
  }
  if (!(REVOCATION_KINDS as readonly string[]).includes(request.revocationKind)) {
    throw new RegistrationErrors.REVOCATION_GROUNDS_REQUIRED('name whether the certificate is revoked (吊销) or the registration cancelled (撤销)', {
      violations: [{ field: 'revocationKind', rule: 'isIn', message: `one of ${REVOCATION_KINDS.join(', ')}` }],
    });
  }
  const legalBasis = revocationBasis(request.ground, o.form);
  if (!legalBasis) {
    throw new RegistrationErrors.REVOCATION_GROUND_NOT_LISTED(`ground ${request.ground} is not a revocation ground for a ${o.form} (regulations §1)`, {
      violations: [{ field: 'ground', rule: 'listedForForm', message: `listed for ${o.form}: ${REVOCATION_GROUND_NAMES.filter((g) => revocationBasis(g, o.form)).join(', ')}` }],
    });
  }
  if (request.legalBasis !== undefined && request.legalBasis.trim() !== legalBasis) {
    throw new RegistrationErrors.REVOCATION_GROUND_NOT_LISTED(`the legal basis of ${request.ground} for a ${o.form} is ${legalBasis}`, {
      violations: [{ field: 'legalBasis', rule: 'basisOfGround', message: `expected ${legalBasis} (or leave it out)` }],
    });
  }
  const ground = request.ground as RevocationGround;
  if (ground === 'NO_ACTIVITY_FOR_ONE_YEAR') {
    const yearEnds: CivilDate = addCivilYears(civilDateOf(o.registeredAt), 1);
    if (civilDateOf(now) <= yearEnds) {
      throw new RegistrationErrors.REVOCATION_GROUND_NOT_MET(`no year without activity can have passed: the first year after registration ends on ${yearEnds} (${legalBasis})`, {
        violations: [{ field: 'ground', rule: 'oneYearAfterCertificate', message: `possible from the day after ${yearEnds} (Beijing)` }],
      });
    }
  }
  if (ground === 'SUPERVISING_UNIT_WITHDREW_APPROVAL' && o.unitRole !== 'BUSINESS_SUPERVISING_UNIT') {
    throw new RegistrationErrors.REVOCATION_GROUND_NOT_MET(`the organization has no business supervising unit whose approval could be withdrawn (${legalBasis})`, {
      violations: [{ field: 'ground', rule: 'underSupervisingUnit', message: 'only an organization under a business supervising unit' }],
    });
  }
  return { ground, revocationKind: request.revocationKind as RevocationKind, legalBasis };
}
