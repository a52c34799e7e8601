import { BaseRpcContext } from '@nestjs/microservices';
import type { CloudEvent } from '../envelope/cloud-event';
import type { DeliveryContext, IncomingMessage } from '../transport/transport.port';
import type { Tx } from '../unit-of-work';

type Args = [tx: Tx, message: IncomingMessage, delivery: DeliveryContext, groupId: string];

/**
 * The `@Ctx()` of an `@EventPattern` handler: the transaction the inbox row was written in (write through
 * `tx.manager`, publish follow-up events with `tx.publish`), the delivered message and the consumer group.
 */
export class ConsumedEventContext extends BaseRpcContext<Args> {
  get tx(): Tx {
    return this.args[0];
  }
  get message(): IncomingMessage {
    return this.args[1];
  }
  /** Delivery attempt of this message, from 1. */
  get attempt(): number {
    return this.args[2].attempt;
  }
  /** Keeps the group membership alive during long work. */
  heartbeat(): Promise<void> {
    return this.args[2].heartbeat();
  }
  get groupId(): string {
    return this.args[3];
  }
}

/** The payload type of an `@EventPattern(<contract>.type)` handler: the envelope with the contract's data. */
export type EventOf<C> = C extends { payload: new () => infer T } ? CloudEvent<T> : never;
