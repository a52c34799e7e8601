/**
 * Test support (not a spec): the consumer guarantees as one jest suite, run through a real Nest microservice whose
 * `@EventPattern` handler is served by EventTransportServer, on every transport and database pair
 * (event-transport.server.spec.ts: in-process bus + SQLite; event-transport.server.int-spec.ts: Kafka + MySQL).
 * Not exported from index.ts.
 */
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { createDataSource, type DbConfig } from '@sop/persistence';
import { uniqueName, waitFor } from '@sop/testing';
import { PermanentEventError } from '../consumer/error-classification';
import { dlqTopicOf, type ConsumerOutcome } from '../consumer/event-consumer';
import { dataschemaOf, EventCatalog, type EventContract } from '../contract/event-contract';
import { buildCloudEvent, chainHash, EventChain, type CloudEvent } from '../envelope/cloud-event';
import { InboxMessageOrmEntity } from '../inbox/inbox-message.orm-entity';
import { MessagingTables1732500000000 } from '../messaging-tables.migration';
import { OutboxMessageOrmEntity } from '../outbox/outbox-message.orm-entity';
import { OutboxWriter } from '../outbox/outbox.writer';
import type { EventTransport, IncomingMessage, Subscription } from '../transport/transport.port';
import { UnitOfWork } from '../unit-of-work';
import {
  ConformanceModule,
  harness,
  OrganizationRegisteredV1,
  OrganizationWelcomedV1,
  REGISTERED,
  RegisteredOrganizationsHandler,
  RegisteredOrgOrmEntity,
  SERVICE,
  TEST_EVENTS,
  TestTables1732500000001,
  WELCOMED,
} from './consumer-conformance.fixtures';
import { EventTransportServer, PassThroughRpcErrors } from './event-transport.server';
const USCC_A = '51110108MJ0000001A';
const USCC_B = '51110108MJ0000002B';
const now = () => new Date('2025-03-01T09:00:00.000Z');
/**
 * The tests that count handler calls and retry outcomes exactly run the one-at-a-time path: where the transport
 * batches (Kafka), a batch whose transaction fails adds one uncounted attempt before it (see the batch tests below).
 */
const ONE_AT_A_TIME = 1;

export interface ConsumerConformanceEnvironment {
  transport: EventTransport;
  db: DbConfig;
  /** Drops what the test created (the MySQL database); the transport is closed by the suite. */
  cleanup(): Promise<void>;
}

