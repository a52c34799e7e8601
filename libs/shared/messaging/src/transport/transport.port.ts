/**
 * The broker port. Two adapters implement it: Kafka (kafkajs) for the distributed mode and an in-process
 * bus for the embedded mode. Both honour the same contract, checked by one conformance suite:
 *  - topics exist only when provisioned (publishing to an unknown topic fails);
 *  - messages with the same key go to the same partition and are delivered in publish order;
 *  - a partition's next message is delivered only after the handler for the previous one resolved;
 *  - a handler that rejects gets the same message again (retried in place with backoff): at-least-once;
 *  - a group resumes after its last acknowledged message when it subscribes again;
 *  - different groups each receive every message.
 */
export interface OutgoingMessage {
  topic: string;
  key: string;
  value: Buffer | string;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface DeliveryContext {
  /** Attempt number for this message in this subscription, starting at 1. */
  attempt: number;
  /** Keeps the group membership alive during long work (Kafka heartbeats). */
  heartbeat(): Promise<void>;
}

export type MessageHandler = (message: IncomingMessage, context: DeliveryContext) => Promise<void>;

/**
 * Consecutive messages of one partition, in offset order, handed over at once. Resolving acknowledges them all.
 * Rejecting acknowledges none: the transport then delivers each of them through the message handler, one at a
 * time, in place and with its retries (so one message that cannot be applied is dealt with alone).
 */
export type BatchHandler = (messages: IncomingMessage[], context: Pick<DeliveryContext, 'heartbeat'>) => Promise<void>;

export interface TopicSpec {
  topic: string;
  partitions: number;
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  /** Where a group with no committed position starts. Default: earliest. */
  fromBeginning?: boolean;
  /** Backoff between in-place redeliveries after a handler rejected; default 200 ms doubling to 5 s. */
  retryBackoffMs?: { initial: number; max: number };
  /**
   * Hand consecutive messages of a partition (at most `maxMessages`) to `handler` at once; offsets move only once it
   * resolved. A transport that fetches one message at a time (the in-process bus) ignores it.
   */
  batch?: { handler: BatchHandler; maxMessages: number };
}

/** How far a consumer group is behind on one partition: messages published but not yet acknowledged by it. */
export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

export abstract class EventTransport {
  abstract readonly kind: 'kafka' | 'in-process';
  abstract ensureTopics(specs: TopicSpec[]): Promise<void>;
  /** Publishes in order; resolves once every message is durably accepted (acks=all on Kafka). */
  abstract publish(messages: OutgoingMessage[]): Promise<void>;
  abstract subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription>;
  /** Per partition of `topics`: the group's lag (end offset minus committed offset; all of it when never committed). */
  abstract consumerLag(groupId: string, topics: string[]): Promise<PartitionLag[]>;
  /** Is the broker reachable right now? */
  abstract healthy(): Promise<boolean>;
  /**
   * Deletes up to `limit` stored messages appended before `cutoff` that every consumer group with a position has
   * consumed, never the last of a partition (it carries the next offset); returns how many. Kafka's own retention
   * (the topics' retention.ms) does this on a broker, so there it deletes nothing.
   */
  async prune(_cutoff: Date, _limit: number): Promise<number> {
    return 0;
  }
  abstract close(): Promise<void>;
}

export function nextBackoff(current: number, max: number): number {
  return Math.min(max, current * 2);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The broker refused a message for what it is, not for a passing condition: retrying the same message can never
 * succeed (TOO_LARGE: over the broker's or topic's max.message.bytes). The relay splits the batch, then quarantines
 * the one message refused on its own.
 */
export class PublishRefusedError extends Error {
  constructor(
    readonly reason: 'TOO_LARGE',
    message: string,
  ) {
    super(message);
  }
}
