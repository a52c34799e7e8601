import { GENESIS_HASH, type CloudEvent } from '../envelope/cloud-event';
import { chainedEventsOf, followChains, segmentProblem } from './chain-audit';
import { checkpointSignatureValid, type PublishedKey, type SignedCheckpoint } from './checkpoint-signing';

/**
 * The auditor's verification of one producer's stream (`npm run audit:verify`, issue 13 item 6): the chain audit
 * (chain-audit.ts: re-sends, unchained events, links and hashes) on a stream read from any offset, plus the order on
 * the wire and the signed checkpoints. Every finding names the sequence it is first seen at.
 */
export type FindingKind = 'UNDECODABLE' | 'UNCHAINED' | 'ALTERED' | 'GAP' | 'FORK' | 'REORDERED' | 'MISSING_SIGNATURE' | 'BAD_SIGNATURE' | 'UNKNOWN_KEY' | 'CHECKPOINT_MISMATCH' | 'KEY_MISMATCH';

export interface Finding {
  kind: FindingKind;
  /** The first sequence the finding concerns (absent for events without chain fields). */
  sequence?: string;
  eventId?: string;
  /** topic/partition@offset, or line N of a file. */
  where?: string;
  detail: string;
}

/** One event as read, with where it was read (a stream is a topic partition, or a file). */
export interface ReadEvent {
  event: CloudEvent;
  stream: string;
  where: string;
  /** Its offset on the stream: a stream whose first record read is past offset 0 was read in part (--from-offset, retention). */
  offset?: string;
  /**
   * The last record before the range read on its partition (--from-offset reads one record more): not verified, it
   * only tells which sequences lie before the range there.
   */
  context?: boolean;
}

export interface VerifyOptions {
  source: string;
  /** The producer's published keys (GET /<service>/audit/keys). Absent: the key-published events read are used, and said so. */
  keys?: PublishedKey[];
  /** Undecodable records (where), counted as findings. */
  undecodable?: string[];
}

export interface VerifyReport {
  source: string;
  ok: boolean;
  events: number;
  duplicatesOnWire: number;
  unchained: number;
  chains: { firstSequence: string; lastSequence: string; events: number; fromGenesis: boolean }[];
  checkpoints: { verified: number; failed: number; lastVerifiedSequence?: string; keys: 'given' | 'from-stream' };
  findings: Finding[];
  firstFailingSequence?: string;
}

const isCheckpoint = (e: CloudEvent) => e.type.endsWith('.audit.checkpoint');
const isKeyEvent = (e: CloudEvent) => e.type.endsWith('.audit.key-published');

