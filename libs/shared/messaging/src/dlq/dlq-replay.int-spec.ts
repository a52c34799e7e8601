import type { DataSource } from 'typeorm';
import { createDataSource, dropDatabase, ensureDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { readTopicMessagesToEnd } from '../audit/read-topics';
import { PermanentEventError } from '../consumer/error-classification';
import { dlqTopicOf, EventConsumer, type EventHandler } from '../consumer/event-consumer';
import { dataschemaOf, EventCatalog, type EventContract } from '../contract/event-contract';
import { buildCloudEvent, EventChain, type CloudEvent } from '../envelope/cloud-event';
import { InboxMessageOrmEntity } from '../inbox/inbox-message.orm-entity';
import { MessagingTables1732500000000 } from '../messaging-tables.migration';
import { OrganizationRegisteredV1, REGISTERED, RegisteredOrgOrmEntity, TestTables1732500000001 } from '../nest/consumer-conformance.fixtures';
import { OutboxMessageOrmEntity } from '../outbox/outbox-message.orm-entity';
import { OutboxWriter } from '../outbox/outbox.writer';
import { KafkaTransport } from '../transport/kafka.transport';
import { UnitOfWork } from '../unit-of-work';
import { DLQ_HEADER } from './dead-letters';
import { runDlqCommand } from './dlq-command';

const USCC = '51110108MJ0000001A';

describe('DLQ replay on Kafka and MySQL', () => {
  jest.setTimeout(180_000);
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => console.warn(`cleanup failed: ${err.message}`));
  });

  it('dead-letters a bad event, and after the fix a replay applies it once; a second replay changes nothing', async () => {
    const db = testMysqlConfig('dlq_replay');
    await ensureDatabase(db);
    cleanups.push(() => dropDatabase(db));
    const ds: DataSource = createDataSource(db, [OutboxMessageOrmEntity, InboxMessageOrmEntity, RegisteredOrgOrmEntity], [MessagingTables1732500000000, TestTables1732500000001]);
    await ds.initialize();
    cleanups.push(() => ds.destroy());
    await ds.runMigrations();

    const brokers = testKafkaBrokers();
    const transport = new KafkaTransport({ brokers, clientId: uniqueName('dlq-replay') });
    cleanups.push(() => transport.close());
    const contract: EventContract<OrganizationRegisteredV1> = { type: REGISTERED, topic: uniqueName('dlq-org'), source: 'registration', version: 1, payload: OrganizationRegisteredV1, description: 'test' };
    const catalog = new EventCatalog([contract]);
    const fixed = uniqueName('dlq-fixed'); // the group whose handler refuses the event until the fix
    const other = uniqueName('dlq-other'); // another group on the same topic, which applied it the first time
    await transport.ensureTopics([
      { topic: contract.topic, partitions: 3 },
      { topic: dlqTopicOf(fixed), partitions: 1 },
      { topic: dlqTopicOf(other), partitions: 1 },
    ]);
    const unitOfWork = new UnitOfWork(ds, new OutboxWriter('dlq-test', catalog, () => new Date()), () => undefined);
    let fixApplied = false;
    const refusingUntilFixed: EventHandler = async (event, tx) => {
      if (!fixApplied) throw new PermanentEventError('UNKNOWN_FORM', 'no such organization form (yet)');
      await tx.manager.insert(RegisteredOrgOrmEntity, { uscc: event.data.uscc, eventId: event.id });
    };
    let otherCalls = 0;
    const consumerOf = (groupId: string, handler: EventHandler) =>
      new EventConsumer(transport, unitOfWork, catalog, new Map([[REGISTERED, handler]]), { groupId, retryBackoffMs: { initial: 10, max: 50 } }, () => new Date());
    const consumer = consumerOf(fixed, refusingUntilFixed);
    const otherConsumer = consumerOf(other, async () => void otherCalls++);
    await consumer.start();
    await otherConsumer.start();
    cleanups.push(() => consumer.stop(), () => otherConsumer.stop());

    // As registration's relay publishes it: chained (consumers refuse unchained events).
    const event: CloudEvent<OrganizationRegisteredV1> = new EventChain().next(buildCloudEvent(
      'registration',
      dataschemaOf(contract),
      { type: REGISTERED, subject: USCC, data: { uscc: USCC, name: 'Haidian Volunteers', form: 'SOCIAL_GROUP', registeredCapitalFen: 3_000_000, registeredAt: '2025-03-01T09:00:00Z' } },
      new Date(),
    ));
    await transport.publish([{ topic: contract.topic, key: USCC, value: JSON.stringify(event), headers: { 'ce-id': event.id, 'ce-type': event.type } }]);
    await waitFor(() => consumer.status().deadLettered === 1 && otherConsumer.status().applied === 1, 60_000, 'dead-lettered by one group, applied by the other');
    const rows = () => ds.getRepository(RegisteredOrgOrmEntity).countBy({ eventId: event.id });
    expect(await rows()).toBe(0);

    fixApplied = true; // the fix is deployed
    const out: string[] = [];
    const err: string[] = [];
    const replay = () =>
      runDlqCommand(['replay', '--group', fixed, '--event-id', event.id], {
        read: (topic) => readTopicMessagesToEnd({ brokers }, [topic]),
        transport: async () => new KafkaTransport({ brokers, clientId: uniqueName('dlq-cli') }),
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        now: () => new Date(),
      });

    const listed: string[] = [];
    expect(
      await runDlqCommand(['list', '--group', fixed, '--json'], {
        read: (topic) => readTopicMessagesToEnd({ brokers }, [topic]),
        transport: () => Promise.reject(new Error('list publishes nothing')),
        out: (l) => listed.push(l),
        err: () => undefined,
        now: () => new Date(),
      }),
    ).toBe(0);
    expect(listed.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ eventId: event.id, eventType: REGISTERED, reason: 'REJECTED', consumerGroup: fixed, sourceTopic: contract.topic }),
    ]);

    expect(await replay()).toBe(0);
    await waitFor(() => consumer.status().applied === 1, 60_000, 'the replay applied');
    await waitFor(() => otherConsumer.status().skipped === 1, 60_000, 'the other group skipped the replay');
    expect(await rows()).toBe(1);
    const inbox = await ds.getRepository(InboxMessageOrmEntity).findOneByOrFail({ consumerGroup: fixed, eventId: event.id });
    expect(inbox.eventType).toBe(REGISTERED); // the original event id: the replay is the producer's event, unchanged

    expect(await replay()).toBe(0); // again, by mistake
    await waitFor(() => consumer.status().duplicates === 1, 60_000, 'the second replay recognised as a duplicate');
    expect(await rows()).toBe(1);
    expect(consumer.status()).toMatchObject({ applied: 1, duplicates: 1, deadLettered: 1 });
    expect(otherConsumer.status()).toMatchObject({ applied: 1, duplicates: 0 });
    expect(otherCalls).toBe(1);

    // The replays on the wire carry the original envelope and say where they came from.
    const onTopic = await readTopicMessagesToEnd({ brokers }, [contract.topic]);
    expect(onTopic).toHaveLength(3);
    expect(new Set(onTopic.map((m) => m.value?.toString('utf8')))).toEqual(new Set([JSON.stringify(event)]));
    expect(onTopic.slice(1).map((m) => m.headers[DLQ_HEADER.replayGroup])).toEqual([fixed, fixed]);
    expect(onTopic[1].headers[DLQ_HEADER.replayOf]).toBe(`${dlqTopicOf(fixed)}@0`);
  });
});
