import { IsInt, IsNotEmpty, IsString, Min } from 'class-validator';
import {
  Column,
  Entity,
  IsNull,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Table,
  type DataSource,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { Columns, createDataSource, dropDatabase, ensureDatabase, type DbConfig } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { dlqTopicOf, EventConsumer } from '../consumer/event-consumer';
import { EventCatalog, type EventContract } from '../contract/event-contract';
import { GENESIS_HASH, verifyChain, type CloudEvent } from '../envelope/cloud-event';
import { InboxMessageOrmEntity } from '../inbox/inbox-message.orm-entity';
import { MessagingTables1732500000000 } from '../messaging-tables.migration';
import { KafkaTransport } from '../transport/kafka.transport';
import { EventTransport, type IncomingMessage, type OutgoingMessage } from '../transport/transport.port';
import { UnitOfWork, type Tx } from '../unit-of-work';
import { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
import { OutboxRelay } from './outbox.relay';
import { RelayLease1733000000100 } from './relay-lease.migration';
import { InvalidOutgoingEventError, OutboxWriter } from './outbox.writer';

// ---- a tiny service: widgets, one event type, and a projection table for the consumer side ----

class WidgetResizedV1 {
  @IsString() @IsNotEmpty() widgetId: string;
  @IsInt() @Min(0) size: number;
}

@Entity({ name: 'test_widget' })
class WidgetOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'int' }) size: number;
}

/** One row per applied event, so a double application shows as two rows. */
@Entity({ name: 'test_widget_seen' })
class WidgetSeenOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'varchar', length: 36 }) widgetId: string;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

class TestWidgetTables1732500000001 implements MigrationInterface {
  name = 'TestWidgetTables1732500000001';
  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(new Table({ name: 'test_widget', columns: [c.varchar('id', 36, { isPrimary: true }), c.int('size')] }));
    await q.createTable(new Table({ name: 'test_widget_seen', columns: [c.serial('id'), c.varchar('widget_id', 36), c.uuid('event_id')] }));
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('test_widget_seen');
    await q.dropTable('test_widget');
  }
}

const ENTITIES = [OutboxMessageOrmEntity, InboxMessageOrmEntity, WidgetOrmEntity, WidgetSeenOrmEntity];
const MIGRATIONS = [MessagingTables1732500000000, RelayLease1733000000100, TestWidgetTables1732500000001];
const WIDGET_RESIZED = 'test.widget.resized';

/** Kafka message as a consumer sees it, with the decoded envelope. */
interface Consumed {
  key: string | null;
  partition: number;
  event: CloudEvent<WidgetResizedV1>;
}