export function verifyStream(all: ReadEvent[], options: VerifyOptions): VerifyReport {
  const read = all.filter((r) => !r.context);
  const findings: Finding[] = (options.undecodable ?? []).map((where) => ({ kind: 'UNDECODABLE' as const, where, detail: `record at ${where} is not a JSON CloudEvent` }));
  const whereOf = new Map<CloudEvent, string>(read.map((r) => [r.event, r.where]));
  const { chained, unchained, duplicatesOnWire } = chainedEventsOf(options.source, read.map((r) => r.event));
  for (const e of unchained) findings.push({ kind: 'UNCHAINED', eventId: e.id, where: whereOf.get(e), detail: `event ${e.id} (${e.type}) claims ${options.source} but carries no chain fields: not published by its relay` });

  // Roots: genesis events, and events whose predecessor was not read (the read starts mid-chain, or it is missing).
  const hashes = new Set(chained.map((e) => e.hash));
  const roots = chained.filter((e) => !hashes.has(e.prevhash)).sort((a, b) => compareSeq(a, b));
  const { segments, linked } = followChains(chained, roots);
  const segmentOf = new Map<CloudEvent, number>();
  segments.forEach((s, i) => s.forEach((e) => segmentOf.set(e, i)));
  for (const segment of segments) {
    const p = segmentProblem(segment);
    if (p) findings.push({ kind: p.kind, sequence: p.kind === 'GAP' ? (BigInt(segmentBefore(segment, p.at).sequence!) + 1n).toString() : p.at.sequence, eventId: p.at.id, where: whereOf.get(p.at), detail: p.problem });
  }
  // A root that is not a genesis links to an event not read. The events between the history below it (another
  // segment of this producer, earlier) and it are missing, unless they may lie before the start of a partition read in
  // part: the relay publishes in sequence order, so a partition whose first record read has sequence f held the
  // producer's events below f before that record.
  const partialFloor = partialFirstSequence(read, all.filter((r) => r.context), options.source);
  for (const segment of segments) {
    const root = segment[0];
    if (root.sequence === '1' && root.prevhash === GENESIS_HASH) continue;
    const below = segments.filter((s) => s !== segment && BigInt(s[s.length - 1].sequence!) < BigInt(root.sequence!) && s[s.length - 1].time <= root.time);
    const last = below.map((s) => s[s.length - 1]).reduce<CloudEvent | undefined>((a, b) => (a && compareSeq(a, b) >= 0 ? a : b), undefined);
    const lowest = last ? BigInt(last.sequence!) + 1n : 1n;
    const missing = lowest > partialFloor ? lowest : partialFloor;
    const upTo = BigInt(root.sequence!) - 1n;
    if (missing > upTo) continue; // the read entered the chain here
    findings.push({
      kind: 'GAP',
      sequence: missing.toString(),
      eventId: root.id,
      where: whereOf.get(root),
      detail: `sequence ${missing}${missing < upTo ? ` to ${upTo}` : ''} missing: event ${root.id} (sequence ${root.sequence}) links to an event not in the stream${last ? `, the chain before it ends at ${last.sequence}` : ''}`,
    });
  }
  for (const e of chained.filter((x) => !linked.has(x)))
    findings.push({ kind: 'FORK', sequence: e.sequence, eventId: e.id, where: whereOf.get(e), detail: `event ${e.id} (sequence ${e.sequence}) links to an event another one already follows: two histories` });

  findings.push(...wireOrderFindings(read, options.source));
  const checkpoints = checkpointFindings(chained, segments, segmentOf, whereOf, options);
  findings.push(...checkpoints.findings);

  const sequences = findings.filter((f) => f.sequence !== undefined).map((f) => BigInt(f.sequence!));
  const firstFailing = sequences.length ? sequences.reduce((a, b) => (a < b ? a : b)).toString() : undefined;
  findings.sort((a, b) => (a.sequence === undefined ? -1 : b.sequence === undefined ? 1 : BigInt(a.sequence) < BigInt(b.sequence) ? -1 : BigInt(a.sequence) > BigInt(b.sequence) ? 1 : 0));
  return {
    source: options.source,
    ok: findings.length === 0,
    events: chained.length + unchained.length,
    duplicatesOnWire,
    unchained: unchained.length,
    chains: segments.map((s) => ({ firstSequence: s[0].sequence!, lastSequence: s[s.length - 1].sequence!, events: s.length, fromGenesis: s[0].sequence === '1' && s[0].prevhash === GENESIS_HASH })),
    checkpoints: checkpoints.summary,
    findings,
    ...(firstFailing ? { firstFailingSequence: firstFailing } : {}),
  };
}

