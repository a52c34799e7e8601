import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@sop/persistence';
import { waitFor } from '@sop/testing';
import { InboxMessageOrmEntity } from '../inbox/inbox-message.orm-entity';
import { MessagingTables1732500000000 } from '../messaging-tables.migration';
import { OutboxMessageOrmEntity } from '../outbox/outbox-message.orm-entity';
import { InProcessTransport } from '../transport/in-process.transport';
import { MessagingRetention } from './messaging-retention';

const DAY = 24 * 60 * 60 * 1000;

describe('messaging retention (SQLite and the in-process bus)', () => {
  let ds: DataSource;
  let transport: InProcessTransport;
  // The bus stamps messages with the real time: the job's clock runs 30 days ahead of it.
  let now = new Date(Date.now() + 30 * DAY);
  const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

  beforeEach(async () => {
    ds = createDataSource({ type: 'sqlite', path: ':memory:' }, [OutboxMessageOrmEntity, InboxMessageOrmEntity], [MessagingTables1732500000000]);
    await ds.initialize();
    await ds.runMigrations();
    transport = new InProcessTransport(':memory:');
  });
  afterEach(async () => {
    await transport.close();
    await ds.destroy();
  });

  const outboxRow = (sequence: number | null, publishedDaysAgo: number | null) => ({
    eventId: randomUUID(),
    topic: 't',
    messageKey: 'k',
    eventType: 'test.thing.happened',
    envelope: '{}',
    createdAt: daysAgo(40),
    sequence: sequence === null ? null : String(sequence),
    hash: sequence === null ? null : 'a'.repeat(64),
    publishedAt: publishedDaysAgo === null ? null : daysAgo(publishedDaysAgo),
    attempts: 0,
    lastError: null,
  });
  const sequences = async () => (await ds.getRepository(OutboxMessageOrmEntity).find({ order: { id: 'ASC' } })).map((r) => r.sequence);

  it('deletes published outbox rows and inbox rows past their age, in batches, keeping the chain head and unpublished rows', async () => {
    await ds.getRepository(OutboxMessageOrmEntity).insert([
      ...[1, 2, 3, 4, 5].map((s) => outboxRow(s, 10)),
      outboxRow(6, 2),
      outboxRow(7, 1),
      outboxRow(null, null), // written 40 days ago, never published (the broker was down): kept
    ]);
    await ds.getRepository(InboxMessageOrmEntity).insert([
      ...[40, 35, 31].map((d) => ({ consumerGroup: 'g', eventId: randomUUID(), eventType: 'x.y.z', source: 's', receivedAt: daysAgo(d) })),
      { consumerGroup: 'h', eventId: randomUUID(), eventType: 'x.y.z', source: 's', receivedAt: daysAgo(40) },
      { consumerGroup: 'g', eventId: randomUUID(), eventType: 'x.y.z', source: 's', receivedAt: daysAgo(10) },
    ]);
    const retention = new MessagingRetention(ds, transport, { batchSize: 2 }, () => now, 'test');
    const deletes = jest.spyOn(ds.getRepository(OutboxMessageOrmEntity).constructor.prototype, 'delete');

    expect(await retention.run()).toEqual({ outbox: 5, inbox: 4, bus: 0 });
    expect(await sequences()).toEqual(['6', '7', null]);
    expect(await ds.getRepository(InboxMessageOrmEntity).count()).toBe(1);
    expect(deletes).toHaveBeenCalledTimes(3 + 2); // outbox 2+2+1, inbox 2+2: batches of at most two rows
    deletes.mockRestore();

    // A month later everything published is old, but the relay continues the chain from the highest sequence.
    now = new Date(now.getTime() + 30 * DAY);
    expect(await retention.run()).toEqual({ outbox: 1, inbox: 1, bus: 0 });
    expect(await sequences()).toEqual(['7', null]);
    expect(await retention.run()).toEqual({ outbox: 0, inbox: 0, bus: 0 });
    now = new Date(Date.now() + 30 * DAY);
  });

  it('prunes bus messages every group consumed, never a partition’s last one, so offsets go on', async () => {
    await transport.ensureTopics([
      { topic: 'read', partitions: 1 },
      { topic: 'unread', partitions: 1 },
    ]);
    const message = (topic: string, i: number) => ({ topic, key: 'k', value: `m${i}` });
    await transport.publish([0, 1, 2, 3, 4].flatMap((i) => [message('read', i), message('unread', i)]));
    const seen: string[] = [];
    const subscription = await transport.subscribe({ groupId: 'g', topics: ['read'] }, async (m) => void seen.push(`${m.offset}:${m.value}`));
    await waitFor(() => seen.length === 5, 10_000, 'consumed');
    await subscription.stop();

    const retention = new MessagingRetention(ds, transport, { batchSize: 3, busDays: 7 }, () => now, 'test');
    expect(await retention.run()).toEqual({ outbox: 0, inbox: 0, bus: 4 });
    expect(transport.count('read')).toBe(1); // the last one, offset 4
    expect(transport.count('unread')).toBe(5); // no group has read it

    await transport.publish([message('read', 5)]);
    const again = await transport.subscribe({ groupId: 'g', topics: ['read'] }, async (m) => void seen.push(`${m.offset}:${m.value}`));
    await waitFor(() => seen.length === 6, 10_000, 'the next message');
    await again.stop();
    expect(seen.at(-1)).toBe('5:m5');
    // Nothing is pruned before its age.
    expect(await new MessagingRetention(ds, transport, { busDays: 60 }, () => now, 'test').run()).toEqual({ outbox: 0, inbox: 0, bus: 0 });
  });
});
