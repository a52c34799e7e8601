import { IsNotEmpty, IsString } from 'class-validator';
import { IsNull, type DataSource } from 'typeorm';
import { createDataSource, dropDatabase, ensureDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { readTopicMessagesToEnd } from '../audit/read-topics';
import { EventCatalog, type EventContract } from '../contract/event-contract';
import { verifyChain, type CloudEvent } from '../envelope/cloud-event';
import { MessagingTables1732500000000 } from '../messaging-tables.migration';
import { KafkaTransport } from '../transport/kafka.transport';
import type { EventTransport, OutgoingMessage } from '../transport/transport.port';
import { UnitOfWork } from '../unit-of-work';
import { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
import { OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';
import { RelayLease1733000000100 } from './relay-lease.migration';

class TickV1 {
  @IsString() @IsNotEmpty() n: string;
}

/**
 * A relay instance that can be frozen as SIGSTOP freezes a process: from the moment of the freeze, nothing it asks
 * of the database through its lease or of the broker gets an answer (the calls hang), until it is resumed.
 */
function freezable(ds: DataSource, transport: EventTransport) {
  let frozen: (() => void)[] | undefined;
  const hangWhileFrozen = <T>(call: () => Promise<T>): Promise<T> =>
    frozen ? new Promise<T>((resolve, reject) => frozen?.push(() => void call().then(resolve, reject))) : call();
  const query = ds.query.bind(ds);
  ds.query = ((sql: string, parameters?: unknown[]) => hangWhileFrozen(() => query(sql, parameters))) as DataSource['query'];
  const wrapped = { publish: (messages: OutgoingMessage[]) => hangWhileFrozen(() => transport.publish(messages)) } as unknown as EventTransport;
  return {
    transport: wrapped,
    freeze: () => void (frozen = []),
    resume: () => {
      const pending = frozen ?? [];
      frozen = undefined;
      pending.forEach((go) => go());
    },
  };
}

describe('relay leadership by lease on MySQL', () => {
  jest.setTimeout(180_000);
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => console.warn(`cleanup failed: ${err.message}`));
  });

  it('a standby takes over within 30 s of the leader stopping (default lease: 15 s, renewed every 5 s)', async () => {
    const db = testMysqlConfig('relay_lease');
    await ensureDatabase(db);
    cleanups.push(() => dropDatabase(db));
    const open = async () => {
      const ds = createDataSource(db, [OutboxMessageOrmEntity], [MessagingTables1732500000000, RelayLease1733000000100]);
      await ds.initialize();
      cleanups.push(() => ds.destroy());
      return ds;
    };
    const ds = await open();
    await ds.runMigrations();
    const brokers = testKafkaBrokers();
    const transport = new KafkaTransport({ brokers, clientId: uniqueName('relay-lease'), logLevel: 'error' });
    cleanups.push(() => transport.close());
    const contract: EventContract<TickV1> = { type: 'test.tick.happened', topic: uniqueName('relay-lease'), version: 1, payload: TickV1, description: 'test' };
    await transport.ensureTopics([{ topic: contract.topic, partitions: 1 }]);
    const serviceName = uniqueName('relay-lease-svc');
    const unitOfWork = new UnitOfWork(ds, new OutboxWriter(serviceName, new EventCatalog([contract]), () => new Date()), () => undefined);
    const write = async (from: number, to: number) => {
      for (let i = from; i < to; i++) await unitOfWork.run(async (tx) => void (await tx.publish(contract, { subject: 'T', data: { n: String(i) } })));
    };
    const unpublished = () => ds.getRepository(OutboxMessageOrmEntity).countBy({ publishedAt: IsNull() });

    // Two instances of one service, each with its own pool; each can be frozen.
    const instances = await Promise.all(
      [0, 1].map(async () => {
        const own = await open();
        const handle = freezable(own, transport);
        const relay = new OutboxRelay(own, handle.transport, { serviceName, pollIntervalMs: 200 });
        return { relay, ...handle };
      }),
    );
    instances.forEach(({ relay }) => relay.start());
    cleanups.push(async () => {
      instances.forEach((i) => i.resume());
      await Promise.all(instances.map((i) => i.relay.stop()));
    });
    const leaders = () => instances.filter((i) => i.relay.status().leader);
    await waitFor(() => leaders().length === 1, 10_000, 'a leader');
    const [leader] = leaders();
    const [standby] = instances.filter((i) => i !== leader);
    await write(0, 3);
    await waitFor(async () => (await unpublished()) === 0, 20_000, 'the leader publishes');
    expect(leader.relay.status().published).toBe(3);

    leader.freeze();
    const frozenAt = Date.now();
    await write(3, 6);
    await waitFor(() => standby.relay.status().leader, 40_000, 'the standby takes over');
    const takeoverSeconds = (Date.now() - frozenAt) / 1000;
    console.log(`[relay-lease] standby took over ${takeoverSeconds.toFixed(1)} s after the leader froze`);
    expect(takeoverSeconds).toBeLessThan(30);
    expect(takeoverSeconds).toBeGreaterThan(5); // not before the frozen leader's lease ran out
    await waitFor(async () => (await unpublished()) === 0, 20_000, 'the new leader publishes what was left');
    expect(standby.relay.status().published).toBe(3);

    // The old leader wakes up: it finds another holder at its next renewal and stands by.
    leader.resume();
    await waitFor(() => !leader.relay.status().leader, 20_000, 'the old leader stands by');
    expect(leaders()).toEqual([standby]);

    // Every event on the wire, one chain; a batch the frozen leader had in flight may go out twice (consumers' inbox).
    const onWire = (await readTopicMessagesToEnd({ brokers }, [contract.topic])).map((m) => JSON.parse(String(m.value)) as CloudEvent<TickV1>);
    const distinct = [...new Map(onWire.map((e) => [e.hash, e])).values()];
    expect(distinct.map((e) => e.data.n)).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(verifyChain(distinct)).toEqual({ ok: true });
  });
});
