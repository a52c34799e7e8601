import type { IncomingMessage, OutgoingMessage, EventTransport } from '../transport/transport.port';

/**
 * Dead letters and their replay. A consumer group dead-letters a message to `<group>.dlq` with the original key,
 * value and headers plus the `dlq-*` headers (reason, detail, group, source topic/partition/offset, time). After a
 * fix (a handler that now accepts the event, a corrected contract), an operator re-injects chosen dead letters:
 *
 *  - into their source topic, with the original key (same partition), the original value unchanged (same event id,
 *    same envelope and chain fields: it is the producer's event, not a new one) and the original headers;
 *  - addressed to the group that dead-lettered them (`dlq-replay-group`): other groups on the topic acknowledge and
 *    skip a replay meant for someone else, so they neither apply it again nor dead-letter a bad message twice;
 *  - idempotently: the group's inbox already dedups by event id, so a message replayed twice (or replayed after it
 *    was somehow applied) is applied once. A replay that still fails is dead-lettered again, with its new reason.
 */
export const DLQ_HEADER = {
  reason: 'dlq-reason',
  detail: 'dlq-detail',
  group: 'dlq-consumer-group',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  time: 'dlq-time',
  /** On a replayed message: the only consumer group that handles it. */
  replayGroup: 'dlq-replay-group',
  /** On a replayed message: the dead letter it came from (`<dlq topic>@<offset>`) and when. */
  replayOf: 'dlq-replay-of',
  replayTime: 'dlq-replay-time',
} as const;

export interface DeadLetter {
  dlqTopic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  /** The original headers, without the dead-letter ones. */
  originalHeaders: Record<string, string>;
  reason: string;
  detail: string;
  consumerGroup: string;
  sourceTopic: string;
  sourcePartition: string;
  sourceOffset: string;
  deadLetteredAt: string;
  /** From the envelope, when the value decodes as one. */
  eventId?: string;
  eventType?: string;
}

export function deadLetterOf(message: IncomingMessage): DeadLetter {
  const h = message.headers;
  const originalHeaders = Object.fromEntries(Object.entries(h).filter(([k]) => !k.startsWith('dlq-')));
  let eventId: string | undefined;
  let eventType: string | undefined;
  try {
    const decoded = JSON.parse(message.value?.toString('utf8') ?? '') as { id?: unknown; type?: unknown };
    if (typeof decoded?.id === 'string') eventId = decoded.id;
    if (typeof decoded?.type === 'string') eventType = decoded.type;
  } catch {
    // undecodable: listed and replayable by offset only
  }
  return {
    dlqTopic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    originalHeaders,
    reason: h[DLQ_HEADER.reason] ?? '',
    detail: h[DLQ_HEADER.detail] ?? '',
    consumerGroup: h[DLQ_HEADER.group] ?? '',
    sourceTopic: h[DLQ_HEADER.sourceTopic] ?? '',
    sourcePartition: h[DLQ_HEADER.sourcePartition] ?? '',
    sourceOffset: h[DLQ_HEADER.sourceOffset] ?? '',
    deadLetteredAt: h[DLQ_HEADER.time] ?? '',
    ...(eventId ? { eventId } : {}),
    ...(eventType ? { eventType } : {}),
  };
}

/** Which dead letters to replay. Criteria combine with AND; within one criterion any listed value matches. */
export interface DeadLetterFilter {
  offsets?: string[];
  eventIds?: string[];
  reasons?: string[];
  types?: string[];
  /** Every dead letter (combined with the other criteria, if any). Without it, at least one criterion is required. */
  all?: boolean;
}

export class DeadLetterSelectionError extends Error {}

export function selectDeadLetters(letters: DeadLetter[], filter: DeadLetterFilter): DeadLetter[] {
  const criteria = [filter.offsets, filter.eventIds, filter.reasons, filter.types].filter((c) => c !== undefined && c.length > 0);
  if (criteria.length === 0 && !filter.all) {
    throw new DeadLetterSelectionError('choose the dead letters: --offset, --event-id, --reason or --type (or --all for every one)');
  }
  const has = (values: string[] | undefined, value: string | undefined) => !values || values.length === 0 || (value !== undefined && values.includes(value));
  return letters.filter(
    (l) => has(filter.offsets, l.offset) && has(filter.eventIds, l.eventId) && has(filter.reasons, l.reason) && has(filter.types, l.eventType),
  );
}

/** The message that re-injects a dead letter: the original record, addressed to the group that dead-lettered it. */
export function replayMessageOf(letter: DeadLetter, now: Date): OutgoingMessage {
  if (!letter.sourceTopic || !letter.consumerGroup) {
    throw new DeadLetterSelectionError(`${letter.dlqTopic}@${letter.offset} has no ${DLQ_HEADER.sourceTopic}/${DLQ_HEADER.group} header: not a dead letter of this platform`);
  }
  return {
    topic: letter.sourceTopic,
    key: letter.key ?? `${letter.sourceTopic}-${letter.sourcePartition}-${letter.sourceOffset}`,
    value: letter.value ?? Buffer.alloc(0),
    headers: {
      ...letter.originalHeaders,
      [DLQ_HEADER.replayGroup]: letter.consumerGroup,
      [DLQ_HEADER.replayOf]: `${letter.dlqTopic}@${letter.offset}`,
      [DLQ_HEADER.replayTime]: now.toISOString(),
    },
  };
}

/** Publishes the replays in dead-letter order (the source partitions keep it); resolves once the broker has them. */
export async function replayDeadLetters(transport: EventTransport, letters: DeadLetter[], now: Date): Promise<OutgoingMessage[]> {
  const messages = letters.map((l) => replayMessageOf(l, now));
  await transport.publish(messages);
  return messages;
}

/** Is this delivery a replay meant for another consumer group? Such a group acknowledges it and does nothing. */
export function isReplayForAnotherGroup(message: IncomingMessage, groupId: string): boolean {
  const target = message.headers[DLQ_HEADER.replayGroup];
  return target !== undefined && target !== groupId;
}
