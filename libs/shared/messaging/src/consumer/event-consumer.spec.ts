import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, Matches, MaxLength, Min } from 'class-validator';
import { Column, Entity, PrimaryGeneratedColumn, Table, type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns, createDataSource } from '@sop/persistence';
import { waitFor } from '@sop/testing';
import { dataschemaOf, EventCatalog, type EventContract } from '../contract/event-contract';
import { buildCloudEvent, type CloudEvent } from '../envelope/cloud-event';
import { InboxMessageOrmEntity } from '../inbox/inbox-message.orm-entity';
import { MessagingTables1732500000000 } from '../messaging-tables.migration';
import { OutboxMessageOrmEntity } from '../outbox/outbox-message.orm-entity';
import { OutboxWriter } from '../outbox/outbox.writer';
import { InProcessTransport } from '../transport/in-process.transport';
import type { IncomingMessage, Subscription } from '../transport/transport.port';
import { PermanentEventError } from './error-classification';
import { dlqTopicOf, EventConsumer, type EventConsumerOptions } from './event-consumer';

/**
 * A small contract in the style of libs/contracts (messaging may not depend on the contracts library).
 */
class OrganizationRegisteredV1 {
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: 'uscc must be an 18-character USCC' })
  uscc: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsIn(['SOCIAL_GROUP', 'FOUNDATION']) form: string;
  @IsInt() @Min(0) registeredCapitalFen: number;
  @IsISO8601({ strict: true }) registeredAt: string;
}

const OrganizationRegistered: EventContract<OrganizationRegisteredV1> = {
  type: 'registration.organization.registered',
  topic: 'registration.organization.v1',
  version: 1,
  payload: OrganizationRegisteredV1,
  description: 'test contract',
};

/** The handler's effect: one row per applied event, so a double application shows as two rows. */
@Entity({ name: 'test_registered_org' })
class RegisteredOrgOrmEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

class TestTables1732500000001 implements MigrationInterface {
  name = 'TestTables1732500000001';
  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(new Table({ name: 'test_registered_org', columns: [c.serial('id'), c.varchar('uscc', 18), c.uuid('event_id')] }));
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('test_registered_org');
  }
}

const GROUP = 'test-consumer';
const DLQ = dlqTopicOf(GROUP);
const TOPIC = OrganizationRegistered.topic;
const now = () => new Date('2025-03-01T09:00:00.000Z');

function registered(uscc: string, overrides: Partial<OrganizationRegisteredV1> = {}): CloudEvent<OrganizationRegisteredV1> {
  const data: OrganizationRegisteredV1 = {
    uscc,
    name: 'Haidian Volunteers Association',
    form: 'SOCIAL_GROUP',
    registeredCapitalFen: 3_000_000,
    registeredAt: '2025-03-01T09:00:00Z',
    ...overrides,
  };
  return buildCloudEvent('registration', dataschemaOf(OrganizationRegistered), { type: OrganizationRegistered.type, subject: uscc, data }, now());
}

const USCC_A = '51110108MJ0000001A';
const USCC_B = '51110108MJ0000002B';

