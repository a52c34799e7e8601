import type { DataSource, EntityManager } from 'typeorm';
import { runInTransaction } from '@sop/persistence';
import type { CloudEvent, NewEvent } from './envelope/cloud-event';
import type { OutboxWriter } from './outbox/outbox.writer';

/** What a command (or an event handler) gets: the transaction's EntityManager and an outbox to publish to. */
export interface Tx {
  readonly manager: EntityManager;
  publish<T extends object>(event: NewEvent<T>): Promise<CloudEvent<T>>;
}

/**
 * One command = one transaction: state changes and their outgoing events commit together or not at all.
 * Nothing is sent to the broker from here; after commit the relay is woken to publish.
 */
export class UnitOfWork {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly afterCommit: () => void,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let published = 0;
    const result = await runInTransaction(this.ds, (manager) =>
      work({
        manager,
        publish: (event) => {
          published++;
          return this.outbox.append(manager, event);
        },
      }),
    );
    if (published > 0) this.afterCommit();
    return result;
  }
}
