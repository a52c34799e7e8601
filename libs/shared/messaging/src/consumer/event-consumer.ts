import { Logger } from '@nestjs/common';
import { isDuplicateKey } from '@sop/persistence';
import type { CloudEvent } from '../envelope/cloud-event';
import { envelopeProblems } from '../envelope/envelope-validation';
import { payloadProblems, type EventCatalog } from '../contract/event-contract';
import { InboxMessageOrmEntity } from '../inbox/inbox-message.orm-entity';
import type { DeliveryContext, EventTransport, IncomingMessage, Subscription } from '../transport/transport.port';
import { inConsumerSpan } from '../tracing/event-tracing';
import type { Tx, UnitOfWork } from '../unit-of-work';
import { DLQ_HEADER, isReplayForAnotherGroup } from '../dlq/dead-letters';
import { classifyFailure } from './error-classification';
import { ChainPositions, provenanceRefusal, type ProvenanceRefusal } from './provenance';
import { admitBatch, DEFAULT_BATCH_MESSAGES, firstOccurrences, recordBatchInInbox, retriedOnContention } from './batch-admission';

export { HeldEventError, type ConsumerHooks, type ConsumerOutcome, type ConsumerState, type ConsumerStatus, type DeadLetterReason, type EventConsumerOptions, type EventHandler, type HoldReason } from './consumer-types';
import { HeldEventError, type ConsumerHooks, type ConsumerState, type ConsumerStatus, type DeadLetterReason, type EventConsumerOptions, type EventHandler } from './consumer-types';

export const dlqTopicOf = (groupId: string) => `${groupId}.dlq`;

class DuplicateEvent extends Error {}