function compareSeq(a: CloudEvent, b: CloudEvent): number {
  const d = BigInt(a.sequence!) - BigInt(b.sequence!);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/**
 * Below which sequence events may lie before the range read (0 when every partition was read from offset 0): on a
 * partition read in part, the sequence after its record just before the range, else its first record's sequence.
 */
function partialFirstSequence(read: ReadEvent[], context: ReadEvent[], source: string): bigint {
  const floors = new Map<string, bigint>();
  const seen = new Set<string>();
  for (const r of read) {
    if (seen.has(r.stream)) continue;
    seen.add(r.stream);
    if (!r.offset || BigInt(r.offset) === 0n) continue;
    const own = read.find((x) => x.stream === r.stream && x.event.source === source && x.event.sequence !== undefined);
    if (own) floors.set(r.stream, BigInt(own.event.sequence!));
  }
  for (const c of context) if (c.event.source === source && c.event.sequence !== undefined) floors.set(c.stream, BigInt(c.event.sequence) + 1n);
  return [...floors.values()].reduce((a, b) => (a > b ? a : b), 0n);
}

function segmentBefore(segment: CloudEvent[], at: CloudEvent): CloudEvent {
  return segment[Math.max(0, segment.indexOf(at) - 1)];
}

/**
 * The relay publishes a producer's events in sequence order, so on each partition (or in a file) they come in
 * increasing sequence; an identical re-send may repeat an earlier one. An event read after a higher one is reordered.
 */
function wireOrderFindings(read: ReadEvent[], source: string): Finding[] {
  const findings: Finding[] = [];
  const highest = new Map<string, CloudEvent>();
  const seen = new Set<string>();
  for (const { event: e, stream, where } of read) {
    if (e.source !== source || e.sequence === undefined || e.hash === undefined) continue;
    const key = `${stream}|${e.hash}`;
    if (seen.has(key)) continue; // a re-send
    seen.add(key);
    const top = highest.get(stream);
    // Another history (a restart from genesis) on the same partition starts over: not a reordering.
    if (top && compareSeq(e, top) < 0 && !(e.sequence === '1' && e.prevhash === GENESIS_HASH)) {
      findings.push({ kind: 'REORDERED', sequence: e.sequence, eventId: e.id, where, detail: `sequence ${e.sequence} read after sequence ${top.sequence} on ${stream}` });
      continue;
    }
    if (!top || compareSeq(e, top) > 0 || e.sequence === '1') highest.set(stream, e);
  }
  return findings;
}

function checkpointFindings(
  chained: CloudEvent[],
  segments: CloudEvent[][],
  segmentOf: Map<CloudEvent, number>,
  whereOf: Map<CloudEvent, string>,
  options: VerifyOptions,
): { findings: Finding[]; summary: VerifyReport['checkpoints'] } {
  const findings: Finding[] = [];
  const streamKeys = chained.filter(isKeyEvent).map((e) => e.data as PublishedKey & { producer: string });
  const keys: PublishedKey[] = options.keys ?? streamKeys.map((k) => ({ ...k, validUntil: null }));
  for (const k of options.keys ? streamKeys : []) {
    const given = keys.find((g) => g.kid === k.kid);
    if (given && given.publicKeyPem.trim() !== k.publicKeyPem.trim())
      findings.push({ kind: 'KEY_MISMATCH', detail: `key ${k.kid} published on the stream differs from the one the producer serves` });
  }
  const bySequence = segments.map((s) => new Map(s.map((e) => [e.sequence!, e])));
  let verified = 0;
  let failed = 0;
  let lastVerified: bigint | undefined;
  for (const e of chained.filter(isCheckpoint)) {
    const cp = e.data as Partial<SignedCheckpoint>;
    const at = { sequence: e.sequence, eventId: e.id, where: whereOf.get(e) };
    const fail = (kind: FindingKind, detail: string) => {
      failed++;
      findings.push({ kind, ...at, detail: `checkpoint ${e.id} (sequence ${e.sequence}): ${detail}` });
    };
    if (!cp.signature) {
      fail('MISSING_SIGNATURE', 'carries no signature');
      continue;
    }
    const key = keys.find((k) => k.kid === cp.kid);
    if (!key) {
      fail('UNKNOWN_KEY', `signed with key ${cp.kid}, which the producer does not publish`);
      continue;
    }
    if (!checkpointSignatureValid(cp, key.publicKeyPem)) {
      fail('BAD_SIGNATURE', `signature does not verify under key ${cp.kid}`);
      continue;
    }
    if (cp.signedAt! < key.validFrom || (key.validUntil && cp.signedAt! >= key.validUntil)) {
      fail('BAD_SIGNATURE', `signed at ${cp.signedAt}, outside the validity of key ${cp.kid} (${key.validFrom} – ${key.validUntil ?? 'now'})`);
      continue;
    }
    // The covered event, in the same history as the checkpoint: its hash must be the one signed.
    const covered = bySequence[segmentOf.get(e) ?? -1]?.get(cp.sequence!);
    if (covered && covered.hash !== cp.hash) {
      failed++;
      findings.push({ kind: 'CHECKPOINT_MISMATCH', sequence: covered.sequence, eventId: covered.id, where: whereOf.get(covered), detail: `event at sequence ${cp.sequence} has hash ${covered.hash}, the signed checkpoint ${e.id} says ${cp.hash}: the history was rewritten` });
      continue;
    }
    verified++;
    if (lastVerified === undefined || BigInt(cp.sequence!) > lastVerified) lastVerified = BigInt(cp.sequence!);
  }
  return { findings, summary: { verified, failed, ...(lastVerified !== undefined ? { lastVerifiedSequence: lastVerified.toString() } : {}), keys: options.keys ? 'given' : 'from-stream' } };
}
