import { civilDate } from '@sop/util';
import { allowedItem, assertCataloguePublishable, catalogueInForce, NATIONAL_DEFAULT_CATALOGUE, ORDER_102_NEGATIVE_LIST, type CatalogueVersion, type NewCatalogueVersionInput } from './catalogue';

const local = (jurisdiction: string, version: number, effectiveFrom: string, codes: string[], negative: { code: string; article: string }[] = []): CatalogueVersion => ({
  ruleSetId: `catalogue/${jurisdiction}`,
  jurisdiction,
  version,
  effectiveFrom: civilDate(effectiveFrom),
  items: codes.map((code) => ({ code, name: code, category: 'PUBLIC_SERVICE' })),
  negativeList: negative.map((n) => ({ ...n, name: n.code })),
  source: 'test',
  publishedBy: 'fin',
  publishedAt: new Date(0),
  note: null,
});

describe('guiding catalogue and negative list (Order 102 Art. 10–11)', () => {
  const beijing = local('110000', 1, '2026-03-01', ['BJ-1'], [{ code: 'BJ-NEG', article: '北京市目录 第3条' }]);
  const haidian = local('110108', 1, '2026-05-01', ['HD-1']);

  it('the national default carries the six Art. 10 matters and applies where no local version is in force', () => {
    expect(NATIONAL_DEFAULT_CATALOGUE.negativeList.map((n) => n.article)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `Order 102 Art. 10(${i})`));
    expect(catalogueInForce([beijing], '310104', new Date('2026-06-01T00:00:00Z'))).toBe(NATIONAL_DEFAULT_CATALOGUE);
  });

  it('the most specific covering jurisdiction in force on the Beijing date wins', () => {
    expect(catalogueInForce([beijing, haidian], '110108', new Date('2026-04-01T00:00:00Z')).ruleSetId).toBe('catalogue/110000');
    // 2026-05-01 starts at 00:00 Beijing time = 2026-04-30T16:00Z
    expect(catalogueInForce([beijing, haidian], '110108', new Date('2026-04-30T15:59:59Z')).ruleSetId).toBe('catalogue/110000');
    expect(catalogueInForce([beijing, haidian], '110108', new Date('2026-04-30T16:00:00Z')).ruleSetId).toBe('catalogue/110108');
    expect(catalogueInForce([beijing, haidian], '110228', new Date('2026-06-01T00:00:00Z')).ruleSetId).toBe('catalogue/110000');
  });

  it('a negative-list item is refused naming the item and its article, the local list and Art. 10 alike; an unknown item is refused', () => {
    expect(allowedItem(beijing, 'BJ-1').code).toBe('BJ-1');
    expect(() => allowedItem(beijing, 'BJ-NEG')).toThrow(expect.objectContaining({ code: 'PURCHASING.NEGATIVE_LIST_ITEM', extensions: expect.objectContaining({ article: '北京市目录 第3条', item: { code: 'BJ-NEG', name: 'BJ-NEG' } }) }));
    expect(() => allowedItem(beijing, 'N10-4')).toThrow(expect.objectContaining({ code: 'PURCHASING.NEGATIVE_LIST_ITEM', extensions: expect.objectContaining({ article: 'Order 102 Art. 10(4)' }) }));
    expect(() => allowedItem(beijing, 'PS-ELDERLY-CARE')).toThrow(expect.objectContaining({ code: 'PURCHASING.CATALOGUE_ITEM_UNKNOWN', extensions: { catalogueVersion: 'catalogue/110000@v1' } }));
  });

  it('publishing: not in the past (today is fine), unique codes, items, articles, no Art. 10 code as an item', () => {
    const now = new Date('2026-03-02T08:00:00Z'); // Beijing 2026-03-02
    const input = (over: Partial<NewCatalogueVersionInput> = {}): NewCatalogueVersionInput => ({
      jurisdiction: '110000',
      effectiveFrom: civilDate('2026-03-02'),
      items: [{ code: 'A', name: 'a', category: 'PUBLIC_SERVICE' }],
      negativeList: [{ code: 'N', name: 'n', article: 'x' }],
      source: 's',
      note: null,
      ...over,
    });
    expect(() => assertCataloguePublishable(input(), now)).not.toThrow();
    expect(() => assertCataloguePublishable(input({ effectiveFrom: civilDate('2026-03-01') }), now)).toThrow(expect.objectContaining({ code: 'PURCHASING.CATALOGUE_EFFECTIVE_DATE_PAST' }));
    expect(() => assertCataloguePublishable(input({ items: [] }), now)).toThrow(expect.objectContaining({ code: 'PURCHASING.CATALOGUE_INVALID' }));
    expect(() => assertCataloguePublishable(input({ negativeList: [{ code: 'A', name: 'a', article: 'x' }] }), now)).toThrow(expect.objectContaining({ violations: [expect.objectContaining({ field: 'negativeList.0.code' })] }));
    expect(() => assertCataloguePublishable(input({ negativeList: [{ code: 'N', name: 'n', article: ' ' }] }), now)).toThrow(expect.objectContaining({ violations: [expect.objectContaining({ field: 'negativeList.0.article' })] }));
    expect(() => assertCataloguePublishable(input({ items: [{ code: ORDER_102_NEGATIVE_LIST[0].code, name: 'x', category: 'PUBLIC_SERVICE' }] }), now)).toThrow(expect.objectContaining({ code: 'PURCHASING.CATALOGUE_INVALID' }));
    expect(() => assertCataloguePublishable(input({ jurisdiction: '11' }), now)).toThrow(expect.objectContaining({ violations: [expect.objectContaining({ field: 'jurisdiction' })] }));
  });
});
