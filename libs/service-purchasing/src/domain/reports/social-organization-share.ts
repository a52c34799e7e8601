import { civilDate, startOfCivilDay, type CivilDate } from '@sop/util';
import { OTHER_SUPPLIER_KINDS, SOCIAL_ORGANIZATION_CATEGORIES, supplierKindOf, type OtherSupplierKind, type SocialOrganizationCategory } from '../supplier-kinds';

/**
 * The share of new public-service purchasing that goes to social organizations (财综〔2016〕54号, regulations §7.1):
 * "in principle ≥ 30 %". The target is rule data with its source; the figures are exact integer fen.
 */
export const SOCIAL_ORGANIZATION_SHARE_TARGET = {
  ruleVersion: 'purchasing-share/caizong-2016-54@v1',
  minimumPercent: 30,
  /** "In principle" (原则上): a policy target, not a bar on any single contract. */
  inPrinciple: true,
  source: '财综〔2016〕54号 (MOF + MCA): of new public-service spending arranged through purchasing, in principle ≥ 30 % to social organizations (as restated in MOF’s Q&A book; regulations §7.1 [S18])',
} as const;

/** Why a contract counts as public-service purchasing (Order 102 Art. 9). */
export type PublicServiceBasis = 'CATALOGUE_PUBLIC_SERVICE' | 'DECLARED_PUBLIC_SERVICE';

/** A contract signed in the period whose service is a public service, with the purchaser's division. */
export interface ShareContract {
  contractId: string;
  supplierUscc: string;
  valueFen: number;
  purchaserJurisdiction: string;
  signedAt: Date;
  basis: PublicServiceBasis;
}

/** The Beijing calendar year of signing: [00:00 Beijing on 1 January, 00:00 Beijing on 1 January of the next year). */
export function beijingYear(year: number): { from: CivilDate; to: CivilDate; startsAt: Date; endsBefore: Date } {
  const from = civilDate(`${year}-01-01`);
  return { from, to: civilDate(`${year}-12-31`), startsAt: startOfCivilDay(from), endsBefore: startOfCivilDay(civilDate(`${year + 1}-01-01`)) };
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Percent with two decimals, rounded down, from exact integers (BigInt: fen × 10 000 may pass 2^53). */
function percentOf(part: number, total: number): string | null {
  if (total === 0) return null;
  const bp = (BigInt(part) * 10000n) / BigInt(total);
  return `${bp / 100n}.${String(bp % 100n).padStart(2, '0')}`;
}

export function shareFigures(contracts: readonly ShareContract[]) {
  const socialByCategory = zeros<SocialOrganizationCategory>(SOCIAL_ORGANIZATION_CATEGORIES);
  const otherByKind = zeros<OtherSupplierKind>(OTHER_SUPPLIER_KINDS);
  let total = 0;
  let social = 0;
  for (const c of contracts) {
    total += c.valueFen;
    const kind = supplierKindOf(c.supplierUscc);
    if (kind.socialOrganization) {
      social += c.valueFen;
      socialByCategory[kind.category] += c.valueFen;
    } else otherByKind[kind.kind] += c.valueFen;
  }
  const target = SOCIAL_ORGANIZATION_SHARE_TARGET.minimumPercent;
  return {
    contractCount: contracts.length,
    totalFen: total,
    socialOrganizationFen: social,
    socialOrganizationByCategoryFen: socialByCategory,
    otherSuppliersFen: total - social,
    otherSuppliersByKindFen: otherByKind,
    /** social / total in percent, two decimals rounded down; null when nothing was purchased. */
    sharePercent: percentOf(social, total),
    /** social × 100 ≥ total × 30, exactly; null when nothing was purchased. */
    targetMet: total === 0 ? null : BigInt(social) * 100n >= BigInt(total) * BigInt(target),
  };
}

/** The report of a jurisdiction and year: the whole and per purchaser division (sub-jurisdiction), ascending. */
export function socialOrganizationShareReport(jurisdiction: string, year: number, contracts: readonly ShareContract[], generatedAt: Date) {
  const period = beijingYear(year);
  const divisions = [...new Set(contracts.map((c) => c.purchaserJurisdiction))].sort();
  return {
    jurisdiction,
    year,
    period: { from: period.from, to: period.to, startsAt: period.startsAt.toISOString(), endsBefore: period.endsBefore.toISOString() },
    target: SOCIAL_ORGANIZATION_SHARE_TARGET,
    scope: 'contracts signed in the Beijing calendar year by purchasers in the jurisdiction, whose catalogue item is PUBLIC_SERVICE or, recorded stand-alone, declared a public service; contract value (fen) as signed',
    ...shareFigures(contracts),
    byJurisdiction: divisions.map((d) => ({ jurisdiction: d, ...shareFigures(contracts.filter((c) => c.purchaserJurisdiction === d)) })),
    contracts: contracts.map((c) => ({ contractId: c.contractId, supplierUscc: c.supplierUscc, supplierKind: supplierKindOf(c.supplierUscc), valueFen: c.valueFen, purchaserJurisdiction: c.purchaserJurisdiction, signedAt: c.signedAt.toISOString(), basis: c.basis })),
    generatedAt: generatedAt.toISOString(),
  };
}
