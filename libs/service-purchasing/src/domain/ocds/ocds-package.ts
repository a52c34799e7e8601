import { instant } from '@sop/util';
import { ocdsDateOf } from './ocds-dates';
import { PAGINATION_EXTENSION } from './ocds-codelists';
import type { OcdsRelease } from './ocds-release';
import type { OcdsRecord } from './ocds-record';

/** Package metadata: who publishes, where the package lives, and the paging links of the endpoint serving it. */
export interface PackageMeta {
  /** The package's own URI (for a page: the URL of that page). */
  uri: string;
  /** When the package was published; for a package built on demand, the latest change to its contents. */
  publishedDate: Date;
  publisher: { name: string; scheme?: string; uid?: string; uri?: string };
  license?: string;
  publicationPolicy?: string;
  /** Next and previous pages (pagination extension); absent on a single page. */
  links?: { next?: string; prev?: string };
}

export interface OcdsPackageBase {
  uri: string;
  version: '1.1';
  extensions?: string[];
  publishedDate: string;
  publisher: PackageMeta['publisher'];
  license?: string;
  publicationPolicy?: string;
  links?: { next?: string; prev?: string };
}

export interface ReleasePackage extends OcdsPackageBase {
  releases: OcdsRelease[];
}

export interface RecordPackage extends OcdsPackageBase {
  /** The release packages the records were compiled from, when published as files. */
  packages?: string[];
  records: OcdsRecord[];
}

function base(meta: PackageMeta): OcdsPackageBase {
  const links = meta.links && (meta.links.next || meta.links.prev) ? meta.links : undefined;
  return {
    uri: meta.uri,
    version: '1.1',
    // Core 1.1 packages have no `links`; the pagination extension adds them, and a package must declare it.
    extensions: links ? [PAGINATION_EXTENSION] : undefined,
    publishedDate: ocdsDateOf(meta.publishedDate),
    publisher: meta.publisher,
    license: meta.license,
    publicationPolicy: meta.publicationPolicy,
    links,
  };
}

/**
 * Releases in one package. OCDS 1.1: a package holds at least one release, release ids are unique within it, and
 * no release is dated after the package's publishedDate. An empty page is not a package: the endpoint does not
 * link to one.
 */
export function releasePackage(releases: readonly OcdsRelease[], meta: PackageMeta): ReleasePackage {
  if (releases.length === 0) throw new RangeError('a release package holds at least one release');
  const keys = new Set(releases.map((r) => `${r.ocid}\u0000${r.id}`));
  if (keys.size !== releases.length) throw new RangeError('a release appears twice in the package (same ocid and id)');
  const late = releases.find((r) => instant(r.date).getTime() > meta.publishedDate.getTime());
  if (late) throw new RangeError(`release ${late.id} is dated after the package's publishedDate`);
  return { ...base(meta), releases: [...releases] };
}

/** Records in one package: at least one, one per ocid. */
export function recordPackage(records: readonly OcdsRecord[], meta: PackageMeta & { packages?: string[] }): RecordPackage {
  if (records.length === 0) throw new RangeError('a record package holds at least one record');
  if (new Set(records.map((r) => r.ocid)).size !== records.length) throw new RangeError('a record package holds one record per ocid');
  const late = records.find((r) => instant(r.compiledRelease.date).getTime() > meta.publishedDate.getTime());
  if (late) throw new RangeError(`the record of ${late.ocid} has releases dated after the package's publishedDate`);
  return { ...base(meta), packages: meta.packages && meta.packages.length > 0 ? [...meta.packages] : undefined, records: [...records] };
}
