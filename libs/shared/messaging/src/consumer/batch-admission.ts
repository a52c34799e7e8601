import type { EntityManager } from 'typeorm';
import type { CloudEvent } from '../envelope/cloud-event';
import { envelopeProblems } from '../envelope/envelope-validation';
import { payloadProblems, type EventCatalog } from '../contract/event-contract';
import type { IncomingMessage } from '../transport/transport.port';
import { isReplayForAnotherGroup } from '../dlq/dead-letters';
import { InboxMessageOrmEntity } from '../inbox/inbox-message.orm-entity';
import type { EventHandler } from './consumer-types';
import { provenanceRefusal } from './provenance';
import { classifyFailure } from './error-classification';

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

/** Messages of a partition applied in one transaction, at most (EventConsumerOptions.batchMessages). */
export const DEFAULT_BATCH_MESSAGES = 500;
const BATCH_ATTEMPTS_ON_CONTENTION = 3;

/** A batch the consumer did not apply (nothing of it committed): the transport delivers its messages one at a time. */
export class BatchNotApplied extends Error {}

export type AdmittedMessage = { message: IncomingMessage; admission: Exclude<BatchAdmission, { kind: 'alone' }> };

/** Every message admitted to the batch, or BatchNotApplied naming the first that needs the one-at-a-time path. */
export async function admitBatch(messages: IncomingMessage[], groupId: string, catalog: EventCatalog, handlers: ReadonlyMap<string, EventHandler>): Promise<AdmittedMessage[]> {
  const admitted: AdmittedMessage[] = [];
  for (const message of messages) {
    const admission = await admitToBatch(message, groupId, catalog, handlers);
    if (admission.kind === 'alone') throw new BatchNotApplied(`${message.topic}[${message.partition}]@${message.offset}: ${admission.reason}`);
    admitted.push({ message, admission });
  }
  return admitted;
}

/** The first message of each event to apply (a later copy of the same id in the batch is a duplicate). */
export function firstOccurrences(admitted: AdmittedMessage[]): Map<string, { message: IncomingMessage; event: CloudEvent; handler: EventHandler }> {
  const firsts = new Map<string, { message: IncomingMessage; event: CloudEvent; handler: EventHandler }>();
  for (const { message, admission } of admitted) {
    if (admission.kind === 'apply' && !firsts.has(admission.event.id)) firsts.set(admission.event.id, { message, ...admission });
  }
  return firsts;
}

/** `work` again when it lost to a deadlock or a lock wait, up to BATCH_ATTEMPTS_ON_CONTENTION times in all. */
export async function retriedOnContention<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (classifyFailure(err) !== 'CONTENTION' || attempt === BATCH_ATTEMPTS_ON_CONTENTION) throw err;
    }
  }
}
