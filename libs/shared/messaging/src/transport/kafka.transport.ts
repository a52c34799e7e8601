import { Logger } from '@nestjs/common';
import {
  Kafka,
  Partitioners,
  logLevel as KafkaLogLevel,
  type Admin,
  type Consumer,
  type Producer,
  type IHeaders,
  type KafkaMessage,
  type KafkaConfig,
  type LogEntry,
} from 'kafkajs';
import { deliverUntilAcknowledged, SubscriptionStoppedError } from './delivery';
import { isFatalProducerError, isMessageTooLarge } from './kafka-errors';
import type { KafkaSecurity } from './kafka-security';
import {
  EventTransport,
  PublishRefusedError,
  type IncomingMessage,
  type MessageHandler,
  type OutgoingMessage,
  type PartitionLag,
  type SubscribeOptions,
  type Subscription,
  type TopicSpec,
} from './transport.port';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /** Replication factor for provisioned topics; 1 on a single-node broker. */
  replicationFactor?: number;
  /** kafkajs's own log level (KAFKA_LOG_LEVEL): nothing, error, warn (default), info, debug. */
  logLevel?: string;
  /** TLS and SASL (kafkaSecurityFromEnv): the service's own principal on a secured cluster. */
  ssl?: KafkaSecurity['ssl'];
  sasl?: KafkaSecurity['sasl'];
}

function incoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  return { topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, headers: kafkaHeaders(message.headers) };
}

/** Kafka record headers as strings (the first value of a repeated header). */
export function kafkaHeaders(raw: IHeaders | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? String(v[0]) : String(v);
  }
  return headers;
}

const LEVELS: Record<string, KafkaLogLevel> = {
  nothing: KafkaLogLevel.NOTHING,
  error: KafkaLogLevel.ERROR,
  warn: KafkaLogLevel.WARN,
  info: KafkaLogLevel.INFO,
  debug: KafkaLogLevel.DEBUG,
};

/**
 * Kafka adapter (kafkajs 2.2.4). Producer: idempotent, acks=all, one request in flight (so retries cannot
 * reorder), Java-compatible murmur2 partitioner, no topic auto-creation. Consumers: one kafkajs consumer per
 * subscription (group), eachMessage (or eachBatch when the subscriber takes batches), offsets committed by kafkajs
 * only for messages whose handler resolved.
 */
export class KafkaTransport extends EventTransport {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly logger = new Logger('KafkaTransport');
  private producer?: Producer;
  private producerConnecting?: Promise<Producer>;
  private admin?: Admin;
  private readonly consumers = new Set<Consumer>();
  private lastHealth = { at: 0, ok: false };
  /** Groups whose consumer crashed for good (kafkajs gave up restarting): readiness must say so. */
  private readonly deadGroups = new Set<string>();

