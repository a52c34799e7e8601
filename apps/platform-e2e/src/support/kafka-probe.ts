import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import { uniqueName } from '@sop/testing';

/** Test-side Kafka access: raw produce (duplicates, poison) and reading a topic from the beginning. */
export class KafkaProbe {
  private readonly kafka: Kafka;
  private producer?: Producer;

  constructor(brokers: string[]) {
    this.kafka = new Kafka({ clientId: uniqueName('e2e-probe'), brokers, logLevel: logLevel.ERROR });
  }

  async produce(topic: string, messages: { key: string; value: Buffer | string; headers?: Record<string, string> }[]): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    await this.producer.send({ topic, acks: -1, messages });
  }

  /** Reads a topic from the beginning with a throwaway group until `found` accepts a message or time runs out. */
  async find(
    topic: string,
    found: (m: { key: string | null; value: Buffer | null; headers: Record<string, string> }) => boolean,
    timeoutMs = 30000,
  ): Promise<{ key: string | null; value: Buffer | null; headers: Record<string, string> }> {
    const consumer = this.kafka.consumer({ groupId: uniqueName('e2e-reader') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    try {
      return await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching message on ${topic} within ${timeoutMs} ms`)), timeoutMs);
        void consumer.run({
          eachMessage: async ({ message }) => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
            const m = { key: message.key?.toString() ?? null, value: message.value, headers };
            if (found(m)) {
              clearTimeout(timer);
              resolve(m);
            }
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
  }

  /** Disconnects; a later `produce` connects a new producer (after a broker restart, for instance). */
  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
