import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

/**
 * CloudEvents 1.0 structured-mode envelope (JSON value on Kafka). Extensions: correlation/causation ids,
 * the policy version a decision applied, and the tamper-evidence chain fields the relay assigns
 * (sequence, prevhash, hash).
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  dataschema: string;
  data: T;
  correlationid?: string;
  causationid?: string;
  policyversion?: string;
  sequence?: string;
  prevhash?: string;
  hash?: string;
  /** CloudEvents distributed-tracing extension: the W3C trace context the event was published in. */
  traceparent?: string;
  tracestate?: string;
}

/** What a producer states about an event it publishes; the contract it is published under gives its type. */
export interface EventToPublish<T = unknown> {
  /** The aggregate id (the USCC for organizations); also the Kafka key. */
  subject: string;
  data: T;
  time?: Date;
  correlationId?: string;
  causationId?: string;
  /** The rule-set version the decision behind this event applied. */
  policyVersion?: string;
}

export interface NewEvent<T = unknown> extends EventToPublish<T> {
  type: string;
}

export function buildCloudEvent<T>(source: string, dataschema: string, e: NewEvent<T>, now: Date): CloudEvent<T> {
  const id = randomUUID();
  const event: CloudEvent<T> = {
    specversion: '1.0',
    id,
    source,
    type: e.type,
    time: (e.time ?? now).toISOString(),
    subject: e.subject,
    datacontenttype: 'application/json',
    dataschema,
    data: e.data,
    correlationid: e.correlationId ?? id,
  };
  if (e.causationId) event.causationid = e.causationId;
  if (e.policyVersion) event.policyversion = e.policyVersion;
  return event;
}

/** JSON with object keys sorted at every level: the byte form the chain hash is computed over. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const GENESIS_HASH = '0'.repeat(64);

/** hash = SHA-256(prevhash || canonical event without its own hash). */
export function chainHash(event: CloudEvent): string {
  const { hash: _ignored, ...rest } = event;
  return createHash('sha256')
    .update(rest.prevhash ?? GENESIS_HASH)
    .update(canonicalJson(rest))
    .digest('hex');
}

/** Where a producer's chain stands: the last event's sequence and hash (none yet: the genesis). */
export interface ChainHead {
  sequence: string;
  hash: string;
}

/**
 * Appends an event to a producer's chain: the next sequence number, the previous event's hash as prevhash, and its
 * own hash. The outbox relay chains every event it publishes with it; tests and tools that publish as a producer
 * would (without an outbox) use it too, since consumers refuse unchained events. Returns the new head.
 */
export function appendToChain(event: CloudEvent, head: ChainHead | undefined): ChainHead {
  event.sequence = (BigInt(head?.sequence ?? '0') + 1n).toString();
  event.prevhash = head?.hash ?? GENESIS_HASH;
  event.hash = chainHash(event);
  return { sequence: event.sequence, hash: event.hash };
}

/** A producer's chain held in memory (for tests and tools): `next` returns the event with its chain fields. */
export class EventChain {
  constructor(private head?: ChainHead) {}

  /**
   * A chain that starts at a random sequence far above any real relay's (with a random prevhash), for tests that
   * publish as another service next to that service's real relay, or on a broker that keeps earlier runs' events:
   * their events never claim a place (sequence) that a real event or an earlier run holds, so consumers do not see
   * a fork. The chain audit still reports them: they do not link to the service's genesis.
   */
  static detached(): EventChain {
    const base = 1_000_000_000_000n + BigInt(randomInt(0, 2 ** 47)) * 1000n;
    return new EventChain({ sequence: base.toString(), hash: randomBytes(32).toString('hex') });
  }
  next<T>(event: CloudEvent<T>): CloudEvent<T> {
    this.head = appendToChain(event as CloudEvent, this.head);
    return event;
  }
}

/** Verifies an ordered run of one source's events: consecutive sequence numbers and unbroken hashes. */
export function verifyChain(events: CloudEvent[]): { ok: true } | { ok: false; at: number; reason: string } {
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.hash !== chainHash(e)) return { ok: false, at: i, reason: `event ${e.id}: hash does not match its content` };
    if (i > 0) {
      const prev = events[i - 1];
      if (e.prevhash !== prev.hash) return { ok: false, at: i, reason: `event ${e.id}: prevhash does not link to ${prev.id}` };
      if (BigInt(e.sequence ?? -1) !== BigInt(prev.sequence ?? -2) + 1n)
        return { ok: false, at: i, reason: `event ${e.id}: sequence gap after ${prev.sequence}` };
    }
  }
  return { ok: true };
}
