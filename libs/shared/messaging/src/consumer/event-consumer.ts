import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { runInTransaction } from '@sop/persistence';
import type { CloudEvent } from '../envelope/cloud-event';
import { envelopeProblems } from '../envelope/envelope-validation';
import { payloadProblems, type EventCatalog } from '../contract/event-contract';
import { InboxMessageOrmEntity } from '../inbox/inbox-message.orm-entity';
import type { OutboxWriter } from '../outbox/outbox.writer';
import type { DeliveryContext, EventTransport, IncomingMessage, Subscription } from '../transport/transport.port';
import type { Tx } from '../unit-of-work';
import { classifyFailure, isDuplicateKey } from './error-classification';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers narrow the payload type themselves
export type EventHandler = (event: CloudEvent<any>, tx: Tx) => Promise<void>;

export interface EventConsumerOptions {
  groupId: string;
  topics: string[];
  handlers: Record<string, EventHandler>;
  /** Attempts for transient failures before the message is dead-lettered. */
  maxTransientAttempts?: number;
  retryBackoffMs?: { initial: number; max: number };
}

export type ConsumerState = 'stopped' | 'running' | 'database-unavailable';

export interface ConsumerStatus {
  state: ConsumerState;
  applied: number;
  duplicates: number;
  skipped: number;
  deadLettered: number;
  lastError?: string;
}

export const dlqTopicOf = (groupId: string) => `${groupId}.dlq`;

class DuplicateEvent extends Error {}

/**
 * Idempotent consumer. Per message: decode → validate envelope → validate payload against its contract →
 * one transaction that inserts (group, event id) into the inbox and runs the handler (a duplicate key means
 * "already applied": acknowledged, nothing done) → commit → only then acknowledge, so the offset moves only
 * for applied or dead-lettered messages.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private subscription?: Subscription;
  private readonly counters = { applied: 0, duplicates: 0, skipped: 0, deadLettered: 0 };
  private state: ConsumerState = 'stopped';
  private lastError?: string;

  constructor(
    private readonly ds: DataSource,
    private readonly transport: EventTransport,
    private readonly catalog: EventCatalog,
    private readonly outbox: OutboxWriter,
    private readonly afterCommit: () => void,
    private readonly options: EventConsumerOptions,
    private readonly now: () => Date,
  ) {
    this.logger = new Logger(`EventConsumer:${options.groupId}`);
    for (const type of Object.keys(options.handlers)) this.catalog.require(type);
  }

  async start(): Promise<void> {
    this.state = 'running';
    this.subscription = await this.transport.subscribe(
      { groupId: this.options.groupId, topics: this.options.topics, retryBackoffMs: this.options.retryBackoffMs },
      (message, context) => this.handle(message, context),
    );
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    this.state = 'stopped';
  }

  status(): ConsumerStatus {
    return { state: this.state, ...this.counters, lastError: this.lastError };
  }

  /** Handles one delivered message. Resolving acknowledges it; rejecting makes the transport deliver it again. */
  async handle(message: IncomingMessage, context: DeliveryContext): Promise<void> {
    let event: CloudEvent;
    try {
      if (!message.value) throw new Error('empty message value');
      event = JSON.parse(message.value.toString('utf8')) as CloudEvent;
    } catch (err) {
      return this.deadLetter(message, 'UNDECODABLE', err.message);
    }
    const envelope = envelopeProblems(event);
    if (envelope.length > 0) return this.deadLetter(message, 'INVALID_ENVELOPE', envelope.join('; '));

    const handler = this.options.handlers[event.type];
    if (!handler) {
      this.counters.skipped++; // another consumer's event on a shared topic
      return;
    }
    const problems = await payloadProblems(this.catalog.require(event.type), event.data, 'read');
    if (problems.length > 0) {
      return this.deadLetter(message, 'INVALID_PAYLOAD', problems.map((p) => `${p.field}: ${p.rules.join(', ')}`).join('; '));
    }

    try {
      let published = 0;
      await runInTransaction(this.ds, async (manager) => {
        try {
          await manager.insert(InboxMessageOrmEntity, {
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
        await handler(event, {
          manager,
          publish: (next) => {
            published++;
            // Events caused by this one carry its correlation and causation.
            return this.outbox.append(manager, {
              correlationId: event.correlationid ?? event.id,
              causationId: event.id,
              ...next,
            });
          },
        });
      });
      if (published > 0) this.afterCommit();
      this.counters.applied++;
      this.recovered();
    } catch (err) {
      if (err instanceof DuplicateEvent) {
        this.counters.duplicates++;
        this.recovered();
        return;
      }
      const kind = classifyFailure(err);
      this.lastError = `${event.type} ${event.id}: ${err.message}`;
      if (kind === 'POISON') return this.deadLetter(message, 'REJECTED', err.message);
      if (kind === 'INFRASTRUCTURE') {
        if (this.state !== 'database-unavailable') this.logger.error(`database unavailable, holding partition: ${err.message}`);
        this.state = 'database-unavailable';
        throw err; // not acknowledged: redelivered in place once the database is back
      }
      const max = this.options.maxTransientAttempts ?? 5;
      if (context.attempt < max) throw err;
      return this.deadLetter(message, 'RETRIES_EXHAUSTED', `after ${context.attempt} attempts: ${err.message}`);
    }
  }

  private recovered(): void {
    if (this.state === 'database-unavailable') {
      this.logger.log('database reachable again, consuming');
      this.state = 'running';
    }
  }

  private async deadLetter(message: IncomingMessage, reason: string, detail: string): Promise<void> {
    this.logger.warn(`dead-lettering ${message.topic}[${message.partition}]@${message.offset}: ${reason} ${detail}`);
    await this.transport.publish([
      {
        topic: dlqTopicOf(this.options.groupId),
        key: message.key ?? `${message.topic}-${message.partition}-${message.offset}`,
        value: message.value ?? Buffer.alloc(0),
        headers: {
          ...message.headers,
          'dlq-reason': reason,
          'dlq-detail': detail.slice(0, 4000),
          'dlq-consumer-group': this.options.groupId,
          'dlq-source-topic': message.topic,
          'dlq-source-partition': String(message.partition),
          'dlq-source-offset': message.offset,
          'dlq-time': this.now().toISOString(),
        },
      },
    ]);
    this.counters.deadLettered++;
  }
}
