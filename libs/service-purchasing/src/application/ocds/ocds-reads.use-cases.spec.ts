import { ocdsJson, releaseFor, type LifecycleEvent } from '../../domain/ocds';
import { OCID, OPEN_TENDER_EVENTS, openTenderSnapshot } from '../../domain/ocds/ocds.fixture';
import { ocdsViolations } from '../../domain/ocds/ocds-schema.validator';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { OcdsReleaseStore, type NewRelease, type OcdsPublication, type ReleaseFilter, type StoredRelease } from './ocds.ports';
import { OcdsReads } from './ocds-reads.use-cases';

/** The store's contract in memory (the TypeORM store is exercised by the integration specs). */
class MemoryReleaseStore extends OcdsReleaseStore {
  readonly rows: StoredRelease[] = [];
  async append(_tx: unknown, release: NewRelease): Promise<StoredRelease> {
    const stored = { ...release, sequence: this.rows.length + 1 };
    this.rows.push(stored);
    return stored;
  }
  async page(f: ReleaseFilter, limit: number) {
    return this.rows
      .filter((r) => (f.after === undefined || r.sequence > f.after) && (f.upTo === undefined || r.sequence <= f.upTo) && (!f.ocid || r.ocid === f.ocid) && (!f.since || r.releasedAt >= f.since))
      .slice(0, limit);
  }
  async byReleaseId(id: string) {
    return this.rows.find((r) => r.releaseId === id) ?? null;
  }
  async ofOcids(ocids: readonly string[]) {
    return this.rows.filter((r) => ocids.includes(r.ocid));
  }
  async processes(after: number, limit: number) {
    const first = new Map<string, number>();
    for (const r of this.rows) if (!first.has(r.ocid)) first.set(r.ocid, r.sequence);
    return [...first].filter(([, s]) => s > after).slice(0, limit).map(([ocid, firstSequence]) => ({ ocid, firstSequence }));
  }
  async horizon() {
    if (this.rows.length === 0) return null;
    return { lastSequence: this.rows.length, latestReleasedAt: new Date(Math.max(...this.rows.map((r) => r.releasedAt.getTime()))) };
  }
}

const BASE = 'https://data.example.cn/purchasing';
const publication: OcdsPublication = { baseUrl: BASE, publisher: { name: '海淀区财政局', scheme: 'CN-USCI', uid: '11110108MB0000000X' }, license: 'https://creativecommons.org/licenses/by/4.0/' };
const OTHER = 'ocds-sopdev-0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e';

async function seeded() {
  const store = new MemoryReleaseStore();
  const add = async (e: LifecycleEvent, ocid: string) => {
    const release = releaseFor(e, openTenderSnapshot({ ocid }));
    await store.append(null, { releaseId: release.id, ocid, procurementId: ocid.slice(12), step: e.step, tags: release.tag, releasedAt: new Date(e.at), eventId: e.eventId, json: ocdsJson(release) });
  };
  // Two processes, interleaved as their steps happen.
  await add(OPEN_TENDER_EVENTS[0], OCID);
  await add(OPEN_TENDER_EVENTS[1], OCID);
  await add({ step: 'tender', eventId: 'o1', at: '2027-03-02T01:00:00Z' }, OTHER);
  for (const e of OPEN_TENDER_EVENTS.slice(2)) await add(e, OCID);
  return { store, reads: new OcdsReads(store, publication) };
}

const path = (url: string) => new URL(url);

