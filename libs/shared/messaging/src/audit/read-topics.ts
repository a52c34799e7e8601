import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '../envelope/cloud-event';

/**
 * Reads every message of the given topics from the beginning up to their end at the time of the call and
 * decodes the CloudEvents (undecodable values are counted, not thrown). Uses a throwaway consumer group,
 * so it never moves a service's position. For auditors and the chain check.
 */
export async function readTopicsToEnd(
  brokers: string[],
  topics: string[],
  timeoutMs = 120000,
): Promise<{ events: CloudEvent[]; undecodable: number }> {
  const kafka = new Kafka({ clientId: `sop-audit-${process.pid}`, brokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>(); // "topic:partition" → last offset to read
  try {
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const high = BigInt(p.high);
        if (high > BigInt(p.low)) remaining.set(`${topic}:${p.partition}`, high - 1n);
      }
    }
  } finally {
    await admin.disconnect();
  }
  const events: CloudEvent[] = [];
  let undecodable = 0;
  if (remaining.size === 0) return { events, undecodable };
  const consumer = kafka.consumer({ groupId: `sop-audit-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`audit read did not reach the end of ${topics.join(', ')} in ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const key = `${topic}:${partition}`;
          const last = remaining.get(key);
          if (last === undefined || BigInt(message.offset) > last) return;
          try {
            events.push(JSON.parse(message.value?.toString('utf8') ?? '') as CloudEvent);
          } catch {
            undecodable++;
          }
          if (BigInt(message.offset) === last) remaining.delete(key);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return { events, undecodable };
}