  constructor(private readonly options: KafkaTransportOptions) {
    super();
    const config: KafkaConfig = {
      clientId: options.clientId,
      brokers: options.brokers,
      ...(options.ssl !== undefined ? { ssl: options.ssl } : {}),
      ...(options.sasl !== undefined ? { sasl: options.sasl } : {}),
      connectionTimeout: 5000,
      requestTimeout: 15000,
      retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000 },
      logLevel: LEVELS[(options.logLevel ?? 'warn').toLowerCase()] ?? KafkaLogLevel.WARN,
      logCreator: () => (entry: LogEntry) => {
        const { message, ...rest } = entry.log;
        const text = `${entry.namespace}: ${message} ${JSON.stringify(rest)}`;
        if (entry.level <= KafkaLogLevel.ERROR) this.logger.error(text);
        else if (entry.level === KafkaLogLevel.WARN) this.logger.warn(text);
        else this.logger.log(text);
      },
    };
    this.kafka = new Kafka(config);
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions,
          replicationFactor: this.options.replicationFactor ?? 1,
        })),
      });
      this.logger.log(`created topics ${missing.map((s) => `${s.topic}(${s.partitions})`).join(', ')}`);
    }
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.getProducer();
    // Consecutive runs per topic keep the overall order; within a partition kafkajs keeps order.
    const topicMessages: { topic: string; messages: { key: string; value: Buffer | string; headers?: Record<string, string> }[] }[] = [];
    for (const m of messages) {
      const last = topicMessages[topicMessages.length - 1];
      const entry = { key: m.key, value: m.value, headers: m.headers };
      if (last && last.topic === m.topic) last.messages.push(entry);
      else topicMessages.push({ topic: m.topic, messages: [entry] });
    }
    try {
      await producer.sendBatch({ topicMessages, acks: -1 });
    } catch (err) {
      if (isFatalProducerError(err)) {
        this.logger.error(`producer unusable after a fatal error, re-creating it for the next publish: ${err.message}`);
        await this.discardProducer(producer);
      }
      if (isMessageTooLarge(err)) throw new PublishRefusedError('TOO_LARGE', `the broker refused the batch as too large: ${err.message}`);
      throw err;
    }
  }

  /** Drops a producer whose state is unusable (fenced, epoch or sequence out of step); the next publish makes a new one. */
  private async discardProducer(producer: Producer): Promise<void> {
    if (this.producer === producer) {
      this.producer = undefined;
      this.producerConnecting = undefined;
    }
    await producer.disconnect().catch(() => undefined);
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      // A crashed member is noticed after this long; its partitions then move to the survivors.
      sessionTimeout: 10000,
      heartbeatInterval: 3000,
      rebalanceTimeout: 60000,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10000 },
    });
    let stopped = false;
    const joined = new Promise<void>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
    });
    consumer.on(consumer.events.CRASH, (e) => {
      this.logger.error(`consumer ${options.groupId} crashed (restart=${e.payload.restart}): ${e.payload.error?.message}`);
      if (!e.payload.restart) this.deadGroups.add(options.groupId);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
    const deliver = (message: IncomingMessage, heartbeat: () => Promise<void>) =>
      deliverUntilAcknowledged(handler, message, { isStopped: () => stopped, heartbeat, backoff: options.retryBackoffMs });
    const batch = options.batch;
    await consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: 3,
      ...(batch
        ? {
            // Offsets are resolved by hand, only for messages whose handler resolved; kafkajs commits them after the batch.
            eachBatchAutoResolve: false,
            eachBatch: async ({ batch: fetched, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
              const messages = fetched.messages.map((m) => incoming(fetched.topic, fetched.partition, m));
              for (let i = 0; i < messages.length; i += batch.maxMessages) {
                if (stopped || !isRunning() || isStale()) return;
                const chunk = messages.slice(i, i + batch.maxMessages);
                try {
                  await batch.handler(chunk, { heartbeat });
                  resolveOffset(chunk[chunk.length - 1].offset);
                } catch (err) {
                  if (stopped) throw new SubscriptionStoppedError();
                  this.logger.warn(`${fetched.topic}[${fetched.partition}]@${chunk[0].offset}: batch of ${chunk.length} not applied (${err.message}); one at a time`);
                  for (const message of chunk) {
                    if (stopped || !isRunning() || isStale()) return;
                    await deliver(message, heartbeat);
                    resolveOffset(message.offset);
                  }
                }
                await commitOffsetsIfNecessary();
                await heartbeat();
              }
            },
          }
        : {
            eachMessage: async ({ topic, partition, message, heartbeat }) => deliver(incoming(topic, partition, message), heartbeat),
          }),
    });
    this.consumers.add(consumer);
    // Wait (bounded) for the first assignment so callers know the group is live. The timer is cleared so
    // it does not keep the process alive for 30 s after the join.
    let joinTimer: NodeJS.Timeout | undefined;
    await Promise.race([joined, new Promise<void>((r) => (joinTimer = setTimeout(r, 30000)))]);
    clearTimeout(joinTimer);
    return {
      stop: async () => {
        stopped = true;
        this.consumers.delete(consumer);
        await consumer.disconnect().catch((err: Error) => {
          if (!(err instanceof SubscriptionStoppedError)) this.logger.warn(`disconnect: ${err.message}`);
        });
      },
    };
  }

  async consumerLag(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    const admin = await this.getAdmin();
    const committed = await admin.fetchOffsets({ groupId, topics });
    const lags: PartitionLag[] = [];
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const offset = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        // -1: the group never committed on this partition; it starts from the earliest retained offset.
        const from = Number(offset) < 0 ? Number(end.low) : Number(offset);
        lags.push({ topic, partition: end.partition, lag: Math.max(0, Number(end.high) - from) });
      }
    }
    return lags;
  }

  async healthy(): Promise<boolean> {
    if (this.deadGroups.size > 0) return false;
    if (Date.now() - this.lastHealth.at < 2000) return this.lastHealth.ok;
    let ok = false;
    try {
      const admin = await this.getAdmin();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        admin.describeCluster(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('describeCluster timeout')), 3000))),
      ]).finally(() => clearTimeout(timer));
      ok = true;
    } catch {
      ok = false;
    }
    this.lastHealth = { at: Date.now(), ok };
    return ok;
  }

  async close(): Promise<void> {
    for (const c of this.consumers) await c.disconnect().catch(() => undefined);
    this.consumers.clear();
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    this.producer = undefined;
    this.producerConnecting = undefined;
    this.admin = undefined;
  }

  private async getProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    if (!this.producerConnecting) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      this.producerConnecting = producer
        .connect()
        .then(() => (this.producer = producer))
        .catch((err) => {
          this.producerConnecting = undefined; // a failed first connect must not stay cached
          throw err;
        });
    }
    return this.producerConnecting;
  }

  private async getAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }
}