/**
 * Idempotent consumer. Per message: decode → validate envelope → validate payload against its contract →
 * one unit of work that inserts (group, event id) into the inbox and runs the handler (a duplicate key means
 * "already applied": acknowledged, nothing done) → commit → only then acknowledge, so the offset moves only
 * for applied or dead-lettered messages. On Kafka, consecutive messages of a partition are applied together in one
 * unit of work (handleBatch), falling back to this path. The Nest transport strategy (EventTransportServer) drives it.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private subscription?: Subscription;
  private readonly counters = { applied: 0, duplicates: 0, skipped: 0, deadLettered: 0 };
  private state: ConsumerState = 'stopped';
  private lastError?: string;
  /**
   * Unexpected (TRANSIENT) failures per message being retried, keyed by topic/partition/offset. The transport's
   * attempt number counts every failure; only these count toward dead-lettering. Entries go once the message is
   * acknowledged; a partition holds one message in retry at a time, so the map stays as small as the assignment.
   */
  private readonly unexpectedFailures = new Map<string, number>();
  private readonly chain = new ChainPositions();
  /** "topic/partition" of the partitions held on a chain violation, for status and metrics. */
  private readonly heldPartitions = new Set<string>();

  constructor(
    private readonly transport: EventTransport,
    private readonly unitOfWork: UnitOfWork,
    private readonly catalog: EventCatalog,
    private readonly handlers: ReadonlyMap<string, EventHandler>,
    private readonly options: EventConsumerOptions,
    private readonly now: () => Date,
    private readonly hooks: ConsumerHooks = {},
  ) {
    this.logger = new Logger(`EventConsumer:${options.groupId}`);
    for (const type of handlers.keys()) this.catalog.require(type);
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** The topics of the handled contracts. */
  topics(): string[] {
    return [...new Set([...this.handlers.keys()].map((type) => this.catalog.require(type).topic))];
  }

  async start(): Promise<void> {
    const topics = this.topics();
    this.state = 'running';
    if (topics.length === 0) return; // a service that consumes nothing
    const maxMessages = this.options.batchMessages ?? DEFAULT_BATCH_MESSAGES;
    this.subscription = await this.transport.subscribe(
      {
        groupId: this.options.groupId,
        topics,
        retryBackoffMs: this.options.retryBackoffMs,
        ...(maxMessages > 1 ? { batch: { handler: (messages, context) => this.handleBatch(messages, context), maxMessages } } : {}),
      },
      (message, context) => this.handle(message, context),
    );
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    this.unexpectedFailures.clear();
    this.chain.clear();
    this.heldPartitions.clear();
    this.state = 'stopped';
  }

  status(): ConsumerStatus {
    return { state: this.state, ...this.counters, held: this.heldPartitions.size, lastError: this.lastError };
  }

  /** Handles one delivered message. Resolving acknowledges it; rejecting makes the transport deliver it again. */
  async handle(message: IncomingMessage, context: DeliveryContext): Promise<void> {
    const key = `${message.topic}/${message.partition}/${message.offset}`;
    await this.handleOnce(message, context, key); // a rejection keeps the count: the same message comes again
    this.unexpectedFailures.delete(key);
  }

  /**
   * Applies consecutive messages of one partition in one unit of work: one multi-row inbox insert (events already in
   * the inbox, or twice in the batch, are duplicates), each new event's handler in offset order, one commit; only
   * then does the transport move the offsets. Rejects, applying nothing, when a message needs the one-at-a-time path
   * (it would be dead-lettered or held) or the transaction fails: the transport then delivers each message through
   * `handle`, which classifies the failure as always, so a poison message still goes alone to the dead letters.
   */
  async handleBatch(messages: IncomingMessage[], context: Pick<DeliveryContext, 'heartbeat'>): Promise<void> {
    const admitted = await admitBatch(messages, this.groupId, this.catalog, this.handlers);
    const firsts = firstOccurrences(admitted);
    const started = Date.now();
    // A deadlock victim (batches of partitions run side by side) rolled back whole: the same batch again, twice.
    const fresh = firsts.size === 0 ? new Set<string>() : await retriedOnContention(() =>
      this.unitOfWork.runForEvents(async (manager, txFor) => {
        const recorded = await recordBatchInInbox(manager, this.groupId, [...firsts.values()].map((f) => f.event), this.now());
        for (const { message, event, handler } of firsts.values()) {
          if (recorded.has(event.id)) await this.traced(event, message, () => handler(event, txFor(event), message, { attempt: 1, heartbeat: context.heartbeat }));
        }
        return recorded;
      }),
    );
    // Committed: the outcomes, chain positions and alerts, as the one-at-a-time path reports them.
    const durationMs = (Date.now() - started) / Math.max(1, fresh.size);
    for (const { message, admission } of admitted) {
      if (admission.kind === 'skip') {
        this.counters.skipped++;
        this.hooks.outcome?.(this.groupId, { kind: 'skipped', type: admission.type });
        continue;
      }
      const { event } = admission;
      this.heldPartitions.delete(`${message.topic}/${message.partition}`);
      this.alertOnChainAnomaly(event, message);
      if (fresh.has(event.id) && firsts.get(event.id)?.message === message) {
        this.counters.applied++;
        this.hooks.outcome?.(this.groupId, { kind: 'applied', type: event.type, durationMs });
      } else {
        this.counters.duplicates++;
        this.hooks.outcome?.(this.groupId, { kind: 'duplicate', type: event.type });
      }
    }
    this.recovered();
  }

  /** The handler in the event's trace and correlation: its logs, spans and the events it publishes carry them. */
  private traced<T>(event: CloudEvent, message: IncomingMessage, work: () => Promise<T>): Promise<T> {
    return inConsumerSpan(event, message, this.groupId, this.options.serviceName, work);
  }

  private alertOnChainAnomaly(event: CloudEvent, message: IncomingMessage): void {
    const anomaly = this.chain.advance(event, message);
    if (anomaly) {
      this.logger.error(`ALERT ${message.topic}[${message.partition}]@${message.offset}: ${anomaly.reason} ${anomaly.detail}; applied (see the chain audit)`);
      this.hooks.outcome?.(this.groupId, { kind: 'chain-anomaly', type: event.type, reason: anomaly.reason });
    }
  }

  private async handleOnce(message: IncomingMessage, context: DeliveryContext, key: string): Promise<void> {
    if (isReplayForAnotherGroup(message, this.groupId)) {
      this.counters.skipped++; // a dead letter of another group, replayed for that group only
      this.hooks.outcome?.(this.groupId, { kind: 'skipped', type: message.headers['ce-type'] ?? '(replay)' });
      return;
    }
    let event: CloudEvent;
    try {
      if (!message.value) throw new Error('empty message value');
      event = JSON.parse(message.value.toString('utf8')) as CloudEvent;
    } catch (err) {
      return this.deadLetter(message, '(undecodable)', 'UNDECODABLE', err.message);
    }
    const envelope = envelopeProblems(event);
    if (envelope.length > 0) return this.deadLetter(message, String(event?.type), 'INVALID_ENVELOPE', envelope.join('; '));

    const handler = this.handlers.get(event.type);
    if (!handler) {
      this.counters.skipped++; // another consumer's event on a shared topic
      this.hooks.outcome?.(this.groupId, { kind: 'skipped', type: event.type });
      return;
    }
    const contract = this.catalog.require(event.type);
    const refusal = provenanceRefusal(event, contract, message);
    if (refusal?.action === 'dead-letter') return this.deadLetter(message, event.type, refusal.reason, refusal.detail);
    if (refusal?.action === 'hold') return this.hold(message, event, refusal, context);
    this.heldPartitions.delete(`${message.topic}/${message.partition}`);
    if (context.attempt === 1) this.alertOnChainAnomaly(event, message);

    const problems = await payloadProblems(contract, event.data, 'read');
    if (problems.length > 0) {
      const detail = problems.map((p) => `${p.field}: ${p.rules.join(', ')}`).join('; ');
      return this.deadLetter(message, event.type, 'INVALID_PAYLOAD', detail);
    }

    const started = Date.now();
    try {
      const apply = () =>
        this.unitOfWork.run(
          async (tx) => {
            await this.recordInInbox(tx, event);
            await handler(event, tx, message, context);
          },
          { causedBy: event },
        );
      await this.traced(event, message, apply);
      this.counters.applied++;
      this.hooks.outcome?.(this.groupId, { kind: 'applied', type: event.type, durationMs: Date.now() - started });
      this.recovered();
    } catch (err) {
      if (err instanceof DuplicateEvent) {
        this.counters.duplicates++;
        this.hooks.outcome?.(this.groupId, { kind: 'duplicate', type: event.type });
        this.recovered();
        return;
      }
      const kind = classifyFailure(err);
      this.lastError = `${event.type} ${event.id}: ${err.message}`;
      if (kind === 'POISON') return this.deadLetter(message, event.type, 'REJECTED', err.message);
      if (kind === 'INFRASTRUCTURE') {
        if (this.state !== 'database-unavailable') this.logger.error(`database unavailable, holding partition: ${err.message}`);
        this.state = 'database-unavailable';
        this.hooks.outcome?.(this.groupId, { kind: 'retry', type: event.type, failure: 'INFRASTRUCTURE' });
        throw err; // not acknowledged: redelivered in place once the database is back
      }
      if (kind === 'CONTENTION') {
        // The database answered, so it is reachable again; the lock conflict is not the event's fault.
        this.recovered();
        this.hooks.outcome?.(this.groupId, { kind: 'retry', type: event.type, failure: 'CONTENTION' });
        throw err;
      }
      const failures = (this.unexpectedFailures.get(key) ?? 0) + 1;
      this.unexpectedFailures.set(key, failures);
      const max = this.options.maxTransientAttempts ?? 5;
      if (failures < max) {
        this.hooks.outcome?.(this.groupId, { kind: 'retry', type: event.type, failure: 'TRANSIENT' });
        throw err;
      }
      return this.deadLetter(message, event.type, 'RETRIES_EXHAUSTED', `after ${failures} attempts failing with an unexpected error: ${err.message}`);
    }
  }

  /** The inbox row is the unit's first write: a redelivered event fails here on the primary key and is skipped. */
  private async recordInInbox(tx: Tx, event: CloudEvent): Promise<void> {
    try {
      await tx.manager.insert(InboxMessageOrmEntity, {
        consumerGroup: this.options.groupId,
        eventId: event.id,
        eventType: event.type,
        source: event.source,
        receivedAt: this.now(),
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw new DuplicateEvent();
      throw err;
    }
  }

  /** Does not apply nor acknowledge the message: the partition waits on it (redelivered with backoff) and alerts. */
  private hold(message: IncomingMessage, event: CloudEvent, refusal: Extract<ProvenanceRefusal, { action: 'hold' }>, context: DeliveryContext): never {
    this.heldPartitions.add(`${message.topic}/${message.partition}`);
    this.lastError = `${event.type} ${event.id}: ${refusal.reason} ${refusal.detail}`;
    if (context.attempt === 1 || context.attempt % 10 === 0) {
      this.logger.error(
        `ALERT holding ${message.topic}[${message.partition}]@${message.offset} (attempt ${context.attempt}): ${refusal.reason} ${refusal.detail}; ` +
          'not applied, offset not committed: inspect the producer and the topic',
      );
    }
    this.hooks.outcome?.(this.groupId, { kind: 'held', type: event.type, reason: refusal.reason });
    throw new HeldEventError(refusal.reason, refusal.detail);
  }

  private recovered(): void {
    if (this.state === 'database-unavailable') {
      this.logger.log('database reachable again, consuming');
      this.state = 'running';
    }
  }

  private async deadLetter(message: IncomingMessage, type: string, reason: DeadLetterReason, detail: string): Promise<void> {
    this.logger.warn(`dead-lettering ${message.topic}[${message.partition}]@${message.offset}: ${reason} ${detail}`);
    await this.transport.publish([
      {
        topic: dlqTopicOf(this.options.groupId),
        key: message.key ?? `${message.topic}-${message.partition}-${message.offset}`,
        value: message.value ?? Buffer.alloc(0),
        headers: {
          ...message.headers,
          [DLQ_HEADER.reason]: reason,
          [DLQ_HEADER.detail]: detail.slice(0, 4000),
          [DLQ_HEADER.group]: this.options.groupId,
          [DLQ_HEADER.sourceTopic]: message.topic,
          [DLQ_HEADER.sourcePartition]: String(message.partition),
          [DLQ_HEADER.sourceOffset]: message.offset,
          [DLQ_HEADER.time]: this.now().toISOString(),
        },
      },
    ]);
    this.counters.deadLettered++;
    this.hooks.outcome?.(this.groupId, { kind: 'dead-lettered', type, reason });
  }
}
