import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '../envelope/cloud-event';
import { kafkaHeaders } from '../transport/kafka.transport';
import type { IncomingMessage } from '../transport/transport.port';

/**
 * Reads every message of the given topics from the beginning up to their end at the time of the call and
 * decodes the CloudEvents (undecodable values are counted, not thrown). Uses a throwaway consumer group,
 * so it never moves a service's position. For auditors and the chain check.
 */
export async function readTopicsToEnd(
  brokers: string[] | KafkaConnection,
  topics: string[],
  timeoutMs = 120000,
): Promise<{ events: CloudEvent[]; undecodable: number }> {
  const events: CloudEvent[] = [];
  let undecodable = 0;
  for (const message of await readTopicMessagesToEnd(Array.isArray(brokers) ? { brokers } : brokers, topics, timeoutMs)) {
    try {
      events.push(JSON.parse(message.value?.toString('utf8') ?? '') as CloudEvent);
    } catch {
      undecodable++;
    }
  }
  return { events, undecodable };
}

/**
 * The raw messages (key, value, headers, partition and offset) of the given topics, from the beginning up to their
 * end at the time of the call, per partition in offset order. A throwaway consumer group that commits nothing.
 * `connection` takes the brokers and, in deployments that need them, the TLS/SASL options of kafkajs.
 */
export type KafkaConnection = Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'>;

/** Where to start on each partition (default: its first offset), and a callback per message read (progress). */
export interface ReadRange {
  /** The first offset to read of a partition (clamped to the partition's low water mark). */
  from?: (topic: string, partition: number) => bigint | undefined;
  onMessage?: (message: IncomingMessage) => void;
  /**
   * Also read the last record before `from` on each partition started past its low mark (also when `from` is past its
   * end), and name its offset: the auditor's context of where the range starts.
   */
  recordBefore?: (topic: string, partition: number, offset: bigint) => void;
}

export async function readTopicMessagesToEnd(
  connection: KafkaConnection,
  topics: string[],
  timeoutMs = 120000,
  range: ReadRange = {},
): Promise<IncomingMessage[]> {
  const kafka = new Kafka({ ...connection, clientId: `sop-reader-${process.pid}`, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>(); // "topic:partition" → last offset to read
  const starts = new Map<string, { topic: string; partition: number; offset: bigint }>(); // where a read starts past the low mark
  try {
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const high = BigInt(p.high);
        const low = BigInt(p.low);
        const from = range.from?.(topic, p.partition);
        let start = from !== undefined && from > low ? from : low;
        if (range.recordBefore && start > low && high > low) {
          start = (start < high ? start : high) - 1n;
          range.recordBefore(topic, p.partition, start);
        }
        if (high > start) remaining.set(`${topic}:${p.partition}`, high - 1n);
        if (start > low && high > start) starts.set(`${topic}:${p.partition}`, { topic, partition: p.partition, offset: start });
      }
    }
  } finally {
    await admin.disconnect();
  }
  const messages: IncomingMessage[] = [];
  if (remaining.size === 0) return messages;
  const consumer = kafka.consumer({ groupId: `sop-audit-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`audit read did not reach the end of ${topics.join(', ')} in ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            const key = `${topic}:${partition}`;
            const last = remaining.get(key);
            if (last === undefined || BigInt(message.offset) > last) return;
            if (BigInt(message.offset) < (starts.get(key)?.offset ?? 0n)) return;
            const headers = kafkaHeaders(message.headers);
            const incoming = { topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, headers };
            messages.push(incoming);
            range.onMessage?.(incoming);
            if (BigInt(message.offset) === last) remaining.delete(key);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        // Partitions read from a given offset skip what lies before it (earlier messages are dropped above anyway).
        .then(() => starts.forEach((s) => consumer.seek({ topic: s.topic, partition: s.partition, offset: s.offset.toString() })))
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
