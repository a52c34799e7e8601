/**
 * The OCDS 1.1 closed codelists this service publishes against, and the open ones it uses, written from the
 * OCDS 1.1 codelist files (open-contracting/standard, standard/schema/codelists/*.csv, and the 1.1.0 changelog for
 * the codes 1.1 added: tender status `planning` and `withdrawn`, method `direct`, milestone status `scheduled`,
 * release tag `planningUpdate`, party role `interestedParty` from 1.1.4).
 */

export const RELEASE_TAGS = [
  'planning',
  'planningUpdate',
  'tender',
  'tenderAmendment',
  'tenderUpdate',
  'tenderCancellation',
  'award',
  'awardUpdate',
  'awardCancellation',
  'contract',
  'contractUpdate',
  'contractAmendment',
  'implementation',
  'implementationUpdate',
  'contractTermination',
  'compiled',
] as const;
export type ReleaseTag = (typeof RELEASE_TAGS)[number];

export const INITIATION_TYPES = ['tender'] as const;
export const TENDER_STATUSES = ['planning', 'planned', 'active', 'cancelled', 'unsuccessful', 'complete', 'withdrawn'] as const;
export type TenderStatus = (typeof TENDER_STATUSES)[number];
export const AWARD_STATUSES = ['pending', 'active', 'cancelled', 'unsuccessful'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];
export const CONTRACT_STATUSES = ['pending', 'active', 'cancelled', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const MILESTONE_STATUSES = ['scheduled', 'met', 'notMet', 'partiallyMet'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const PROCUREMENT_METHODS = ['open', 'selective', 'limited', 'direct'] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];
export const PROCUREMENT_CATEGORIES = ['goods', 'works', 'services'] as const;

/**
 * partyRole is an open codelist in OCDS 1.1 (publishers may add codes). Our schema closes it to the 1.1 codes so a
 * misspelt role ("suplier") is caught in the tests instead of reaching the open data.
 */
export const PARTY_ROLES = [
  'buyer',
  'procuringEntity',
  'supplier',
  'tenderer',
  'funder',
  'enquirer',
  'payer',
  'payee',
  'reviewBody',
  'interestedParty',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/**
 * The ISO 4217 codes in force in the OCDS 1.1 currency codelist (codes with no "Valid Until"). The withdrawn codes
 * that 1.1 also lists (DEM, FRF, …) are left out: this service publishes CNY only and must never emit an old code.
 */
export const CURRENCIES = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
  'GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP ' +
  'LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRO MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN ' +
  'PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLL SOS SRD SSP STD SVC SYP SZL THB TJS TMT ' +
  'TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UZS VEF VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XDR XOF XPD ' +
  'XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWL'
).split(' ');

/**
 * The org-id.guide scheme for China's unified social credit code: `CN-USCI` ("Unified Social Credit Identifier",
 * 统一社会信用代码), confirmed and not deprecated in the org-id register (org-id/register, lists/cn/cn-usci.json,
 * last updated 2020-08-04). Note the register's spelling: USCI, not USCC. CN-SAIC, the older scheme of the enterprise
 * registry, does not cover social organizations.
 */
export const USCC_SCHEME = 'CN-USCI';

/**
 * Purchasing organs are identified by their unit id in this platform's organ registry (the token claim `unit_id`).
 * It is not an org-id.guide scheme, so it is published under a local scheme name that says whose list it is.
 */
export const ORGAN_UNIT_SCHEME = 'SOP-PURCHASING-ORGAN';

/**
 * The OCDS pagination extension (open-contracting-extensions/ocds_pagination_extension): it adds `links.next` /
 * `links.prev` to packages, which core 1.1 packages do not have. A package that carries links declares it.
 */
export const PAGINATION_EXTENSION = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_pagination_extension/master/extension.json';