describe('outbox on MySQL and Kafka', () => {
  // Cleanups run in reverse order after each test, whatever happened in it.
  let cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => console.warn(`cleanup failed: ${err.message}`));
    cleanups = [];
  });

  async function openDataSource(db: DbConfig): Promise<DataSource> {
    const ds = createDataSource(db, ENTITIES, MIGRATIONS);
    await ds.initialize();
    cleanups.push(async () => ds.isInitialized && ds.destroy());
    return ds;
  }

  /** A fresh database, a unique topic and service name, a Kafka transport and a unit of work. */
  async function setUp() {
    const db = testMysqlConfig('outbox');
    await ensureDatabase(db);
    cleanups.push(() => dropDatabase(db));
    const ds = await openDataSource(db);
    await ds.runMigrations();

    const serviceName = uniqueName('outbox-svc'); // also the relay's lock name: unique per test
    const contract: EventContract<WidgetResizedV1> = {
      type: WIDGET_RESIZED,
      topic: uniqueName('outbox-widget'),
      version: 1,
      payload: WidgetResizedV1,
      description: 'test event',
    };
    const catalog = new EventCatalog([contract]);
    const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('outbox') });
    cleanups.push(() => transport.close());
    await transport.ensureTopics([{ topic: contract.topic, partitions: 3 }]);

    const writer = new OutboxWriter(serviceName, catalog, () => new Date());
    const wakeUps: (() => void)[] = [];
    const unitOfWork = new UnitOfWork(ds, writer, () => wakeUps.forEach((wake) => wake()));
    /** One command: set a widget's size and announce it. */
    const resize = (widgetId: string, size: number) =>
      unitOfWork.run(async (tx) => {
        await tx.manager.save(WidgetOrmEntity, { id: widgetId, size });
        return tx.publish(contract, { subject: widgetId, data: { widgetId, size } });
      });
    return { db, ds, serviceName, catalog, contract, topic: contract.topic, transport, writer, unitOfWork, wakeUps, resize };
  }

  /** Reads the topic with a new consumer group and keeps everything it receives, in arrival order. */
  async function consume(transport: EventTransport, topic: string): Promise<Consumed[]> {
    const received: Consumed[] = [];
    const subscription = await transport.subscribe({ groupId: uniqueName('outbox-reader'), topics: [topic] }, async (m: IncomingMessage) => {
      received.push({ key: m.key, partition: m.partition, event: JSON.parse(String(m.value)) });
    });
    cleanups.push(() => subscription.stop());
    return received;
  }

  const unpublished = (ds: DataSource) => ds.getRepository(OutboxMessageOrmEntity).countBy({ publishedAt: IsNull() });
  const bySequence = <T,>(events: CloudEvent<T>[]) => [...events].sort((a, b) => Number(a.sequence) - Number(b.sequence));

  it('commits state and outbox rows together, or neither', async () => {
    const { ds, contract, unitOfWork, resize } = await setUp();

    const event = await resize('w1', 10);
    expect(await ds.getRepository(WidgetOrmEntity).findOneBy({ id: 'w1' })).toMatchObject({ size: 10 });
    const row = await ds.getRepository(OutboxMessageOrmEntity).findOneByOrFail({ eventId: event.id });
    expect(row).toMatchObject({ messageKey: 'w1', eventType: WIDGET_RESIZED, publishedAt: null, sequence: null });

    await expect(
      unitOfWork.run(async (tx) => {
        await tx.manager.save(WidgetOrmEntity, { id: 'w2', size: 20 });
        await tx.publish(contract, { subject: 'w2', data: { widgetId: 'w2', size: 20 } });
        throw new Error('command failed after publishing');
      }),
    ).rejects.toThrow('command failed after publishing');
    // An event that breaks its contract fails the command too.
    await expect(
      unitOfWork.run(async (tx) => {
        await tx.manager.save(WidgetOrmEntity, { id: 'w3', size: 30 });
        await tx.publish(contract, { subject: 'w3', data: { widgetId: 'w3', size: -1 } });
      }),
    ).rejects.toBeInstanceOf(InvalidOutgoingEventError);

    expect(await ds.getRepository(WidgetOrmEntity).count()).toBe(1);
    expect(await ds.getRepository(OutboxMessageOrmEntity).count()).toBe(1);
  });

  it('relays rows in order as a verifiable hash chain and marks them published', async () => {
    const { ds, serviceName, topic, transport, resize } = await setUp();
    const written: CloudEvent[] = [];
    for (let i = 0; i < 9; i++) written.push(await resize(`w${i % 3}`, i));

    const relay = new OutboxRelay(ds, transport, { serviceName });
    expect(await relay.drain()).toBe(9);
    expect(await unpublished(ds)).toBe(0);
    expect(await relay.drain()).toBe(0); // nothing is sent twice

    const received = await consume(transport, topic);
    await waitFor(() => received.length >= 9, 60_000, '9 events on Kafka');
    expect(received).toHaveLength(9);

    // Per key, Kafka delivers in the order the commands committed.
    for (const key of ['w0', 'w1', 'w2']) {
      const expected = written.filter((e) => e.subject === key).map((e) => e.id);
      expect(received.filter((r) => r.key === key).map((r) => r.event.id)).toEqual(expected);
    }
    // The relay chained them in outbox order: sequence 1..9 from the genesis hash.
    const chain = bySequence(received.map((r) => r.event));
    expect(chain.map((e) => e.id)).toEqual(written.map((e) => e.id));
    expect(chain.map((e) => e.sequence)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(chain[0].prevhash).toBe(GENESIS_HASH);
    expect(chain.every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? ''))).toBe(true);
    expect(verifyChain(chain)).toEqual({ ok: true });

    // Tampering with one event's data breaks the chain at that event.
    const tampered = chain.map((e) => ({ ...e }));
    tampered[4] = { ...tampered[4], data: { ...tampered[4].data, size: 999 } };
    expect(verifyChain(tampered)).toMatchObject({ ok: false, at: 4 });
  });

  it('continues the chain when a transaction with a lower id commits after a higher one was chained', async () => {
    const { ds, contract, serviceName, transport, unitOfWork, resize } = await setUp();
    const relay = new OutboxRelay(ds, transport, { serviceName });
    await resize('w0', 1);
    // A slow command takes its outbox id, then waits; a fast one commits after it and is chained first.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let idTaken!: () => void;
    const tookId = new Promise<void>((r) => (idTaken = r));
    const slow = unitOfWork.run(async (tx) => {
      const event = await tx.publish(contract, { subject: 'w1', data: { widgetId: 'w1', size: 2 } });
      idTaken();
      await held;
      return event;
    });
    await tookId;
    const fast = await resize('w2', 3);
    expect(await relay.drain()).toBe(2); // w0 and the fast one; the slow row is not visible yet
    release();
    const late = await slow;
    expect(await relay.drain()).toBe(1);
    const next = await resize('w3', 4);
    expect(await relay.drain()).toBe(1);

    const rows = await ds.getRepository(OutboxMessageOrmEntity).find({ order: { id: 'ASC' } });
    const rowOf = (eventId: string) => {
      const row = rows.find((r) => r.eventId === eventId);
      if (!row) throw new Error(`no outbox row for ${eventId}`);
      return row;
    };
    expect(Number(rowOf(late.id).id)).toBeLessThan(Number(rowOf(fast.id).id));
    expect([fast, late, next].map((e) => rowOf(e.id).sequence)).toEqual(['2', '3', '4']);
    const chain = bySequence(rows.map((r) => JSON.parse(r.envelope) as CloudEvent));
    expect(chain.map((e) => e.sequence)).toEqual(['1', '2', '3', '4']);
    expect(verifyChain(chain)).toEqual({ ok: true });
  });

  it('reports how long its rounds have been failing, and recovers', async () => {
    const { ds, serviceName, transport, resize } = await setUp();
    let now = Date.parse('2026-01-01T00:00:00.000Z');
    let brokerDown = true;
    const flaky = Object.create(transport) as EventTransport;
    flaky.publish = async (messages: OutgoingMessage[]) => {
      if (brokerDown) throw new Error('broker unreachable');
      return transport.publish(messages);
    };
    const relay = new OutboxRelay(ds, flaky, { serviceName, pollIntervalMs: 100, now: () => now });
    await resize('w1', 1);
    relay.start();
    cleanups.push(() => relay.stop());
    await waitFor(() => relay.status().lastError === 'broker unreachable', 10_000, 'a failed round');
    now += 61_000;
    expect(relay.status()).toMatchObject({ failingForMs: 61_000, lastError: 'broker unreachable' });
    brokerDown = false;
    relay.wake();
    await waitFor(async () => (await unpublished(ds)) === 0, 20_000, 'published after recovery');
    await waitFor(() => relay.status().failingForMs === 0, 10_000, 'healthy again');
    expect(relay.status().lastError).toBeUndefined();
  });

  it('keeps a single active relay and fails over to the standby when the leader stops', async () => {
    const { db, ds, serviceName, topic, transport, resize, wakeUps } = await setUp();
    // Two instances of the same service: each with its own connection pool to the same database.
    const otherDs = await openDataSource(db);
    const relays = [new OutboxRelay(ds, transport, { serviceName, pollIntervalMs: 200 }), new OutboxRelay(otherDs, transport, { serviceName, pollIntervalMs: 200 })];
    for (const relay of relays) {
      wakeUps.push(() => relay.wake());
      relay.start();
      cleanups.push(() => relay.stop());
    }
    const leaders = () => relays.filter((r) => r.status().leader);

    await waitFor(() => leaders().length > 0, 10_000, 'a leader');
    // Watch for 3 s (the standby retries every 2 s): never two leaders at once.
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      expect(leaders()).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 100));
    }
    const [leader] = leaders();
    const standby = relays.find((r) => r !== leader) as OutboxRelay;

    for (let i = 0; i < 3; i++) await resize(`w${i}`, i);
    await waitFor(async () => (await unpublished(ds)) === 0, 20_000, 'first batch published');
    expect(leader.status().published).toBe(3);
    expect(standby.status().published).toBe(0);

    await leader.stop();
    const stoppedAt = Date.now();
    for (let i = 3; i < 6; i++) await resize(`w${i % 3}`, i); // left for the standby
    await waitFor(() => standby.status().leader, 10_000, 'standby takes over');
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    await waitFor(async () => (await unpublished(ds)) === 0, 20_000, 'second batch published');
    expect(standby.status().published).toBe(3);

    // One unbroken chain across both leaders.
    const received = await consume(transport, topic);
    await waitFor(() => received.length >= 6, 60_000, '6 events on Kafka');
    const chain = bySequence(received.map((r) => r.event));
    expect(chain.map((e) => e.sequence)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(verifyChain(chain)).toEqual({ ok: true });
  });

  it('re-sends the same event after a crash between send and mark-published, and the inbox applies it once', async () => {
    const { db, ds, serviceName, catalog, topic, transport, writer, resize } = await setUp();
    const written = [await resize('w0', 1), await resize('w1', 2), await resize('w0', 3)];

    // The process dies right after Kafka accepted the batch, before the rows are marked published.
    const crashingTransport = new (class extends EventTransport {
      readonly kind = 'kafka' as const;
      ensureTopics = transport.ensureTopics.bind(transport);
      subscribe = transport.subscribe.bind(transport);
      consumerLag = transport.consumerLag.bind(transport);
      healthy = transport.healthy.bind(transport);
      close = async () => undefined;
      async publish(messages: OutgoingMessage[]): Promise<void> {
        await transport.publish(messages);
        await ds.destroy(); // the crash: this instance loses its database connection for good
      }
    })();
    await expect(new OutboxRelay(ds, crashingTransport, { serviceName }).drain()).rejects.toThrow();

    // The restarted instance finds the rows chained but unpublished, and sends them again.
    const restartedDs = await openDataSource(db);
    expect(await unpublished(restartedDs)).toBe(3);
    expect(await new OutboxRelay(restartedDs, transport, { serviceName }).drain()).toBe(3);
    expect(await unpublished(restartedDs)).toBe(0);

    const received = await consume(transport, topic);
    await waitFor(() => received.length >= 6, 60_000, 'every event twice on Kafka');
    expect(received).toHaveLength(6);
    for (const original of written) {
      const copies = received.filter((r) => r.event.id === original.id).map((r) => r.event);
      expect(copies).toHaveLength(2);
      const [first, resent] = copies;
      expect(resent).toEqual(first); // same id, same sequence/prevhash/hash, same data
      expect(first.sequence).toBeDefined();
    }

    // A consumer with an inbox applies each event once and acknowledges the copies as duplicates.
    const groupId = uniqueName('outbox-consumer');
    await transport.ensureTopics([{ topic: dlqTopicOf(groupId), partitions: 1 }]);
    const seen = async (event: CloudEvent<WidgetResizedV1>, tx: Tx) => {
      await tx.manager.insert(WidgetSeenOrmEntity, { widgetId: event.data.widgetId, eventId: event.id });
    };
    const consumer = new EventConsumer(
      transport,
      new UnitOfWork(restartedDs, writer, () => undefined),
      catalog,
      new Map([[WIDGET_RESIZED, seen]]),
      { groupId },
      () => new Date(),
    );
    await consumer.start();
    cleanups.push(() => consumer.stop());

    await waitFor(() => consumer.status().applied + consumer.status().duplicates >= 6, 60_000, 'six deliveries handled');
    expect(consumer.status()).toMatchObject({ applied: 3, duplicates: 3, deadLettered: 0 });
    expect(await restartedDs.getRepository(WidgetSeenOrmEntity).count()).toBe(3);
    for (const original of written) {
      expect(await restartedDs.getRepository(WidgetSeenOrmEntity).countBy({ eventId: original.id })).toBe(1);
    }
  });
});
