import { chainHash, GENESIS_HASH, type CloudEvent } from '../envelope/cloud-event';
import type { EventContract } from '../contract/event-contract';
import type { IncomingMessage } from '../transport/transport.port';

/**
 * Where an event comes from, checked before it is applied. The handler is chosen by `type`, so without these checks
 * anyone able to write to any topic could make a consumer apply any type (one unchained
 * `credit.joint-measures.changed` with no measures would un-bar a supplier).
 *
 * Refused and dead-lettered (the message can never be right; it is kept in the DLQ for the investigation):
 *  - FORGED: the type arrived on another topic than its contract's, or its `source` is not the contract's producer;
 *  - UNCHAINED: the chain fields the producer's relay sets on every event (sequence, prevhash, hash) are missing or
 *    malformed: the event did not come through a producer's outbox.
 *
 * Held (not applied, offset not committed, redelivered in place with backoff, an ALERT log line and a `held` outcome
 * for the metrics, until an operator acts):
 *  - BAD_HASH: its hash is not the hash of its content: it was altered after the relay chained it.
 *
 * Alerted but applied (an ALERT log line and a `chain-anomaly` outcome for the metrics), per (source, topic,
 * partition) against the last event this consumer saw there:
 *  - BROKEN_LINK: it claims the next sequence but its prevhash is not that event's hash;
 *  - FORKED: it claims the same sequence with another hash.
 *
 * Why these two do not hold, and what a consumer cannot verify at all. The relay numbers a service's events with one
 * sequence over all its topics (outbox.relay.ts), and a consumer group reads only some topics, each split into
 * partitions: the consecutive numbers of a source are spread over topics and partitions the consumer never sees, so a
 * jump in sequence on a partition is normal, not a gap, and consumers cannot detect gaps. A chain also starts again
 * from genesis whenever a service's database is new (a fresh deployment, a restore, every test run on a shared
 * broker), and its first event on a partition may carry any number, equal to or one above the previous chain's
 * last: a link anomaly on one partition is therefore evidence to look at, not proof of a forgery, and holding on it
 * would stop the platform after a database restore. Lower sequences are normal too (a relay re-send after a crash,
 * a DLQ replay): the inbox drops what was applied. Gaps, forks and restarts are judged by the chain audit
 * (audit/chain-audit.ts), which reads all of a source's topics and fails on unchained events. The last position is
 * kept in memory, so after a restart or a rebalance the first event seen on a partition sets it again. The hash is
 * a SHA-256 without a secret: it proves integrity, not authorship; who may write to a topic is for the broker's
 * ACLs (per-service principals over SASL, transport/kafka-security.ts).
 */
export type ProvenanceRefusal =
  | { action: 'dead-letter'; reason: 'FORGED' | 'UNCHAINED'; detail: string }
  | { action: 'hold'; reason: 'BAD_HASH'; detail: string };

/** A chained event that does not follow the last one seen from its source on its partition (alerted, applied). */
export interface ChainAnomaly {
  reason: 'BROKEN_LINK' | 'FORKED';
  detail: string;
}

const SEQUENCE = /^[1-9]\d{0,19}$/;
const HASH = /^[0-9a-f]{64}$/;

/** Topic, source and chain fields, on their own (no memory of earlier events). */
export function provenanceRefusal(event: CloudEvent, contract: EventContract, message: IncomingMessage): ProvenanceRefusal | undefined {
  if (message.topic !== contract.topic) {
    return { action: 'dead-letter', reason: 'FORGED', detail: `${event.type} is published on ${contract.topic} only, not on ${message.topic}` };
  }
  if (contract.source !== undefined && event.source !== contract.source) {
    return { action: 'dead-letter', reason: 'FORGED', detail: `${event.type} is published by ${contract.source} only, not by ${event.source}` };
  }
  const missing = [
    typeof event.sequence === 'string' && SEQUENCE.test(event.sequence) ? undefined : 'sequence (a positive integer as a string)',
    typeof event.prevhash === 'string' && HASH.test(event.prevhash) ? undefined : 'prevhash (64 hex digits)',
    typeof event.hash === 'string' && HASH.test(event.hash) ? undefined : 'hash (64 hex digits)',
  ].filter((m): m is string => m !== undefined);
  if (missing.length > 0) {
    return { action: 'dead-letter', reason: 'UNCHAINED', detail: `no valid chain fields: ${missing.join(', ')}; events come from a producer's outbox relay` };
  }
  if (chainHash(event) !== event.hash) {
    return { action: 'hold', reason: 'BAD_HASH', detail: `event ${event.id} (sequence ${event.sequence} of ${event.source}): its content does not match its hash` };
  }
  return undefined;
}

/** The last chained event seen per (source, topic, partition), and the checks against it. */
export class ChainPositions {
  private readonly last = new Map<string, { sequence: bigint; hash: string; id: string }>();

  /** Makes an event that passed `provenanceRefusal` the partition's last position; says how it fits the previous one. */
  advance(event: CloudEvent, message: IncomingMessage): ChainAnomaly | undefined {
    const key = `${event.source}\u0000${message.topic}\u0000${message.partition}`;
    const sequence = BigInt(event.sequence as string);
    const last = this.last.get(key);
    this.last.set(key, { sequence, hash: event.hash as string, id: event.id });
    if (!last || event.prevhash === GENESIS_HASH) return undefined; // the first seen, or a chain starting again
    if (sequence === last.sequence + 1n && event.prevhash !== last.hash) {
      return {
        reason: 'BROKEN_LINK',
        detail: `event ${event.id} (sequence ${sequence} of ${event.source}) does not link to ${last.id} (sequence ${last.sequence}): prevhash differs`,
      };
    }
    if (sequence === last.sequence && event.hash !== last.hash) {
      return { reason: 'FORKED', detail: `events ${last.id} and ${event.id} both claim sequence ${sequence} of ${event.source}` };
    }
    return undefined;
  }

  clear(): void {
    this.last.clear();
  }
}