describe('OcdsReads: packages, paging and the bulk download', () => {
  it('pages releases by sequence: every page a valid package, links.next to the next, each release exactly once', async () => {
    const { store, reads } = await seeded();
    const seen: string[] = [];
    let page = await reads.releases({ limit: 2 });
    for (let n = 0; ; n++) {
      expect(ocdsViolations('releasePackage', page)).toEqual([]);
      seen.push(...page.releases.map((r) => r.id));
      if (!page.links?.next) break;
      expect(page.extensions).toEqual([expect.stringContaining('ocds_pagination_extension')]);
      const next = path(page.links.next);
      expect(`${next.origin}${next.pathname}`).toBe(`${BASE}/ocds/releases`);
      page = await reads.releases({ limit: Number(next.searchParams.get('limit')), after: Number(next.searchParams.get('after')) });
      expect(n).toBeLessThan(10);
    }
    expect(seen).toEqual(store.rows.map((r) => r.releaseId));
    expect(page.links).toBeUndefined();
  });

  it('filters by ocid and since, and answers 404 OCDS_NO_RELEASES for an empty page', async () => {
    const { reads } = await seeded();
    expect((await reads.releases({ ocid: OTHER })).releases.map((r) => r.id)).toEqual(['o1']);
    expect((await reads.releases({ since: new Date('2027-11-01T00:00:00Z') })).releases.map((r) => r.id)).toEqual(['e6', 'e7']);
    const page = await reads.releases({ since: new Date('2027-03-01T00:00:00Z'), ocid: OCID, limit: 1 });
    expect(page.uri).toBe(`${BASE}/ocds/releases?limit=1&ocid=${OCID}&since=2027-03-01T00%3A00%3A00.000Z`);
    expect(page.links?.next).toBe(`${BASE}/ocds/releases?limit=1&after=2&ocid=${OCID}&since=2027-03-01T00%3A00%3A00.000Z`);
    await expect(reads.releases({ after: 99 })).rejects.toBeInstanceOf(PurchasingErrors.OCDS_NO_RELEASES);
    await expect(new OcdsReads(new MemoryReleaseStore(), publication).bulk('json')).rejects.toBeInstanceOf(PurchasingErrors.OCDS_NO_RELEASES);
  });

  it('serves one release by id (publishedDate its date) and 404 for an unknown id', async () => {
    const { reads } = await seeded();
    const one = await reads.release('e4');
    expect(ocdsViolations('releasePackage', one)).toEqual([]);
    expect(one).toMatchObject({ uri: `${BASE}/ocds/releases/e4`, publishedDate: '2027-03-28T16:00:00+08:00', publisher: publication.publisher });
    expect(JSON.parse(ocdsJson(one)).releases[0].awards[0].value).toEqual({ amount: 1123456.78, currency: 'CNY' });
    await expect(reads.release('nope')).rejects.toBeInstanceOf(PurchasingErrors.OCDS_RELEASE_NOT_FOUND);
  });

  it('compiles the record of a process with its releases linked by URL; pages records by process', async () => {
    const { reads } = await seeded();
    const one = await reads.record(OCID);
    expect(ocdsViolations('recordPackage', one)).toEqual([]);
    const record = JSON.parse(ocdsJson(one)).records[0];
    expect(record.releases.map((r: { url: string }) => r.url)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'].map((id) => `${BASE}/ocds/releases/${id}`));
    expect(record.compiledRelease).toMatchObject({ tag: ['compiled'], tender: { status: 'complete' } });
    expect(one.packages).toHaveLength(7);
    await expect(reads.record(OTHER.replace('0a', '0c'))).rejects.toBeInstanceOf(PurchasingErrors.OCDS_RECORD_NOT_FOUND);

    const first = await reads.records({ limit: 1 });
    expect(first.records.map((r) => r.ocid)).toEqual([OCID]);
    expect(first.links?.next).toBe(`${BASE}/ocds/records?limit=1&after=1`);
    const second = await reads.records({ limit: 1, after: 1 });
    expect(second.records.map((r) => r.ocid)).toEqual([OTHER]);
    expect(second.links).toBeUndefined();
    for (const p of [first, second]) expect(ocdsViolations('recordPackage', p)).toEqual([]);
  });

  it('streams the bulk download as one valid release package, or one release per line', async () => {
    const { store, reads } = await seeded();
    const text = async (format: 'json' | 'jsonl') => {
      let out = '';
      for await (const chunk of (await reads.bulk(format)).chunks) out += chunk;
      return out;
    };
    const pkg = JSON.parse(await text('json'));
    expect(ocdsViolations('releasePackage', pkg)).toEqual([]);
    expect(pkg.releases.map((r: { id: string }) => r.id)).toEqual(store.rows.map((r) => r.releaseId));
    expect(pkg.publishedDate).toBe('2028-05-20T10:00:00+08:00');
    const lines = (await text('jsonl')).trimEnd().split('\n');
    expect(lines).toEqual(store.rows.map((r) => r.json));
  });
});
