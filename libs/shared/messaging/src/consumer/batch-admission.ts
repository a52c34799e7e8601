import type { EntityManager } from 'typeorm';
import type { CloudEvent } from '../envelope/cloud-event';
import { envelopeProblems } from '../envelope/envelope-validation';
import { payloadProblems, type EventCatalog } from '../contract/event-contract';
import type { IncomingMessage } from '../transport/transport.port';
import { isReplayForAnotherGroup } from '../dlq/dead-letters';
import { InboxMessageOrmEntity } from '../inbox/inbox-message.orm-entity';
import type { EventHandler } from './consumer-types';
import { provenanceRefusal } from './provenance';

/**
 * Whether a message can go into a batch, by the same checks the one-at-a-time path makes, without acting on them:
 *  - skip: not this group's (a dead letter replayed for another group, or a type it has no handler for);
 *  - apply: decoded, a valid envelope, its contract's topic and source, chained with a matching hash, a valid payload;
 *  - alone: anything else (undecodable, invalid, forged, unchained, altered): the batch is not applied and every
 *    message of it goes through the one-at-a-time path, which dead-letters or holds this one as it always did.
 */
export type BatchAdmission =
  | { kind: 'skip'; type: string }
  | { kind: 'apply'; event: CloudEvent; handler: EventHandler }
  | { kind: 'alone'; reason: string };

export async function admitToBatch(
  message: IncomingMessage,
  groupId: string,
  catalog: EventCatalog,
  handlers: ReadonlyMap<string, EventHandler>,
): Promise<BatchAdmission> {
  if (isReplayForAnotherGroup(message, groupId)) return { kind: 'skip', type: message.headers['ce-type'] ?? '(replay)' };
  let event: CloudEvent;
  try {
    if (!message.value) return { kind: 'alone', reason: 'empty message value' };
    event = JSON.parse(message.value.toString('utf8')) as CloudEvent;
  } catch {
    return { kind: 'alone', reason: 'undecodable' };
  }
  if (envelopeProblems(event).length > 0) return { kind: 'alone', reason: 'invalid envelope' };
  const handler = handlers.get(event.type);
  if (!handler) return { kind: 'skip', type: event.type };
  const contract = catalog.require(event.type);
  const refusal = provenanceRefusal(event, contract, message);
  if (refusal) return { kind: 'alone', reason: refusal.reason };
  if ((await payloadProblems(contract, event.data, 'read')).length > 0) return { kind: 'alone', reason: 'invalid payload' };
  return { kind: 'apply', event, handler };
}

/**
 * The batch's inbox rows in its transaction: the events this group has not applied yet are recorded (one multi-row
 * insert) and returned; those already in the inbox are left out (duplicates, acknowledged without effect). A
 * concurrent member inserting one of them meanwhile makes the insert fail on the key, and the batch go one at a time.
 */
export async function recordBatchInInbox(manager: EntityManager, groupId: string, events: CloudEvent[], receivedAt: Date): Promise<Set<string>> {
  const ids = events.map((e) => e.id);
  const rows = await manager
    .createQueryBuilder(InboxMessageOrmEntity, 'i')
    .select('i.eventId', 'eventId')
    .where('i.consumerGroup = :groupId', { groupId })
    .andWhere('i.eventId IN (:...ids)', { ids })
    .getRawMany<{ eventId: string }>();
  const applied = new Set(rows.map((r) => r.eventId));
  const fresh = events.filter((e) => !applied.has(e.id));
  for (let i = 0; i < fresh.length; i += INBOX_ROWS_PER_INSERT) {
    const values = fresh.slice(i, i + INBOX_ROWS_PER_INSERT).map((e) => ({ consumerGroup: groupId, eventId: e.id, eventType: e.type, source: e.source, receivedAt }));
    await manager.createQueryBuilder().insert().into(InboxMessageOrmEntity).values(values).updateEntity(false).execute();
  }
  return new Set(fresh.map((e) => e.id));
}

/** Rows per inbox insert statement (5 parameters each: within SQLite's and MySQL's limits). */
const INBOX_ROWS_PER_INSERT = 150;
