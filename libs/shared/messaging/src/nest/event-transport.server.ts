import { Catch, type ExceptionFilter } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom, throwError, type Observable } from 'rxjs';
import type { EventCatalog } from '../contract/event-contract';
import { EventConsumer, type ConsumerHooks, type ConsumerStatus, type EventConsumerOptions, type EventHandler } from '../consumer/event-consumer';
import type { EventTransport } from '../transport/transport.port';
import type { UnitOfWork } from '../unit-of-work';
import { ConsumedEventContext } from './consumed-event.context';

/**
 * The transport id of one service's event handlers. In the embedded host four services share one Nest
 * application; each handler names its service's id (`@EventPattern(Contract.type, CREDIT_EVENTS)`) so that only
 * that service's server, with its own consumer group and database, registers it.
 */
export function eventTransportId(serviceName: string): symbol {
  return Symbol.for(`sop.events.${serviceName}`);
}

export interface EventTransportServerOptions extends EventConsumerOptions {
  serviceName: string;
  transport: EventTransport;
  unitOfWork: UnitOfWork;
  catalog: EventCatalog;
  now: () => Date;
  hooks?: ConsumerHooks;
}

/**
 * A `@nestjs/microservices` transport strategy over the platform's transport port (Kafka or the in-process bus).
 * Nest registers the `@EventPattern` handlers here; `listen` subscribes the consumer group to their contracts'
 * topics and hands each message to the idempotent consumer, which validates it, opens the unit of work with
 * the inbox row, and calls the handler in that transaction. Every guarantee (offsets after commit, DLQ with
 * reasons, bounded retries, partition held while the database is down) is the consumer's.
 */
export class EventTransportServer extends Server implements CustomTransportStrategy {
  private consumer?: EventConsumer;

  constructor(private readonly options: EventTransportServerOptions) {
    super();
    this.transportId = eventTransportId(options.serviceName);
  }

  get groupId(): string {
    return this.options.groupId;
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      this.consumer = new EventConsumer(
        this.options.transport,
        this.options.unitOfWork,
        this.options.catalog,
        this.eventHandlers(),
        { ...this.options, serviceName: this.options.serviceName },
        this.options.now,
        this.options.hooks,
      );
      await this.consumer.start();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  /** Null until the server listens: readiness reports the consumer as not started. */
  consumerStatus(): ConsumerStatus | null {
    return this.consumer?.status() ?? null;
  }

  /** The topics the consumer reads (empty before it listens). */
  topics(): string[] {
    return this.consumer?.topics() ?? [];
  }

  /** Event types with a registered handler. */
  handledTypes(): string[] {
    return [...this.messageHandlers.keys()];
  }

  on(): never {
    throw new Error('EventTransportServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /** Nest's handler for each pattern, called with the event and a context carrying the unit of work's transaction. */
  private eventHandlers(): Map<string, EventHandler> {
    const handlers = new Map<string, EventHandler>();
    for (const [pattern, handler] of this.messageHandlers) {
      if (!handler.isEventHandler) throw new Error(`${this.options.serviceName}: ${pattern} is a @MessagePattern; events are handled with @EventPattern only`);
      if (handler.next) throw new Error(`${this.options.serviceName}: more than one @EventPattern handler for ${pattern}; one handler per event type and service`);
      this.options.catalog.require(pattern);
      handlers.set(pattern, (event, tx, message, delivery) =>
        invoke(handler, event, new ConsumedEventContext([tx, message, delivery, this.options.groupId])),
      );
    }
    return handlers;
  }
}

async function invoke(handler: MessageHandler, data: unknown, context: ConsumedEventContext): Promise<void> {
  const result: unknown = await handler(data, context);
  if (isObservable(result)) await lastValueFrom(result as Observable<unknown>, { defaultValue: undefined });
}

/**
 * Nest's default RPC exception filter replaces a handler's error with `{ status: 'error' }`. The consumer needs the
 * error itself to tell a rejected event (dead letter) from a deadlock (retry) or a lost database (hold), so the
 * event servers run with this filter, which passes it through unchanged.
 */
@Catch()
export class PassThroughRpcErrors implements ExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
