import { Inject, Injectable } from '@nestjs/common';
import { compileRecord, ocdsDateOf, ocdsJson, recordPackage, releasePackage, type OcdsRelease, type PackageMeta, type RecordPackage, type ReleasePackage } from '../../domain/ocds';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { OCDS_PUBLICATION, OcdsReleaseStore, type OcdsPublication, type StoredRelease } from './ocds.ports';
import { latestOf, ocdsUrl, OCDS_PAGE_SIZE, pageLimit, splitPage } from './ocds-paging';
import { parseStoredRelease } from './stored-release';

export interface ReleasesQuery {
  limit?: number;
  after?: number;
  ocid?: string;
  since?: Date;
}

export interface BulkDownload {
  filename: string;
  contentType: string;
  /** The download in pieces, read from the database a page at a time while it is sent. */
  chunks: AsyncIterable<string>;
}

const noReleases = (what: string) => new PurchasingErrors.OCDS_NO_RELEASES(`no OCDS release matches: ${what}`);

/**
 * The public OCDS 1.1 publication of service purchasing (issue 11 item 6): release packages (paged, by id), record
 * packages (one contracting process, or paged by process) and the bulk download, all from the releases frozen when
 * their steps happened. Paging: `after` is the sequence of the last item of the previous page, and `links.next`
 * (the OCDS pagination extension) carries it; the last page has no `links.next`.
 */
@Injectable()
export class OcdsReads {
  constructor(
    private readonly store: OcdsReleaseStore,
    @Inject(OCDS_PUBLICATION) private readonly publication: OcdsPublication,
  ) {}

  async releases(q: ReleasesQuery): Promise<ReleasePackage> {
    const limit = pageLimit(q.limit);
    const filter = { ocid: q.ocid, since: q.since?.toISOString() };
    const { items, more } = splitPage(await this.store.page({ after: q.after, ocid: q.ocid, since: q.since }, limit + 1), limit);
    if (items.length === 0) throw noReleases(JSON.stringify({ after: q.after, ...filter }));
    const next = more ? this.url('/ocds/releases', { limit, after: items[items.length - 1].sequence, ...filter }) : undefined;
    return releasePackage(items.map(parsed), this.meta(this.url('/ocds/releases', { limit: q.limit, after: q.after, ...filter }), items, next));
  }

  async release(releaseId: string): Promise<ReleasePackage> {
    const row = await this.store.byReleaseId(releaseId);
    if (!row) throw new PurchasingErrors.OCDS_RELEASE_NOT_FOUND(`no OCDS release ${releaseId}`);
    return releasePackage([parsed(row)], this.meta(this.releaseUrl(row.releaseId), [row]));
  }

  async record(ocid: string): Promise<RecordPackage> {
    const rows = await this.store.ofOcids([ocid]);
    if (rows.length === 0) throw new PurchasingErrors.OCDS_RECORD_NOT_FOUND(`no contracting process ${ocid} has published a release`);
    return this.recordPackageOf([ocid], rows, this.url(`/ocds/records/${encodeURIComponent(ocid)}`));
  }

  /** Record packages paged by contracting process, in the order of their first release. */
  async records(q: { limit?: number; after?: number }): Promise<RecordPackage> {
    const limit = pageLimit(q.limit);
    const { items, more } = splitPage(await this.store.processes(q.after ?? 0, limit + 1), limit);
    if (items.length === 0) throw noReleases(JSON.stringify({ after: q.after }));
    const next = more ? this.url('/ocds/records', { limit, after: items[items.length - 1].firstSequence }) : undefined;
    const ocids = items.map((p) => p.ocid);
    return this.recordPackageOf(ocids, await this.store.ofOcids(ocids), this.url('/ocds/records', { limit: q.limit, after: q.after }), next);
  }

  /**
   * Every release published up to now, as one release package (`json`) or one release per line (`jsonl`). The
   * horizon (last sequence, latest date) is fixed first, so the package is one consistent cut while steps go on.
   */
  async bulk(format: 'json' | 'jsonl'): Promise<BulkDownload> {
    const horizon = await this.store.horizon();
    if (!horizon) throw noReleases('nothing has been published');
    const store = this.store;
    const envelope = {
      uri: this.url('/ocds/bulk', { format }),
      version: '1.1',
      publishedDate: ocdsDateOf(horizon.latestReleasedAt),
      publisher: this.publication.publisher,
      license: this.publication.license,
      publicationPolicy: this.publication.publicationPolicy,
    };
    async function* chunks(): AsyncGenerator<string> {
      if (format === 'json') yield `${ocdsJson(envelope).slice(0, -1)},"releases":[`;
      let after = 0;
      let first = true;
      for (;;) {
        const rows = await store.page({ after, upTo: horizon!.lastSequence }, OCDS_PAGE_SIZE.max);
        if (rows.length === 0) break;
        // Stored text as it was written: exact amounts, no re-serialization.
        yield format === 'json' ? `${first ? '' : ','}${rows.map((r) => r.json).join(',')}` : rows.map((r) => `${r.json}\n`).join('');
        first = false;
        after = rows[rows.length - 1].sequence;
        if (rows.length < OCDS_PAGE_SIZE.max) break;
      }
      if (format === 'json') yield ']}';
    }
    return {
      filename: `ocds-releases.${format}`,
      contentType: format === 'json' ? 'application/json; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      chunks: chunks(),
    };
  }

  private recordPackageOf(ocids: string[], rows: StoredRelease[], uri: string, next?: string): RecordPackage {
    const records = ocids.map((ocid) => {
      const own = rows.filter((r) => r.ocid === ocid);
      return compileRecord(own.map(parsed), { releaseUrl: (release: OcdsRelease) => this.releaseUrl(release.id) });
    });
    const packages = rows.map((r) => this.releaseUrl(r.releaseId));
    return recordPackage(records, { ...this.meta(uri, rows, next), packages });
  }

  private meta(uri: string, rows: readonly StoredRelease[], next?: string): PackageMeta {
    const { publisher, license, publicationPolicy } = this.publication;
    return { uri, publishedDate: latestOf(rows.map((r) => r.releasedAt)), publisher, license, publicationPolicy, links: next ? { next } : undefined };
  }

  private releaseUrl(releaseId: string): string {
    return this.url(`/ocds/releases/${encodeURIComponent(releaseId)}`);
  }

  private url(path: string, params?: Record<string, string | number | undefined>): string {
    return ocdsUrl(this.publication.baseUrl, path, params);
  }
}

const parsed = (row: StoredRelease): OcdsRelease => parseStoredRelease(row.json);
