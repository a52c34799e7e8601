import { GENESIS_HASH, chainHash, type CloudEvent } from '../envelope/cloud-event';

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

export function auditChain(source: string, events: CloudEvent[]): ChainAuditReport {
  let unchained = 0;
  let duplicatesOnWire = 0;
  const mine = events.filter((e) => e.source === source);
  const seen = new Map<string, CloudEvent>();
  const chained: CloudEvent[] = [];
  for (const e of mine) {
    if (e.sequence === undefined || e.hash === undefined || e.prevhash === undefined) {
      unchained++;
      continue;
    }
    const key = `${e.hash}`;
    if (seen.has(key)) {
      duplicatesOnWire++;
      continue;
    }
    seen.set(key, e);
    chained.push(e);
  }
  // Segments: a genesis event (sequence 1, genesis prevhash) starts a new one. Within a segment, order by sequence.
  const segments: CloudEvent[][] = [];
  // Follow prevhash links from each genesis: robust to several segments interleaved on partitions.
  const byPrev = new Map<string, CloudEvent[]>();
  for (const e of chained) byPrev.set(e.prevhash!, [...(byPrev.get(e.prevhash!) ?? []), e]);
  const geneses = chained.filter((e) => e.sequence === '1' && e.prevhash === GENESIS_HASH);
  const linked = new Set<CloudEvent>();
  for (const g of geneses) {
    const segment: CloudEvent[] = [g];
    linked.add(g);
    let cursor = g;
    for (;;) {
      const next = (byPrev.get(cursor.hash!) ?? []).filter((e) => !linked.has(e));
      if (next.length === 0) break;
      cursor = next[0];
      linked.add(cursor);
      segment.push(cursor);
    }
    segments.push(segment);
  }
  const reports: ChainSegmentReport[] = segments.map((segment) => {
    let problem: string | undefined;
    for (let i = 0; i < segment.length && !problem; i++) {
      const e = segment[i];
      if (chainHash(e) !== e.hash) problem = `event ${e.id} (sequence ${e.sequence}): content does not match its hash`;
      else if (i > 0 && BigInt(e.sequence!) !== BigInt(segment[i - 1].sequence!) + 1n)
        problem = `sequence jumps from ${segment[i - 1].sequence} to ${e.sequence}`;
    }
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
  return { source, ok: unchained === 0 && reports.every((r) => r.ok), segments: reports, duplicatesOnWire, unchained };
}