describe('EventConsumer', () => {
  let ds: DataSource;
  let transport: InProcessTransport;
  let consumer: EventConsumer | undefined;
  let dlqReader: Subscription | undefined;
  let deadLetters: IncomingMessage[];
  /** What the handler does for the current test; by default it records the organization. */
  let behaviour: (event: CloudEvent<OrganizationRegisteredV1>, call: number) => void;
  let calls: number;

  beforeEach(async () => {
    ds = createDataSource({ type: 'sqlite', path: ':memory:' }, [OutboxMessageOrmEntity, InboxMessageOrmEntity, RegisteredOrgOrmEntity], [
      MessagingTables1732500000000,
      TestTables1732500000001,
    ]);
    await ds.initialize();
    await ds.runMigrations();
    transport = new InProcessTransport(':memory:');
    await transport.ensureTopics([
      { topic: TOPIC, partitions: 3 },
      { topic: DLQ, partitions: 1 },
    ]);
    deadLetters = [];
    dlqReader = await transport.subscribe({ groupId: 'dlq-reader', topics: [DLQ] }, async (m) => {
      deadLetters.push(m);
    });
    behaviour = () => undefined;
    calls = 0;
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
    await dlqReader?.stop();
    await transport.close();
    await ds.destroy();
  });

  async function startConsumer(options: Partial<EventConsumerOptions> = {}): Promise<EventConsumer> {
    const catalog = new EventCatalog([OrganizationRegistered]);
    consumer = new EventConsumer(
      ds,
      transport,
      catalog,
      new OutboxWriter('test', catalog, now),
      () => undefined,
      {
        groupId: GROUP,
        topics: [TOPIC],
        retryBackoffMs: { initial: 10, max: 50 },
        handlers: {
          [OrganizationRegistered.type]: async (event: CloudEvent<OrganizationRegisteredV1>, tx) => {
            calls++;
            behaviour(event, calls);
            await tx.manager.insert(RegisteredOrgOrmEntity, { uscc: event.data.uscc, eventId: event.id });
          },
        },
        ...options,
      },
      now,
    );
    await consumer.start();
    return consumer;
  }

  const publish = (key: string, value: Buffer | string) => transport.publish([{ topic: TOPIC, key, value }]);
  const publishEvent = (event: CloudEvent) => publish(event.subject, JSON.stringify(event));
  const rowsFor = (uscc: string) => ds.getRepository(RegisteredOrgOrmEntity).countBy({ uscc });
  const settled = (c: EventConsumer, n: number) => {
    const s = c.status();
    return s.applied + s.duplicates + s.skipped + s.deadLettered >= n;
  };

  it('applies an event delivered twice only once', async () => {
    const c = await startConsumer();
    const event = registered(USCC_A);
    await publishEvent(event);
    await publishEvent(event); // the relay re-sent it after a crash

    await waitFor(() => settled(c, 2), 4_000, 'both deliveries handled');
    expect(c.status()).toMatchObject({ applied: 1, duplicates: 1, deadLettered: 0 });
    expect(await rowsFor(USCC_A)).toBe(1);
    expect(await ds.getRepository(InboxMessageOrmEntity).countBy({ consumerGroup: GROUP, eventId: event.id })).toBe(1);
  });

  it('dead-letters undecodable bytes unchanged and goes on with the next message', async () => {
    const c = await startConsumer();
    const garbage = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x01]); // "{" then not JSON
    await publish(USCC_A, garbage);
    await publishEvent(registered(USCC_A)); // same key, so same partition, after the garbage

    await waitFor(async () => (await rowsFor(USCC_A)) === 1, 4_000, 'the next message applied');
    await waitFor(() => deadLetters.length === 1, 4_000, 'one dead letter');
    expect(deadLetters[0].value).toEqual(garbage);
    expect(deadLetters[0].headers).toMatchObject({ 'dlq-reason': 'UNDECODABLE', 'dlq-consumer-group': GROUP, 'dlq-source-topic': TOPIC });
    expect(c.status()).toMatchObject({ applied: 1, deadLettered: 1 });
  });

  it('dead-letters a payload that breaks its contract, naming the field', async () => {
    const c = await startConsumer();
    const invalid = registered(USCC_A, { registeredCapitalFen: -1 });
    await publishEvent(invalid);
    await publishEvent(registered(USCC_A));

    await waitFor(() => deadLetters.length === 1 && c.status().applied === 1, 4_000, 'dead letter and next applied');
    expect(deadLetters[0].headers['dlq-reason']).toBe('INVALID_PAYLOAD');
    expect(deadLetters[0].headers['dlq-detail']).toContain('registeredCapitalFen');
    expect(JSON.parse(String(deadLetters[0].value)).id).toBe(invalid.id);
    expect(calls).toBe(1); // the handler never saw the invalid event
    expect(await rowsFor(USCC_A)).toBe(1);
  });

  it('dead-letters an event the handler rejects permanently', async () => {
    behaviour = (event) => {
      if (event.data.uscc === USCC_A) throw new PermanentEventError('UNKNOWN_AUTHORITY', 'no such registering authority');
    };
    const c = await startConsumer();
    await publishEvent(registered(USCC_A));
    await publishEvent(registered(USCC_B));

    await waitFor(() => settled(c, 2), 4_000, 'both handled');
    expect(deadLetters.map((m) => m.headers['dlq-reason'])).toEqual(['REJECTED']);
    expect(deadLetters[0].headers['dlq-detail']).toContain('no such registering authority');
    expect(await rowsFor(USCC_A)).toBe(0); // the rejected transaction rolled back
    expect(await rowsFor(USCC_B)).toBe(1);
    // A rejected event is not recorded in the inbox: nothing was applied.
    expect(await ds.getRepository(InboxMessageOrmEntity).count()).toBe(1);
  });

  it('retries a transient failure and applies the event once', async () => {
    behaviour = (_event, call) => {
      if (call <= 2) throw new Error('Deadlock found when trying to get lock');
    };
    const c = await startConsumer({ maxTransientAttempts: 5 });
    await publishEvent(registered(USCC_A));

    await waitFor(() => c.status().applied === 1, 4_000, 'applied');
    expect(calls).toBe(3);
    expect(await rowsFor(USCC_A)).toBe(1);
    expect(c.status().deadLettered).toBe(0);
    expect(deadLetters).toHaveLength(0);
  });

  it('dead-letters after maxTransientAttempts when the failure persists', async () => {
    behaviour = (event) => {
      if (event.data.uscc === USCC_A) throw new Error('still failing');
    };
    const c = await startConsumer({ maxTransientAttempts: 3 });
    await publishEvent(registered(USCC_A));
    await publishEvent(registered(USCC_A, { uscc: USCC_B })); // same key (partition) as A, data about B

    await waitFor(() => settled(c, 2), 4_000, 'both handled');
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0].headers['dlq-reason']).toBe('RETRIES_EXHAUSTED');
    expect(deadLetters[0].headers['dlq-detail']).toContain('after 3 attempts');
    expect(calls).toBe(4); // three attempts for A, one for B
    expect(await rowsFor(USCC_A)).toBe(0);
    expect(await rowsFor(USCC_B)).toBe(1);
  });

  it('holds the partition and turns readiness red while the database is unreachable, without dead-lettering', async () => {
    let databaseDown = true;
    behaviour = () => {
      if (databaseDown) throw Object.assign(new Error('database unreachable'), { code: 'ECONNREFUSED' }); // classified by its code
    };
    const c = await startConsumer({ maxTransientAttempts: 2 });
    await publishEvent(registered(USCC_A));

    await waitFor(() => c.status().state === 'database-unavailable', 4_000, 'database-unavailable');
    // Well past maxTransientAttempts: an outage is not the event's fault, so it is never dead-lettered.
    await waitFor(() => calls >= 5, 4_000, 'several redeliveries');
    expect(c.status()).toMatchObject({ state: 'database-unavailable', applied: 0, deadLettered: 0 });
    expect(deadLetters).toHaveLength(0);

    databaseDown = false;
    await waitFor(() => c.status().state === 'running', 4_000, 'running again');
    expect(c.status()).toMatchObject({ applied: 1, deadLettered: 0 });
    expect(await rowsFor(USCC_A)).toBe(1);
    expect(deadLetters).toHaveLength(0);
  });
});
