import { PurchasingErrors } from './purchasing.errors';

/**
 * The kind of a supplier read from its USCC (GB 32100-2015, regulations §9.1): position 1 the registration department
 * (5 civil affairs), position 2 the organization type under it. Order 102 Art. 6 admits enterprises, social
 * organizations, public institutions, rural collective economic organizations, grassroots self-governing
 * organizations and individuals (regulations §7.2); only civil affairs' social organizations are registered in this
 * platform, so only they can be checked here.
 */
export const SOCIAL_ORGANIZATION_CATEGORIES = ['SOCIAL_GROUP', 'SOCIAL_SERVICE_ORGANIZATION', 'FOUNDATION', 'OTHER_SOCIAL_ORGANIZATION'] as const;
export type SocialOrganizationCategory = (typeof SOCIAL_ORGANIZATION_CATEGORIES)[number];

export const OTHER_SUPPLIER_KINDS = ['ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'FARMERS_COOPERATIVE', 'PUBLIC_INSTITUTION', 'RURAL_COLLECTIVE', 'OTHER'] as const;
export type OtherSupplierKind = (typeof OTHER_SUPPLIER_KINDS)[number];

export type SupplierKind = { socialOrganization: true; category: SocialOrganizationCategory } | { socialOrganization: false; kind: OtherSupplierKind };

/** Department code 5 (civil affairs): a social organization (财综〔2016〕54号 counts these toward the 30 % share). */
export const isCivilAffairsUscc = (uscc: string): boolean => uscc.charAt(0) === '5';

const SOCIAL: Record<string, SocialOrganizationCategory> = { '1': 'SOCIAL_GROUP', '2': 'SOCIAL_SERVICE_ORGANIZATION', '3': 'FOUNDATION' };

export function supplierKindOf(uscc: string): SupplierKind {
  const [dept, type] = [uscc.charAt(0), uscc.charAt(1)];
  if (dept === '5') return { socialOrganization: true, category: SOCIAL[type] ?? 'OTHER_SOCIAL_ORGANIZATION' };
  if (dept === '9') return { socialOrganization: false, kind: type === '1' ? 'ENTERPRISE' : type === '2' ? 'INDIVIDUAL_BUSINESS' : type === '3' ? 'FARMERS_COOPERATIVE' : 'OTHER' };
  if (dept === '1' && type === '2') return { socialOrganization: false, kind: 'PUBLIC_INSTITUTION' };
  if (dept === 'N') return { socialOrganization: false, kind: 'RURAL_COLLECTIVE' };
  return { socialOrganization: false, kind: 'OTHER' };
}

/**
 * A supplier outside civil-affairs registration may be recorded on a stand-alone contract (the purchaser attests its
 * eligibility, recorded NOT_EVALUATED), except a state organ (department 1, type 1): organs purchase, they are not
 * among the undertakers of Order 102 Art. 6 (Art. 5, regulations §7.2).
 */
export function assertAdmittedOutsideCivilAffairs(uscc: string): void {
  if (uscc.charAt(0) === '1' && uscc.charAt(1) === '1')
    throw new PurchasingErrors.SUPPLIER_NOT_ADMITTED(`${uscc} is the code of a state organ, which purchases services and does not undertake them`, {
      field: 'supplierUscc',
      rule: 'Order 102 Art. 5–6: undertakers are enterprises, social organizations, public institutions and the other bodies Art. 6 lists (regulations §7.2)',
    });
}
