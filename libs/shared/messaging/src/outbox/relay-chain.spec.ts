import { IsNull, type DataSource } from 'typeorm';
import { createDataSource } from '@sop/persistence';
import { buildCloudEvent, verifyChain, type CloudEvent } from '../envelope/cloud-event';
import { MessagingTables1732500000000 } from '../messaging-tables.migration';
import { EventTransport, type OutgoingMessage } from '../transport/transport.port';
import { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
import { OutboxQuarantine1733000000000 } from './outbox-quarantine.migration';
import { OutboxQuarantineOrmEntity } from './outbox-quarantine.orm-entity';
import { OutboxRelay } from './outbox.relay';
import { CHAIN_UPDATE_MAX_ROWS } from './relay-chain';

/** A broker that keeps what it is sent, in order. */
class RecordingTransport extends EventTransport {
  readonly kind = 'in-process' as const;
  readonly sent: OutgoingMessage[] = [];
  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.sent.push(...messages);
  }
  async ensureTopics(): Promise<void> {
    // topics need no provisioning here
  }
  async subscribe(): Promise<never> {
    throw new Error('not used');
  }
  async consumerLag(): Promise<[]> {
    return [];
  }
  async healthy(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {
    // nothing held
  }
}

/** The relay's chain assignment in bulk (many rows per UPDATE), on SQLite: one unbroken chain, in outbox order. */
describe('relay chain assignment', () => {
  let ds: DataSource;
  beforeEach(async () => {
    ds = createDataSource({ type: 'sqlite', path: ':memory:' }, [OutboxMessageOrmEntity, OutboxQuarantineOrmEntity], [MessagingTables1732500000000, OutboxQuarantine1733000000000]);
    await ds.initialize();
    await ds.runMigrations();
  });
  afterEach(() => ds.destroy());

  /** Rows as OutboxWriter leaves them; `big` marks the indexes whose payload is over the relay's limit. */
  async function write(count: number, big: number[] = []): Promise<CloudEvent[]> {
    const events: CloudEvent[] = [];
    for (let i = 0; i < count; i++) {
      const event = buildCloudEvent('svc', 'urn:test', { type: 'test.thing.happened', subject: `k${i % 7}`, data: { i, pad: 'x'.repeat(big.includes(i) ? 20_000 : 300) } }, new Date());
      await ds.getRepository(OutboxMessageOrmEntity).insert({ eventId: event.id, topic: 't', messageKey: event.subject, eventType: event.type, envelope: JSON.stringify(event), createdAt: new Date(), sequence: null, hash: null, publishedAt: null, attempts: 0, lastError: null });
      events.push(event);
    }
    return events;
  }

  it('chains and sends a backlog of several statements per round in outbox order, setting an oversized event aside unchained', async () => {
    const count = CHAIN_UPDATE_MAX_ROWS * 2 + 17;
    const written = await write(count, [3]);
    const transport = new RecordingTransport();
    const relay = new OutboxRelay(ds, transport, { serviceName: 'svc', maxBatchBytes: 16_000, batchSize: 400 });

    expect(await relay.drain()).toBe(count - 1);
    const more = await write(5);
    expect(await relay.drain()).toBe(5);
    expect(await relay.drain()).toBe(0);

    const sent = transport.sent.map((m) => JSON.parse(String(m.value)) as CloudEvent);
    expect(sent.map((e) => e.id)).toEqual([...written.filter((_, i) => i !== 3), ...more].map((e) => e.id));
    expect(sent.map((e) => e.sequence)).toEqual(sent.map((_, i) => String(i + 1)));
    expect(verifyChain(sent)).toEqual({ ok: true });
    // What was sent is what is stored, so a resend after a crash is the same event.
    const stored = await ds.getRepository(OutboxMessageOrmEntity).find({ order: { sequence: 'ASC' } });
    expect(stored.map((r) => r.envelope)).toEqual(transport.sent.map((m) => m.value));
    expect(stored.every((r, i) => r.publishedAt !== null && r.hash === sent[i].hash)).toBe(true);
    expect(await ds.getRepository(OutboxQuarantineOrmEntity).find()).toEqual([expect.objectContaining({ eventId: written[3].id, sequence: null })]);
  });

  it('sends rows chained by an earlier round that failed before they went out, ahead of new ones', async () => {
    await write(10);
    const failing = new RecordingTransport();
    failing.publish = async () => {
      throw new Error('broker unreachable');
    };
    await expect(new OutboxRelay(ds, failing, { serviceName: 'svc', batchSize: 4 }).drain()).rejects.toThrow('broker unreachable');
    // The first round was chained (4 rows), then the send failed: nothing is published.
    expect(await ds.getRepository(OutboxMessageOrmEntity).countBy({ hash: IsNull() })).toBe(6);
    expect(await ds.getRepository(OutboxMessageOrmEntity).countBy({ publishedAt: IsNull() })).toBe(10);

    const transport = new RecordingTransport();
    expect(await new OutboxRelay(ds, transport, { serviceName: 'svc', batchSize: 4 }).drain()).toBe(10);
    const sent = transport.sent.map((m) => JSON.parse(String(m.value)) as CloudEvent);
    expect(sent.map((e) => e.sequence)).toEqual(sent.map((_, i) => String(i + 1)));
    expect(verifyChain(sent)).toEqual({ ok: true });
  });
});
