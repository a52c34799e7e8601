import { civilDate, civilDateOf, compareCivilDates, isDivisionCode, mostSpecificVersionInForce, NATIONAL_DIVISION, startOfCivilDay, type CivilDate } from '@sop/util';
import { PurchasingErrors } from '../purchasing.errors';

/** Order 102 Art. 9: the two kinds of service that may be purchased. */
export const CATALOGUE_CATEGORIES = ['PUBLIC_SERVICE', 'AUXILIARY_SERVICE'] as const;
export type CatalogueCategory = (typeof CATALOGUE_CATEGORIES)[number];

export interface CatalogueItem {
  code: string;
  name: string;
  category: CatalogueCategory;
}

/** A matter excluded from purchase of services, with the article that excludes it. */
export interface NegativeListItem {
  code: string;
  name: string;
  article: string;
}

/**
 * A version of the guiding catalogue and negative list of a jurisdiction (Order 102 Art. 10–11; provinces decide how
 * sub-provincial catalogues are compiled). A version is complete: it replaces the one before it for its
 * jurisdiction. The negative list of Order 102 Art. 10 applies everywhere, whatever a local version lists.
 */
export interface CatalogueVersion {
  ruleSetId: string;
  jurisdiction: string;
  version: number;
  effectiveFrom: CivilDate;
  items: CatalogueItem[];
  negativeList: NegativeListItem[];
  source: string;
  publishedBy: string;
  publishedAt: Date;
  note: string | null;
}

export const catalogueIdFor = (jurisdiction: string) => `catalogue/${jurisdiction}`;
export const catalogueVersionOf = (v: Pick<CatalogueVersion, 'ruleSetId' | 'version'>) => `${v.ruleSetId}@v${v.version}`;

/**
 * The negative list of Order 102 Art. 10 (regulations §7.2), FROM THE REGULATION: the six matters and their article
 * numbers. The codes (N10-1 … N10-6) are this service's own.
 */
export const ORDER_102_NEGATIVE_LIST: NegativeListItem[] = [
  { code: 'N10-1', name: 'services outside the government’s duties', article: 'Order 102 Art. 10(1)' },
  { code: 'N10-2', name: 'matters the government must perform directly', article: 'Order 102 Art. 10(2)' },
  { code: 'N10-3', name: 'goods and works under procurement law, and works bundled with services', article: 'Order 102 Art. 10(3)' },
  { code: 'N10-4', name: 'financing', article: 'Order 102 Art. 10(4)' },
  { code: 'N10-5', name: 'the purchaser’s own hiring, labour dispatch, and creation of public-welfare posts', article: 'Order 102 Art. 10(5)' },
  { code: 'N10-6', name: 'other matters barred by law or the State Council', article: 'Order 102 Art. 10(6)' },
];

const ORDER_102_EFFECTIVE = civilDate('2020-03-01');

/**
 * The national default catalogue (seeded; version 1 of catalogue/100000). FROM THE REGULATION: the two categories
 * (Order 102 Art. 9: public services to society; auxiliary services needed for government duties), the negative list
 * (Art. 10) and the effective date of Order 102 (2020-03-01, itself UNCONFIRMED in regulations §7.1). ILLUSTRATIVE:
 * the items and their codes — regulations.md names no national catalogue items (Art. 11 leaves catalogues to be
 * compiled and published; provinces decide how sub-provincial ones are). A jurisdiction publishes its own.
 */
export const NATIONAL_DEFAULT_CATALOGUE: CatalogueVersion = {
  ruleSetId: catalogueIdFor(NATIONAL_DIVISION),
  jurisdiction: NATIONAL_DIVISION,
  version: 1,
  effectiveFrom: ORDER_102_EFFECTIVE,
  items: [
    { code: 'PS-ELDERLY-CARE', name: '社区居家养老服务 (illustrative)', category: 'PUBLIC_SERVICE' },
    { code: 'PS-SOCIAL-WORK', name: '社会工作服务 (illustrative)', category: 'PUBLIC_SERVICE' },
    { code: 'PS-DISABILITY', name: '残疾人服务 (illustrative)', category: 'PUBLIC_SERVICE' },
    { code: 'PS-COMMUNITY', name: '城乡社区服务 (illustrative)', category: 'PUBLIC_SERVICE' },
    { code: 'AS-EVALUATION', name: '第三方评估 (illustrative)', category: 'AUXILIARY_SERVICE' },
    { code: 'AS-RESEARCH', name: '课题研究与政策咨询 (illustrative)', category: 'AUXILIARY_SERVICE' },
  ],
  negativeList: ORDER_102_NEGATIVE_LIST,
  source: 'regulations.md §7.2 — MOF Order 102 Art. 9–11 [S16]; items illustrative',
  publishedBy: 'seed',
  publishedAt: startOfCivilDay(ORDER_102_EFFECTIVE),
  note: 'national default: categories and negative list from Order 102; items illustrative',
};

