import type { CloudEvent } from '../envelope/cloud-event';
import type { DeliveryContext, IncomingMessage } from '../transport/transport.port';
import type { Tx } from '../unit-of-work';
import type { ChainAnomaly, ProvenanceRefusal } from './provenance';

/** What an EventConsumer is configured with, its handlers' shape, and what it reports (outcomes, status, hooks). */

/** A handler of one event type. The payload was checked against its contract before the call. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds handlers of every contract
export type EventHandler = (event: CloudEvent<any>, tx: Tx, message: IncomingMessage, delivery: DeliveryContext) => Promise<void>;

export interface EventConsumerOptions {
  groupId: string;
  /** The consuming service (log context in the embedded host). */
  serviceName?: string;
  /**
   * Failed attempts with an unexpected error (class TRANSIENT) before the message is dead-lettered. Attempts that
   * failed because the database was unreachable or on a lock conflict do not count (see error-classification.ts).
   */
  maxTransientAttempts?: number;
  retryBackoffMs?: { initial: number; max: number };
  /**
   * Consecutive messages of a partition applied in one transaction, at most (default 500; 1 applies each message in
   * its own). Only where the transport hands over batches (Kafka).
   */
  batchMessages?: number;
}

export type ConsumerState = 'stopped' | 'running' | 'database-unavailable';

export interface ConsumerStatus {
  state: ConsumerState;
  applied: number;
  duplicates: number;
  skipped: number;
  deadLettered: number;
  /** Partitions currently held on an event altered after its producer chained it. */
  held: number;
  lastError?: string;
}

/** What happened to one delivered message; the service's metrics count these. */
export type ConsumerOutcome =
  | { kind: 'applied'; type: string; durationMs: number }
  | { kind: 'duplicate'; type: string }
  | { kind: 'skipped'; type: string }
  | { kind: 'retry'; type: string; failure: 'TRANSIENT' | 'INFRASTRUCTURE' | 'CONTENTION' }
  | { kind: 'dead-lettered'; type: string; reason: DeadLetterReason }
  /** Not applied and not acknowledged: the event was altered after its producer chained it (an alert; provenance.ts). */
  | { kind: 'held'; type: string; reason: HoldReason }
  /** Applied, but it does not follow the last event of its source on its partition (an alert; provenance.ts). */
  | { kind: 'chain-anomaly'; type: string; reason: ChainAnomaly['reason'] };

export type DeadLetterReason = 'UNDECODABLE' | 'INVALID_ENVELOPE' | 'FORGED' | 'UNCHAINED' | 'INVALID_PAYLOAD' | 'REJECTED' | 'RETRIES_EXHAUSTED';
export type HoldReason = Extract<ProvenanceRefusal, { action: 'hold' }>['reason'];

/** Thrown (so the transport redelivers in place) while a message is held. */
export class HeldEventError extends Error {
  constructor(
    readonly reason: HoldReason,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** Observability around the consumer, without the consumer knowing the metrics library. */
export interface ConsumerHooks {
  outcome?(groupId: string, outcome: ConsumerOutcome): void;
}
