import type { EntityManager } from 'typeorm';
import { buildCloudEvent, type CloudEvent, type EventToPublish } from '../envelope/cloud-event';
import { dataschemaOf, payloadProblems, type EventCatalog, type EventContract } from '../contract/event-contract';
import { activeTraceContext } from '../tracing/event-tracing';
import { OutboxMessageOrmEntity } from './outbox-message.orm-entity';

export class InvalidOutgoingEventError extends Error {
  constructor(type: string, readonly problems: { field: string; rules: string[] }[]) {
    super(`event ${type} does not satisfy its contract: ${problems.map((p) => `${p.field}: ${p.rules.join('; ')}`).join(' | ')}`);
  }
}

/**
 * Appends events to the outbox inside the caller's transaction. The payload is validated against its
 * contract here, so an invalid event fails the command instead of reaching a consumer.
 */
export class OutboxWriter {
  constructor(
    private readonly source: string,
    private readonly catalog: EventCatalog,
    private readonly now: () => Date,
  ) {}

  async append<T extends object>(manager: EntityManager, contract: EventContract<T>, event: EventToPublish<T>): Promise<CloudEvent<T>> {
    // Only contracts of the platform's catalogue are published, under the catalogue's topic.
    const known = this.catalog.require(contract.type);
    const problems = await payloadProblems(known, event.data, 'write');
    if (problems.length > 0) throw new InvalidOutgoingEventError(contract.type, problems);
    const now = this.now();
    const envelope = buildCloudEvent(this.source, dataschemaOf(known), { type: known.type, ...event }, now);
    Object.assign(envelope, activeTraceContext()); // the request's (or consumed event's) trace continues downstream
    const row = manager.create(OutboxMessageOrmEntity, {
      eventId: envelope.id,
      topic: known.topic,
      messageKey: envelope.subject,
      eventType: envelope.type,
      envelope: JSON.stringify(envelope),
      createdAt: now,
      sequence: null,
      hash: null,
      publishedAt: null,
      attempts: 0,
      lastError: null,
    });
    // updateEntity(false): no read-back of the generated id and defaults (one SELECT per event saved; nothing uses them).
    await manager.createQueryBuilder().insert().into(OutboxMessageOrmEntity).values(row).updateEntity(false).execute();
    return envelope;
  }
}
