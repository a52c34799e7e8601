import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { runInTransaction } from '@sop/persistence';
import { currentRequestContext } from '@sop/util';
import type { CloudEvent, EventToPublish } from './envelope/cloud-event';
import type { EventContract } from './contract/event-contract';
import type { OutboxWriter } from './outbox/outbox.writer';
import { QueuedAppends } from './unit-of-work.appends';

/** What a command (or an event handler) gets: the transaction's EntityManager and an outbox to publish to. */
export interface Tx {
  readonly manager: EntityManager;
  /** Appends an event to the outbox in this transaction. The contract gives its type and topic and checks its payload. */
  publish<T extends object>(contract: EventContract<T>, event: EventToPublish<T>): Promise<CloudEvent<T>>;
  /**
   * Queues a row for an insert-only table: written with the unit's other queued rows of that table (multi-row inserts)
   * before the unit commits. Whoever reads such a table in a unit calls `flushAppends` first.
   */
  append?<T extends ObjectLiteral>(entity: EntityTarget<T>, row: QueryDeepPartialEntity<T>): void;
  flushAppends?(): Promise<void>;
}

export interface UnitOfWorkOptions {
  /** The event being handled: events published in this unit carry its correlation and causation. */
  causedBy?: Pick<CloudEvent, 'id' | 'correlationid'>;
}

/**
 * One command = one transaction: state changes and their outgoing events commit together or not at all.
 * Nothing is sent to the broker from here; after commit the relay is woken to publish. Event handlers run
 * through the same unit (the consumer opens it with the inbox row as its first write).
 */
export class UnitOfWork {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly afterCommit: () => void,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    return this.runForEvents((_manager, txFor) => work(txFor(options.causedBy)));
  }

  /**
   * One transaction for several consumed events (the consumer's batch): `work` gets the transaction's manager and,
   * per event, a Tx whose published events carry that event's correlation and causation (without one: the request's).
   */
  async runForEvents<T>(work: (manager: EntityManager, txFor: (cause?: UnitOfWorkOptions['causedBy']) => Tx) => Promise<T>): Promise<T> {
    let published = 0;
    const result = await runInTransaction(this.ds, async (manager) => {
      const appends = new QueuedAppends(); // one queue for the whole batch: each table written once
      const done = await work(manager, (cause) => {
        const caused = correlationOf(cause);
        return {
          manager,
          publish: (contract, event) => {
            published++;
            return this.outbox.append(manager, contract, { ...caused, ...event });
          },
          append: (entity, row) => appends.add(entity, row),
          flushAppends: () => appends.flush(manager),
        };
      });
      await appends.flush(manager);
      return done;
    });
    if (published > 0) this.afterCommit();
    return result;
  }
}

/**
 * Events caused by a consumed event carry its correlation and causation; events published while serving a request
 * carry the request's correlation id (X-Correlation-Id), so a client can follow its action across services.
 */
function correlationOf(cause: UnitOfWorkOptions['causedBy']): { correlationId?: string; causationId?: string } {
  if (cause) return { correlationId: cause.correlationid ?? cause.id, causationId: cause.id };
  const request = currentRequestContext();
  return request ? { correlationId: request.correlationId } : {};
}
