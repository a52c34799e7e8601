/** Page sizes of the OCDS endpoints: `limit` defaults to 100 and is at most 500 (the bulk download reads 500 at a time). */
export const OCDS_PAGE_SIZE = { default: 100, max: 500 } as const;

/** The page size for a request's `limit` (validated to 1…max at the edge; clamped here too). */
export function pageLimit(requested: number | undefined): number {
  if (requested === undefined) return OCDS_PAGE_SIZE.default;
  return Math.min(OCDS_PAGE_SIZE.max, Math.max(1, Math.floor(requested)));
}

/** A page from `limit + 1` rows read: the first `limit`, and whether there is a next page. */
export function splitPage<T>(rows: readonly T[], limit: number): { items: T[]; more: boolean } {
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * The absolute URL of an OCDS endpoint under the configured base URL, with its query parameters in a fixed order
 * (absent ones left out), so a page's `uri` and the previous page's `links.next` are the same string.
 */
export function ocdsUrl(baseUrl: string, path: string, params: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
  const text = query.toString();
  return `${baseUrl}${path}${text ? `?${text}` : ''}`;
}

/** The latest of some instants (a package's publishedDate: the last change to its contents). */
export function latestOf(instants: readonly Date[]): Date {
  if (instants.length === 0) throw new RangeError('no instants');
  return new Date(Math.max(...instants.map((d) => d.getTime())));
}
