import { instant } from '@sop/util';
import { CnyAmount } from './ocds-money';
import type { OcdsRelease } from './ocds-release';
import type { ReleaseTag } from './ocds-codelists';

/** A release named by URL in a record (OCDS "linked releases"), for records that point at published packages. */
export interface LinkedRelease {
  url: string;
  date: string;
  tag: ReleaseTag[];
}

export interface OcdsRecord {
  ocid: string;
  releases: OcdsRelease[] | LinkedRelease[];
  compiledRelease: OcdsRelease;
}

/**
 * Arrays that OCDS 1.1 replaces whole even though their objects could be matched ("wholeListMerge" in the 1.1
 * release schema). Arrays of strings (tag, roles, …) are always replaced whole.
 */
const WHOLE_LIST_FIELDS = new Set(['additionalIdentifiers', 'additionalClassifications']);

/**
 * The record of one contracting process: its releases in date order and the compiled release, merged by the OCDS
 * 1.1 rules (https://standard.open-contracting.org/1.1/en/schema/merging/): releases are applied oldest first;
 * `id`, `date` and `tag` are not merged; a field's latest value wins and `null` removes it; objects merge field by
 * field; arrays of objects with `id` merge by id (an object keeps its place, new ids are appended); other arrays
 * are replaced whole. Releases with the same date keep the order they were given in.
 *
 * `releaseUrl`, when given, makes the record list linked releases (url, date, tag) instead of embedding them.
 */
export function compileRecord(releases: readonly OcdsRelease[], options: { releaseUrl?: (release: OcdsRelease) => string } = {}): OcdsRecord {
  if (releases.length === 0) throw new RangeError('a record needs at least one release');
  const ocid = releases[0].ocid;
  if (releases.some((r) => r.ocid !== ocid)) throw new RangeError('a record compiles the releases of one ocid');
  const ids = new Set(releases.map((r) => r.id));
  if (ids.size !== releases.length) throw new RangeError('release ids must be unique within a contracting process');

  const ordered = releases
    .map((release, index) => ({ release, index, at: instant(release.date).getTime() }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((x) => x.release);

  let merged: Record<string, unknown> = {};
  for (const release of ordered) {
    const { id: _id, date: _date, tag: _tag, ...fields } = release;
    merged = mergeValue(merged, fields) as Record<string, unknown>;
  }
  const latest = ordered[ordered.length - 1];
  const compiledRelease: OcdsRelease = {
    ...merged,
    ocid,
    id: `${ocid}-${latest.date}`,
    date: latest.date,
    tag: ['compiled'],
    initiationType: 'tender',
  };
  const url = options.releaseUrl;
  return {
    ocid,
    releases: url ? ordered.map((r) => ({ url: url(r), date: r.date, tag: r.tag })) : ordered,
    compiledRelease,
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof CnyAmount);
const hasId = (v: unknown): v is Json & { id: unknown } => isObject(v) && v.id !== undefined && v.id !== null;

/** `next` applied over `prev`; undefined means "remove the field". */
function mergeValue(prev: unknown, next: unknown, field = ''): unknown {
  if (next === undefined) return prev;
  if (next === null) return undefined;
  if (Array.isArray(next)) {
    if (WHOLE_LIST_FIELDS.has(field) || !next.every(hasId)) return next.map((item) => mergeValue(undefined, item));
    const result: Json[] = Array.isArray(prev) && prev.every(hasId) ? [...(prev as Json[])] : [];
    for (const item of next) {
      const at = result.findIndex((existing) => existing.id === item.id);
      if (at >= 0) result[at] = mergeValue(result[at], item) as Json;
      else result.push(mergeValue(undefined, item) as Json);
    }
    return result;
  }
  if (isObject(next)) {
    const result: Json = isObject(prev) ? { ...prev } : {};
    for (const [key, value] of Object.entries(next)) {
      const merged = mergeValue(result[key], value, key);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    }
    return result;
  }
  return next; // string, number, boolean, CnyAmount: the latest value wins
}
