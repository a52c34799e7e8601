import { createHash, randomUUID } from 'node:crypto';

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
