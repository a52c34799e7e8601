import { GENESIS_HASH, canonicalJson, chainHash, type CloudEvent } from '../envelope/cloud-event';

/**
 * Auditor's check of one producer's event history as read back from the broker: the relay numbers every
 * event of a service (sequence) and links it to the previous one (prevhash, hash). An unbroken chain proves
 * that nothing was dropped, reordered or altered after the relay published it.
 *
 * A chain restarts at sequence 1 from the genesis hash only when a service's database is new (tests,
 * a fresh deployment); each such run is reported as its own segment.
 */
export interface ChainSegmentReport {
  firstSequence: string;
  lastSequence: string;
  events: number;
  ok: boolean;
  problem?: string;
}

export interface ChainAuditReport {
  source: string;
  ok: boolean;
  segments: ChainSegmentReport[];
  /** Identical re-sends (the relay may publish twice after a crash); harmless, counted once. */
  duplicatesOnWire: number;
  /**
   * Events claiming this source but carrying no chain fields: not published by its relay (forged, or written to the
   * topic by hand). Any of them fails the audit: the topic holds events the producer cannot vouch for.
   */
  unchained: number;
}

/** One source's chained events without identical re-sends, and how many of its events carry no chain fields. */
export function chainedEventsOf(source: string, events: CloudEvent[]): { chained: CloudEvent[]; unchained: CloudEvent[]; duplicatesOnWire: number } {
  const unchained: CloudEvent[] = [];
  let duplicatesOnWire = 0;
  const seen = new Map<string, CloudEvent[]>();
  const chained: CloudEvent[] = [];
  for (const e of events) {
    if (e.source !== source) continue;
    if (e.sequence === undefined || e.hash === undefined || e.prevhash === undefined) {
      unchained.push(e);
      continue;
    }
    // The same hash with other content is not a re-send (one of them was altered): both are kept.
    const sameHash = seen.get(e.hash);
    if (sameHash?.some((x) => x === e || canonicalJson(x) === canonicalJson(e))) {
      duplicatesOnWire++;
      continue;
    }
    seen.set(e.hash, [...(sameHash ?? []), e]);
    chained.push(e);
  }
  return { chained, unchained, duplicatesOnWire };
}

/**
 * Follows prevhash links from each root: robust to several segments interleaved on partitions. Returns the segments
 * (each in chain order) and every event reached; at a fork the first candidate is followed.
 */
export function followChains(chained: CloudEvent[], roots: CloudEvent[]): { segments: CloudEvent[][]; linked: Set<CloudEvent> } {
  const byPrev = new Map<string, CloudEvent[]>();
  for (const e of chained) byPrev.set(e.prevhash!, [...(byPrev.get(e.prevhash!) ?? []), e]);
  const linked = new Set<CloudEvent>();
  const segments: CloudEvent[][] = [];
  for (const root of roots) {
    if (linked.has(root)) continue;
    const segment: CloudEvent[] = [root];
    linked.add(root);
    let cursor = root;
    for (;;) {
      const next = (byPrev.get(cursor.hash!) ?? []).filter((e) => !linked.has(e));
      if (next.length === 0) break;
      cursor = next[0];
      linked.add(cursor);
      segment.push(cursor);
    }
    segments.push(segment);
  }
  return { segments, linked };
}

/** The first problem inside a linked segment: content not matching its hash, or a sequence jump. */
export function segmentProblem(segment: CloudEvent[]): { at: CloudEvent; problem: string; kind: 'ALTERED' | 'GAP' } | undefined {
  for (let i = 0; i < segment.length; i++) {
    const e = segment[i];
    if (chainHash(e) !== e.hash) return { at: e, kind: 'ALTERED', problem: `event ${e.id} (sequence ${e.sequence}): content does not match its hash` };
    if (i > 0 && BigInt(e.sequence!) !== BigInt(segment[i - 1].sequence!) + 1n)
      return { at: e, kind: 'GAP', problem: `sequence jumps from ${segment[i - 1].sequence} to ${e.sequence}` };
  }
  return undefined;
}

export function auditChain(source: string, events: CloudEvent[]): ChainAuditReport {
  const { chained, unchained, duplicatesOnWire } = chainedEventsOf(source, events);
  // Segments: a genesis event (sequence 1, genesis prevhash) starts a new one.
  const geneses = chained.filter((e) => e.sequence === '1' && e.prevhash === GENESIS_HASH);
  const { segments, linked } = followChains(chained, geneses);
  const reports: ChainSegmentReport[] = segments.map((segment) => {
    const problem = segmentProblem(segment)?.problem;
    return {
      firstSequence: segment[0].sequence!,
      lastSequence: segment[segment.length - 1].sequence!,
      events: segment.length,
      ok: !problem,
      ...(problem ? { problem } : {}),
    };
  });
  // Chained events no genesis reaches: altered links, or a gap (an event missing in the middle).
  const orphans = chained.filter((e) => !linked.has(e));
  if (orphans.length > 0) {
    const first = orphans.reduce((a, b) => (BigInt(a.sequence!) < BigInt(b.sequence!) ? a : b));
    reports.push({
      firstSequence: first.sequence!,
      lastSequence: first.sequence!,
      events: orphans.length,
      ok: false,
      problem: `${orphans.length} event(s) not linked to any chain from genesis, first at sequence ${first.sequence} (${first.id}): an event before it is missing or was altered`,
    });
  }
  return { source, ok: unchained.length === 0 && reports.every((r) => r.ok), segments: reports, duplicatesOnWire, unchained: unchained.length };
}
