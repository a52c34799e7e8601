import { latestOf, ocdsUrl, OCDS_PAGE_SIZE, pageLimit, splitPage } from './ocds-paging';

describe('OCDS paging', () => {
  it('defaults the page size and keeps it within 1…max', () => {
    expect(pageLimit(undefined)).toBe(OCDS_PAGE_SIZE.default);
    expect(pageLimit(2)).toBe(2);
    expect(pageLimit(0)).toBe(1);
    expect(pageLimit(OCDS_PAGE_SIZE.max + 1)).toBe(OCDS_PAGE_SIZE.max);
  });

  it('tells from limit + 1 rows whether a next page exists', () => {
    expect(splitPage([1, 2, 3], 2)).toEqual({ items: [1, 2], more: true });
    expect(splitPage([1, 2], 2)).toEqual({ items: [1, 2], more: false });
    expect(splitPage([], 2)).toEqual({ items: [], more: false });
  });

  it('builds URLs under the configured base, parameters encoded and absent ones left out', () => {
    expect(ocdsUrl('https://data.example.cn/purchasing', '/ocds/releases', { limit: 2, after: 7, ocid: undefined, since: '2026-03-02T00:00:00.000+08:00' })).toBe(
      'https://data.example.cn/purchasing/ocds/releases?limit=2&after=7&since=2026-03-02T00%3A00%3A00.000%2B08%3A00',
    );
    expect(ocdsUrl('http://localhost:3000/purchasing', '/ocds/bulk')).toBe('http://localhost:3000/purchasing/ocds/bulk');
  });

  it('takes the latest instant as the publishedDate', () => {
    expect(latestOf([new Date('2026-01-02T00:00:00Z'), new Date('2026-03-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z')]).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(() => latestOf([])).toThrow(RangeError);
  });
});