export function describeConsumerConformance(name: string, makeEnvironment: () => Promise<ConsumerConformanceEnvironment>): void {
  describe(`consumer conformance (Nest @EventPattern over EventTransportServer): ${name}`, () => {
    jest.setTimeout(120_000);

    let env: ConsumerConformanceEnvironment;
    let ds: DataSource;
    let registered: EventContract<OrganizationRegisteredV1>;
    let welcomed: EventContract<OrganizationWelcomedV1>;
    let group: string;
    let microservice: INestMicroservice | undefined;
    let server: EventTransportServer | undefined;
    let dlqReader: Subscription | undefined;
    let deadLetters: IncomingMessage[];
    let outcomes: ConsumerOutcome[];
    /** Registration's chain, as its relay would number and link the events it publishes. */
    let chain: EventChain;

    beforeEach(async () => {
      env = await makeEnvironment();
      ds = createDataSource(env.db, [OutboxMessageOrmEntity, InboxMessageOrmEntity, RegisteredOrgOrmEntity], [MessagingTables1732500000000, TestTables1732500000001]);
      await ds.initialize();
      await ds.runMigrations();
      // Topics and group of this test alone (Kafka keeps earlier tests' messages).
      const topic = uniqueName('conf-org');
      registered = { type: REGISTERED, topic, source: 'registration', version: 1, payload: OrganizationRegisteredV1, description: 'test contract' };
      welcomed = { type: WELCOMED, topic: `${topic}-welcomed`, source: SERVICE, version: 1, payload: OrganizationWelcomedV1, description: 'test contract' };
      chain = new EventChain();
      group = uniqueName('conf-consumer');
      await env.transport.ensureTopics([
        { topic, partitions: 3 },
        { topic: welcomed.topic, partitions: 1 },
        { topic: dlqTopicOf(group), partitions: 1 },
      ]);
      deadLetters = [];
      outcomes = [];
      dlqReader = await env.transport.subscribe({ groupId: uniqueName('conf-dlq-reader'), topics: [dlqTopicOf(group)] }, async (m) => {
        deadLetters.push(m);
      });
      harness.behaviour = () => undefined;
      harness.calls = 0;
      harness.welcome = undefined;
    });

    afterEach(async () => {
      await microservice?.close();
      microservice = undefined;
      server = undefined;
      await dlqReader?.stop();
      await env.transport.close();
      await ds.destroy();
      await env.cleanup();
    });

    async function startConsumer(options: { maxTransientAttempts?: number; batchMessages?: number } = {}): Promise<EventTransportServer> {
      const catalog = new EventCatalog([registered, welcomed]);
      server = new EventTransportServer({
        serviceName: SERVICE,
        groupId: group,
        transport: env.transport,
        unitOfWork: new UnitOfWork(ds, new OutboxWriter(SERVICE, catalog, now), () => undefined),
        catalog,
        now,
        retryBackoffMs: { initial: 10, max: 50 },
        hooks: { outcome: (_group, outcome) => outcomes.push(outcome) },
        ...options,
      });
      microservice = await NestFactory.createMicroservice(ConformanceModule, { strategy: server, logger: false });
      microservice.useGlobalFilters(new PassThroughRpcErrors());
      await microservice.listen();
      return server;
    }

    /** An event as registration's outbox relay publishes it (chained); `unchained` builds it without the chain fields. */
    const unchained = (uscc: string, overrides: Partial<OrganizationRegisteredV1> = {}, source = 'registration'): CloudEvent<OrganizationRegisteredV1> =>
      buildCloudEvent(
        source,
        dataschemaOf(registered),
        {
          type: REGISTERED,
          subject: uscc,
          data: { uscc, name: 'Haidian Volunteers Association', form: 'SOCIAL_GROUP', registeredCapitalFen: 3_000_000, registeredAt: '2025-03-01T09:00:00Z', ...overrides },
        },
        now(),
      );
    const event = (uscc: string, overrides: Partial<OrganizationRegisteredV1> = {}) => chain.next(unchained(uscc, overrides));
    const publish = (key: string, value: Buffer | string) => env.transport.publish([{ topic: registered.topic, key, value }]);
    const publishEvent = (e: CloudEvent) => publish(e.subject, JSON.stringify(e));
    const rowsFor = (uscc: string) => ds.getRepository(RegisteredOrgOrmEntity).countBy({ uscc });
    const status = () => {
      const s = server?.consumerStatus();
      if (!s) throw new Error('the consumer is not listening');
      return s;
    };
    const settled = (n: number) => {
      const s = status();
      return s.applied + s.duplicates + s.skipped + s.deadLettered >= n;
    };

    it('registers its @EventPattern handler and runs', async () => {
      const s = await startConsumer();
      expect(s.handledTypes()).toEqual([REGISTERED]);
      expect(status().state).toBe('running');
    });

    it('applies an event delivered twice only once', async () => {
      await startConsumer();
      const e = event(USCC_A);
      await publishEvent(e);
      await publishEvent(e); // the relay re-sent it after a crash

      await waitFor(() => settled(2), 60_000, 'both deliveries handled');
      expect(status()).toMatchObject({ applied: 1, duplicates: 1, deadLettered: 0 });
      expect(await rowsFor(USCC_A)).toBe(1);
      expect(await ds.getRepository(InboxMessageOrmEntity).countBy({ consumerGroup: group, eventId: e.id })).toBe(1);
      expect(outcomes.map((o) => o.kind)).toEqual(['applied', 'duplicate']);
    });

    it('commits the inbox row, the handler’s writes and the events it publishes in one transaction, with causation', async () => {
      harness.welcome = welcomed;
      await startConsumer();
      const e = event(USCC_A);
      await publishEvent(e);

      await waitFor(() => settled(1), 60_000, 'applied');
      const [row] = await ds.getRepository(OutboxMessageOrmEntity).find();
      const follow = JSON.parse(row.envelope) as CloudEvent;
      expect(follow).toMatchObject({ type: WELCOMED, subject: USCC_A, causationid: e.id, correlationid: e.correlationid });
      expect(row.topic).toBe(welcomed.topic);
    });

    it('dead-letters undecodable bytes unchanged and goes on with the next message', async () => {
      await startConsumer();
      const garbage = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x01]); // "{" then not JSON
      await publish(USCC_A, garbage);
      await publishEvent(event(USCC_A)); // same key, so same partition, after the garbage

      await waitFor(async () => (await rowsFor(USCC_A)) === 1, 60_000, 'the next message applied');
      await waitFor(() => deadLetters.length === 1, 60_000, 'one dead letter');
      expect(deadLetters[0].value).toEqual(garbage);
      expect(deadLetters[0].headers).toMatchObject({ 'dlq-reason': 'UNDECODABLE', 'dlq-consumer-group': group, 'dlq-source-topic': registered.topic });
      expect(status()).toMatchObject({ applied: 1, deadLettered: 1 });
    });

    it('dead-letters a payload that breaks its contract, naming the field, without calling the handler', async () => {
      await startConsumer();
      const invalid = event(USCC_A, { registeredCapitalFen: -1 });
      await publishEvent(invalid);
      await publishEvent(event(USCC_A));

      await waitFor(() => deadLetters.length === 1 && status().applied === 1, 60_000, 'dead letter and next applied');
      expect(deadLetters[0].headers['dlq-reason']).toBe('INVALID_PAYLOAD');
      expect(deadLetters[0].headers['dlq-detail']).toContain('registeredCapitalFen');
      expect(JSON.parse(String(deadLetters[0].value)).id).toBe(invalid.id);
      expect(harness.calls).toBe(1);
      expect(await rowsFor(USCC_A)).toBe(1);
    });

    it('dead-letters an event the handler rejects permanently, with the handler’s own error', async () => {
      harness.behaviour = (e) => {
        if (e.data.uscc === USCC_A) throw new PermanentEventError('UNKNOWN_AUTHORITY', 'no such registering authority');
      };
      await startConsumer();
      await publishEvent(event(USCC_A));
      await publishEvent(event(USCC_B));

      await waitFor(() => settled(2), 60_000, 'both handled');
      expect(deadLetters.map((m) => m.headers['dlq-reason'])).toEqual(['REJECTED']);
      expect(deadLetters[0].headers['dlq-detail']).toContain('no such registering authority');
      expect(await rowsFor(USCC_A)).toBe(0); // the rejected transaction rolled back
      expect(await rowsFor(USCC_B)).toBe(1);
      expect(await ds.getRepository(InboxMessageOrmEntity).count()).toBe(1); // nothing applied for A
    });

    it('retries a transient failure in place and applies the event once', async () => {
      harness.behaviour = (_e, call) => {
        if (call <= 2) throw Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK' });
      };
      await startConsumer({ maxTransientAttempts: 5, batchMessages: ONE_AT_A_TIME });
      await publishEvent(event(USCC_A));

      await waitFor(() => status().applied === 1, 60_000, 'applied');
      expect(harness.calls).toBe(3);
      expect(await rowsFor(USCC_A)).toBe(1);
      expect(deadLetters).toHaveLength(0);
      expect(outcomes.filter((o) => o.kind === 'retry')).toHaveLength(2);
    });

    it('dead-letters after maxTransientAttempts when the failure persists, then goes on', async () => {
      harness.behaviour = (e) => {
        if (e.data.uscc === USCC_A) throw new Error('still failing');
      };
      await startConsumer({ maxTransientAttempts: 3, batchMessages: ONE_AT_A_TIME });
      await publishEvent(event(USCC_A));
      await publishEvent(event(USCC_A, { uscc: USCC_B })); // same key (partition) as A, data about B

      await waitFor(() => settled(2), 60_000, 'both handled');
      await waitFor(() => deadLetters.length === 1, 60_000, 'one dead letter');
      expect(deadLetters[0].headers['dlq-reason']).toBe('RETRIES_EXHAUSTED');
      expect(deadLetters[0].headers['dlq-detail']).toContain('after 3 attempts');
      expect(harness.calls).toBe(4); // three attempts for A, one for B
      expect(await rowsFor(USCC_A)).toBe(0);
      expect(await rowsFor(USCC_B)).toBe(1);
    });

    it('counts attempts per failure kind: an outage and lock conflicts do not use up the attempts of a good event', async () => {
      const failures: Error[] = [
        ...['ECONNREFUSED', 'PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'ER_SERVER_SHUTDOWN', 'ER_CONNECTION_KILLED', 'ECONNREFUSED'].map((code) =>
          Object.assign(new Error(`database outage (${code})`), { driverError: { code } }),
        ),
        Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK' }),
        Object.assign(new Error('Lock wait timeout exceeded'), { code: 'ER_LOCK_WAIT_TIMEOUT' }),
        new Error('unexpected, once'),
      ];
      harness.behaviour = (_e, call) => {
        if (call <= failures.length) throw failures[call - 1];
      };
      await startConsumer({ maxTransientAttempts: 2, batchMessages: ONE_AT_A_TIME });
      await publishEvent(event(USCC_A));

      await waitFor(() => status().applied === 1, 60_000, 'applied after the outage');
      expect(harness.calls).toBe(failures.length + 1);
      expect(deadLetters).toHaveLength(0);
      expect(status()).toMatchObject({ state: 'running', applied: 1, deadLettered: 0 });
      const retries = outcomes.flatMap((o) => (o.kind === 'retry' ? [o.failure] : []));
      expect(retries).toEqual([...Array(6).fill('INFRASTRUCTURE'), 'CONTENTION', 'CONTENTION', 'TRANSIENT']);
      expect(await rowsFor(USCC_A)).toBe(1);
    });

    it('dead-letters a forged event (its type from another source) and an unchained one without applying them', async () => {
      await startConsumer();
      // Another service with write access to the topic claims registration's type: chained by its own chain.
      const forged = new EventChain().next(unchained(USCC_A, {}, 'evaluation'));
      const noChain = unchained(USCC_A); // registration's type and source, but not from its relay: no chain fields
      await publishEvent(forged);
      await publishEvent(noChain);
      await publishEvent(event(USCC_A));

      await waitFor(() => settled(3), 60_000, 'all three handled');
      expect(deadLetters.map((m) => m.headers['dlq-reason'])).toEqual(['FORGED', 'UNCHAINED']);
      expect(deadLetters[0].headers['dlq-detail']).toBe(`${REGISTERED} is published by registration only, not by evaluation`);
      expect(deadLetters[1].headers['dlq-detail']).toContain('no valid chain fields: sequence');
      expect(JSON.parse(String(deadLetters[1].value)).id).toBe(noChain.id);
      expect(harness.calls).toBe(1);
      expect(await rowsFor(USCC_A)).toBe(1);
      expect(status()).toMatchObject({ applied: 1, deadLettered: 2, held: 0 });
    });

    it('holds the partition on an event whose content does not match its hash, and alerts, without applying anything after it', async () => {
      await startConsumer();
      const altered = event(USCC_A);
      altered.data.registeredCapitalFen = 1; // changed after the relay chained it
      await publishEvent(altered);
      await publishEvent(event(USCC_A)); // same key, same partition: waits behind the held event

      await waitFor(() => outcomes.filter((o) => o.kind === 'held').length >= 3, 60_000, 'held and redelivered');
      expect(outcomes.find((o) => o.kind === 'held')).toEqual({ kind: 'held', type: REGISTERED, reason: 'BAD_HASH' });
      expect(status()).toMatchObject({ applied: 0, deadLettered: 0, held: 1 });
      expect(status().lastError).toContain('does not match its hash');
      expect(harness.calls).toBe(0);
      expect(deadLetters).toHaveLength(0);
      expect(await rowsFor(USCC_A)).toBe(0);
    });

    it('alerts on an event that does not link to the previous one of its source on the partition, and applies it', async () => {
      await startConsumer();
      const first = event(USCC_A);
      const second = event(USCC_A);
      const relinked = { ...second, prevhash: 'f'.repeat(64) }; // claims to follow another event than `first`
      relinked.hash = chainHash(relinked);
      await publishEvent(first);
      await publishEvent(relinked);

      await waitFor(() => settled(2), 60_000, 'both applied');
      expect(outcomes.filter((o) => o.kind === 'chain-anomaly')).toEqual([{ kind: 'chain-anomaly', type: REGISTERED, reason: 'BROKEN_LINK' }]);
      expect(status()).toMatchObject({ applied: 2, held: 0, deadLettered: 0 });
      expect(await rowsFor(USCC_A)).toBe(2);
    });

    it('holds the partition while the database is unreachable, without dead-lettering, and resumes', async () => {
      let databaseDown = true;
      harness.behaviour = () => {
        if (databaseDown) throw Object.assign(new Error('database unreachable'), { code: 'ECONNREFUSED' });
      };
      await startConsumer({ maxTransientAttempts: 2 });
      await publishEvent(event(USCC_A));

      await waitFor(() => status().state === 'database-unavailable', 60_000, 'database-unavailable');
      // Well past maxTransientAttempts: an outage is not the event's fault, so it is never dead-lettered.
      await waitFor(() => harness.calls >= 5, 60_000, 'several redeliveries');
      expect(status()).toMatchObject({ state: 'database-unavailable', applied: 0, deadLettered: 0 });

      databaseDown = false;
      await waitFor(() => status().state === 'running' && status().applied === 1, 60_000, 'running again');
      expect(await rowsFor(USCC_A)).toBe(1);
      expect(deadLetters).toHaveLength(0);
    });

    // Batches: on Kafka, the messages of a partition fetched together are applied in one transaction (events
    // published before the consumer starts are fetched together); the in-process bus delivers them one at a time.
    const batching = () => env.transport.kind === 'kafka';

    it('applies a batch with a duplicate inside it once per event, each in offset order', async () => {
      const [a, b, c] = [event(USCC_A), event(USCC_A, { uscc: USCC_B }), event(USCC_A, { name: 'Third' })];
      for (const e of [a, b, a, c]) await publishEvent(e); // the relay re-sent A within the same fetch
      await startConsumer();

      await waitFor(() => settled(4), 60_000, 'all four handled');
      expect(status()).toMatchObject({ applied: 3, duplicates: 1, deadLettered: 0 });
      expect(outcomes.map((o) => o.kind)).toEqual(['applied', 'applied', 'duplicate', 'applied']);
      expect(harness.calls).toBe(3);
      expect(await rowsFor(USCC_A)).toBe(2);
      expect(await rowsFor(USCC_B)).toBe(1);
      const rows = await ds.getRepository(RegisteredOrgOrmEntity).find({ order: { id: 'ASC' } });
      expect(rows.map((r) => r.eventId)).toEqual([a.id, b.id, c.id]);
      expect(await ds.getRepository(InboxMessageOrmEntity).countBy({ consumerGroup: group })).toBe(3);
    });

    it('sends a poison message inside a batch alone to the dead letters and applies the others once', async () => {
      harness.behaviour = (e) => {
        if (e.data.uscc === USCC_B) throw new PermanentEventError('TEST.REJECTED', 'not for this organization');
      };
      const garbage = Buffer.from('{"not": "an event"');
      const [a, b, c] = [event(USCC_A), event(USCC_A, { uscc: USCC_B }), event(USCC_A, { name: 'Third' })];
      await publishEvent(a);
      await publish(USCC_A, garbage);
      await publishEvent(b);
      await publishEvent(c);
      await startConsumer();

      await waitFor(() => settled(4), 60_000, 'all four handled');
      await waitFor(() => deadLetters.length === 2, 60_000, 'two dead letters');
      expect(deadLetters.map((d) => d.headers['dlq-reason'])).toEqual(['UNDECODABLE', 'REJECTED']);
      expect(status()).toMatchObject({ applied: 2, duplicates: 0, deadLettered: 2 });
      expect(await rowsFor(USCC_A)).toBe(2);
      expect(await rowsFor(USCC_B)).toBe(0);
      expect(await ds.getRepository(InboxMessageOrmEntity).countBy({ consumerGroup: group })).toBe(2);
    });

    it('commits nothing of a batch whose transaction fails before the commit, then applies each event once', async () => {
      const [a, b, c] = [event(USCC_A), event(USCC_A, { uscc: USCC_B }), event(USCC_A, { name: 'Third' })];
      let crashed = false;
      harness.behaviour = (e) => {
        if (e.id === c.id && !crashed) {
          crashed = true; // the connection dies under the last handler, before the commit
          throw Object.assign(new Error('connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' });
        }
      };
      for (const e of [a, b, c]) await publishEvent(e);
      await startConsumer();

      await waitFor(() => settled(3), 60_000, 'all three applied');
      expect(status()).toMatchObject({ state: 'running', applied: 3, duplicates: 0, deadLettered: 0 });
      // Batched: A and B ran in the failed transaction and again one at a time; had they been committed, the inbox
      // would have made the second delivery a duplicate without calling the handler.
      expect(harness.calls).toBe(batching() ? 6 : 4);
      expect(await rowsFor(USCC_A)).toBe(2);
      expect(await rowsFor(USCC_B)).toBe(1);
      expect(await ds.getRepository(InboxMessageOrmEntity).countBy({ consumerGroup: group })).toBe(3);
      expect(deadLetters).toHaveLength(0);
    });
  });
}

export { RegisteredOrganizationsHandler as ConformanceHandler, TEST_EVENTS, REGISTERED };