/** The catalogue in force for an organ of `jurisdiction` at `at` (most specific covering jurisdiction; the national default otherwise). */
export function catalogueInForce(stored: readonly CatalogueVersion[], jurisdiction: string, at: Date): CatalogueVersion {
  return mostSpecificVersionInForce([NATIONAL_DEFAULT_CATALOGUE, ...stored], jurisdiction, at) ?? NATIONAL_DEFAULT_CATALOGUE;
}

/**
 * The item a procurement names, checked against the catalogue in force: a negative-list entry (the version's own or
 * Order 102 Art. 10's) → 422 NEGATIVE_LIST_ITEM naming the item and article; not an item of the catalogue → 422
 * CATALOGUE_ITEM_UNKNOWN.
 */
export function allowedItem(catalogue: CatalogueVersion, code: string): CatalogueItem {
  const excluded = [...catalogue.negativeList, ...ORDER_102_NEGATIVE_LIST].find((n) => n.code === code);
  if (excluded)
    throw new PurchasingErrors.NEGATIVE_LIST_ITEM(`${code} (${excluded.name}) is on the negative list: ${excluded.article}`, {
      violations: [{ field: 'catalogueItemCode', rule: excluded.article, message: `${excluded.code} ${excluded.name}` }],
      extensions: { item: { code: excluded.code, name: excluded.name }, article: excluded.article, catalogueVersion: catalogueVersionOf(catalogue) },
    });
  const item = catalogue.items.find((i) => i.code === code);
  if (!item)
    throw new PurchasingErrors.CATALOGUE_ITEM_UNKNOWN(`${code} is not an item of the guiding catalogue in force (${catalogueVersionOf(catalogue)})`, {
      violations: [{ field: 'catalogueItemCode', rule: 'an item of the guiding catalogue in force (Order 102 Art. 11)', message: `not in ${catalogueVersionOf(catalogue)}` }],
      extensions: { catalogueVersion: catalogueVersionOf(catalogue) },
    });
  return item;
}

export interface NewCatalogueVersionInput {
  jurisdiction: string;
  effectiveFrom: CivilDate;
  items: CatalogueItem[];
  negativeList: NegativeListItem[];
  source: string;
  note: string | null;
}

/** A new version: a division code, effective today or later (Beijing), at least one item, unique codes, articles and a source. */
export function assertCataloguePublishable(input: NewCatalogueVersionInput, now: Date): void {
  const bad = (field: string, message: string) => new PurchasingErrors.CATALOGUE_INVALID(message, { violations: [{ field, rule: 'a complete catalogue version (Order 102 Art. 10–11)', message }] });
  if (!isDivisionCode(input.jurisdiction)) throw bad('jurisdiction', `${input.jurisdiction} is not a 6-digit division code`);
  const today = civilDateOf(now);
  if (compareCivilDates(input.effectiveFrom, today) < 0)
    throw new PurchasingErrors.CATALOGUE_EFFECTIVE_DATE_PAST(`the effective date ${input.effectiveFrom} is before today (${today}, Beijing)`, {
      violations: [{ field: 'effectiveOn', rule: 'not in the past', message: `today or later than ${today}` }],
    });
  if (!input.source.trim()) throw bad('source', 'the version cites its source');
  if (input.items.length === 0) throw bad('items', 'at least one catalogue item');
  const seen = new Set<string>();
  const codes = [...input.items.map((i, n) => ({ code: i.code, field: `items.${n}.code` })), ...input.negativeList.map((i, n) => ({ code: i.code, field: `negativeList.${n}.code` }))];
  for (const { code, field } of codes) {
    if (seen.has(code)) throw bad(field, `code ${code} appears twice`);
    seen.add(code);
  }
  for (const { code, field } of input.items.map((i, n) => ({ code: i.code, field: `items.${n}.code` })))
    if (ORDER_102_NEGATIVE_LIST.some((n) => n.code === code)) throw bad(field, `code ${code} is an Order 102 Art. 10 negative-list entry`);
  input.negativeList.forEach((n, i) => {
    if (!n.article.trim()) throw bad(`negativeList.${i}.article`, 'each negative-list item cites the article that excludes it');
  });
}
