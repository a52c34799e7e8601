import { IsNotEmpty, IsString } from 'class-validator';
import { Kafka, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, logLevel, type Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { createDataSource, dropDatabase, ensureDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName } from '@sop/testing';
import { readTopicMessagesToEnd } from '../audit/read-topics';
import { EventCatalog, type EventContract } from '../contract/event-contract';
import { verifyChain, type CloudEvent } from '../envelope/cloud-event';
import { MessagingTables1732500000000 } from '../messaging-tables.migration';
import { KafkaTransport } from '../transport/kafka.transport';
import type { OutgoingMessage } from '../transport/transport.port';
import { UnitOfWork } from '../unit-of-work';
import { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
import { OutboxQuarantine1733000000000 } from './outbox-quarantine.migration';
import { OutboxQuarantineOrmEntity } from './outbox-quarantine.orm-entity';
import { OutboxRelay, type QuarantineReport } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';

class NoteWrittenV1 {
  @IsString() @IsNotEmpty() note: string;
}

/** The relay against a broker that refuses big messages: batches cut by size, one oversized event quarantined. */
describe('outbox relay limits on MySQL and Kafka', () => {
  jest.setTimeout(180_000);
  const brokers = testKafkaBrokers();
  let cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => console.warn(`cleanup failed: ${err.message}`));
    cleanups = [];
  });

  async function setUp(topicMaxMessageBytes?: number) {
    const db = testMysqlConfig('relay_limits');
    await ensureDatabase(db);
    cleanups.push(() => dropDatabase(db));
    const ds: DataSource = createDataSource(db, [OutboxMessageOrmEntity, OutboxQuarantineOrmEntity], [MessagingTables1732500000000, OutboxQuarantine1733000000000]);
    await ds.initialize();
    cleanups.push(() => ds.destroy());
    await ds.runMigrations();
    const contract: EventContract<NoteWrittenV1> = { type: 'test.note.written', topic: uniqueName('relay-limits'), version: 1, payload: NoteWrittenV1, description: 'test' };
    // One partition, so the order on the wire is the outbox order; a topic-level limit far below the broker's.
    const admin = new Kafka({ brokers, clientId: uniqueName('relay-limits-admin'), logLevel: logLevel.ERROR }).admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: contract.topic, numPartitions: 1, replicationFactor: 1, configEntries: topicMaxMessageBytes ? [{ name: 'max.message.bytes', value: String(topicMaxMessageBytes) }] : [] }],
    });
    await admin.disconnect();
    const transport = new KafkaTransport({ brokers, clientId: uniqueName('relay-limits'), logLevel: 'error' });
    cleanups.push(() => transport.close());
    const serviceName = uniqueName('relay-limits-svc');
    const unitOfWork = new UnitOfWork(ds, new OutboxWriter(serviceName, new EventCatalog([contract]), () => new Date()), () => undefined);
    const write = async (notes: string[]) => {
      for (const note of notes) await unitOfWork.run(async (tx) => void (await tx.publish(contract, { subject: 'S-1', data: { note } })));
    };
    return { ds, contract, transport, serviceName, write };
  }

  it('cuts batches by size and quarantines the one event the broker refuses, then goes on with the next', async () => {
    const { ds, contract, transport, serviceName, write } = await setUp(4096);
    const notes = Array.from({ length: 40 }, (_, i) => `note ${i} ${'x'.repeat(500)}`);
    const oversized = `the big one ${'y'.repeat(10_000)}`; // over the topic's 4096 bytes, under the relay's 1 MiB
    await write([...notes.slice(0, 20), oversized, ...notes.slice(20)]);
    const quarantined: QuarantineReport[] = [];
    const relay = new OutboxRelay(ds, transport, { serviceName, onQuarantined: (r) => quarantined.push(r) });

    expect(await relay.drain()).toBe(40);

    const onWire = (await readTopicMessagesToEnd({ brokers }, [contract.topic])).map((m) => JSON.parse(String(m.value)) as CloudEvent<NoteWrittenV1>);
    expect(onWire.map((e) => e.data.note)).toEqual(notes); // all the others, in order, each once
    expect(quarantined).toEqual([{ eventId: expect.any(String), type: contract.type, reason: expect.stringMatching(/^TOO_LARGE: the broker refused/), chained: true }]);
    const [aside] = await ds.getRepository(OutboxQuarantineOrmEntity).find();
    expect(aside).toMatchObject({ eventId: quarantined[0].eventId, sequence: '21', reason: expect.stringMatching(/^TOO_LARGE/) });
    expect(JSON.parse(aside.envelope).data.note).toBe(oversized);
    // Refused after chaining: its place in the chain is missing on the wire, which the audit reports.
    expect(verifyChain(onWire.slice(0, 20))).toEqual({ ok: true });
    expect(verifyChain(onWire.slice(19, 21))).toMatchObject({ ok: false, reason: expect.stringMatching(/prevhash does not link/) });
    expect(await relay.backlog()).toMatchObject({ unpublished: 0 });
    expect(relay.status()).toMatchObject({ published: 40, quarantined: 1 });
  });

  it('keeps each publish under maxBatchBytes and sets aside, unchained, an event over it before it enters the chain', async () => {
    const { ds, contract, transport, serviceName, write } = await setUp();
    const publishes: OutgoingMessage[][] = [];
    const publish = transport.publish.bind(transport);
    transport.publish = async (messages) => {
      publishes.push(messages);
      return publish(messages);
    };
    const notes = Array.from({ length: 30 }, (_, i) => `note ${i} ${'x'.repeat(700)}`);
    await write([...notes.slice(0, 10), `too big ${'z'.repeat(5000)}`, ...notes.slice(10)]);
    const relay = new OutboxRelay(ds, transport, { serviceName, maxBatchBytes: 4000 });

    expect(await relay.drain()).toBe(30);

    const sizes = publishes.map((batch) => batch.reduce((n, m) => n + Buffer.byteLength(m.value) + Buffer.byteLength(m.key), 0));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4000);
    expect(publishes.length).toBeGreaterThanOrEqual(7); // 30 events of ~1 KB on the wire, at most 4000 bytes a batch
    const onWire = (await readTopicMessagesToEnd({ brokers }, [contract.topic])).map((m) => JSON.parse(String(m.value)) as CloudEvent<NoteWrittenV1>);
    expect(onWire.map((e) => e.data.note)).toEqual(notes);
    expect(verifyChain(onWire)).toEqual({ ok: true }); // set aside before chaining: no gap
    expect(await ds.getRepository(OutboxQuarantineOrmEntity).find()).toEqual([expect.objectContaining({ sequence: null, reason: expect.stringMatching(/^TOO_LARGE: about \d+ bytes, over the relay's limit of 4000/) })]);
    expect(await ds.getRepository(OutboxMessageOrmEntity).count()).toBe(30);
  });

  it('re-creates the producer after a fatal idempotence error; the event is published once', async () => {
    const { ds, contract, transport, serviceName, write } = await setUp();
    // The first producer the transport makes fails its first send as a fenced/out-of-epoch producer would.
    const kafka = (transport as unknown as { kafka: Kafka }).kafka;
    const makeProducer = kafka.producer.bind(kafka);
    const producers: Producer[] = [];
    kafka.producer = (config) => {
      const producer = makeProducer(config);
      if (producers.length === 0) {
        producer.sendBatch = async () => {
          const broker = { type: 'INVALID_PRODUCER_EPOCH', code: 47, retriable: false, message: 'Producer attempted an operation with an old epoch' };
          const epoch = new KafkaJSProtocolError(broker as unknown as Error);
          throw new KafkaJSNumberOfRetriesExceeded(epoch, { retryCount: 0, retryTime: 0 });
        };
      }
      producers.push(producer);
      return producer;
    };
    await write(['once']);
    const relay = new OutboxRelay(ds, transport, { serviceName });

    await expect(relay.drain()).rejects.toThrow(/old epoch/);
    expect(await relay.drain()).toBe(1);

    expect(producers).toHaveLength(2);
    const onWire = await readTopicMessagesToEnd({ brokers }, [contract.topic]);
    expect(onWire.map((m) => JSON.parse(String(m.value)).data.note)).toEqual(['once']);
    expect((await ds.getRepository(OutboxMessageOrmEntity).findOneByOrFail({ eventId: onWire[0].headers['ce-id'] })).attempts).toBe(1);
  });
});
