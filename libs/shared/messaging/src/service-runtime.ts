import { Logger } from '@nestjs/common';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import { createDataSource, describeDb, ensureDatabase, type DbConfig } from '@sop/persistence';
import { PeriodicTask, type Clock } from '@sop/util';
import type { EventCatalog } from './contract/event-contract';
import type { ConsumerHooks, EventConsumerOptions } from './consumer/event-consumer';
import { EventTransportServer } from './nest/event-transport.server';
import { OfficialCalendarYearOrmEntity } from './calendar/official-calendar-year.orm-entity';
import { OfficialCalendarTables1732500000001 } from './calendar/official-calendar-tables.migration';
import { OfficialCalendars } from './calendar/official-calendars';
import { InboxMessageOrmEntity } from './inbox/inbox-message.orm-entity';
import { MessagingTables1732500000000 } from './messaging-tables.migration';
import { OutboxMessageOrmEntity } from './outbox/outbox-message.orm-entity';
import { OutboxQuarantine1733000000000 } from './outbox/outbox-quarantine.migration';
import { RelayLease1733000000100 } from './outbox/relay-lease.migration';
import { OutboxQuarantineOrmEntity } from './outbox/outbox-quarantine.orm-entity';
import { OutboxRelay, RELAY_FAILING_DOWN_AFTER_MS, type OutboxRelayOptions, type RelayBatchReport } from './outbox/outbox.relay';
import { OutboxWriter } from './outbox/outbox.writer';
import type { EventTransport } from './transport/transport.port';
import { MessagingRetention, type RetentionOptions, type RetentionReport } from './retention/messaging-retention';
import { UnitOfWork } from './unit-of-work';
import { checkpointOptionsFromEnv, type CheckpointOptions, type SignedCheckpoint } from './audit/checkpoint-signing';
import { auditContractsIn, Checkpointer } from './audit/checkpointer';
import { SigningKeyOrmEntity } from './audit/signing-key.orm-entity';
import { AuditSigningKey1733000000200 } from './audit/signing-key.migration';

type Ctor = new (...args: never[]) => unknown;

export interface ServiceRuntimeOptions {
  /** CloudEvents `source` and the relay's lock name, e.g. "registration". */
  serviceName: string;
  db: DbConfig;
  transport: EventTransport;
  catalog: EventCatalog;
  entities: MixedList<Ctor | EntitySchema>;
  migrations: Ctor[];
  /** The service's consumer group, when it consumes events (its handlers are `@EventPattern` methods). */
  consumer?: EventConsumerOptions;
  consumerHooks?: ConsumerHooks;
  /** Called after each relay batch the broker accepted (metrics). */
  onRelayPublished?: (report: RelayBatchReport) => void;
  /** How long outbox, inbox and bus rows are kept once done with (defaults: 7, 30 and 7 days; hourly, in batches). */
  retention?: RetentionOptions;
  /** Relay tuning: the broker's max.message.bytes (default 1 MiB) and the quarantine alert hook. */
  relay?: Pick<OutboxRelayOptions, 'maxBatchBytes' | 'onQuarantined'>;
  /**
   * Signed checkpoints of the event chain (issue 13 item 5); default from MESSAGING_CHECKPOINT_* (checkpointOptionsFromEnv).
   * Only when the catalogue has this service's audit contracts.
   */
  checkpoints?: Partial<CheckpointOptions>;
  clock: Clock;
  /** Create the MySQL database if missing (dev, tests, local distributed mode). */
  createDatabase?: boolean;
  /** Apply pending migrations at start; otherwise run the `migrate` command first. */
  migrateOnStart?: boolean;
}

export interface ReadinessReport {
  status: 'up' | 'down';
  checks: Record<string, { status: 'up' | 'down'; detail?: string }>;
}

/**
 * Everything a service needs around its domain code: its own database, the unit of work with the outbox,
 * the single-active relay and the idempotent consumer. The four services build one each.
 */
export class ServiceRuntime {
  readonly dataSource: DataSource;
  readonly unitOfWork: UnitOfWork;
  /** The official holiday calendar this service counts on (shipped years plus those published since). */
  readonly calendars: OfficialCalendars;
  readonly relay: OutboxRelay;
  /** The Nest transport strategy that runs the service's `@EventPattern` handlers; the host connects it. */
  readonly eventServer?: EventTransportServer;
  /** Deletes published outbox, old inbox and consumed bus rows past their retention. */
  readonly retention: MessagingRetention;
  private readonly retentionTask: PeriodicTask<RetentionReport | undefined>;
  /** Signs the chain head now and then (absent when the catalogue has no audit contracts for this service). */
  readonly checkpoints?: Checkpointer;
  private readonly checkpointTask?: PeriodicTask<SignedCheckpoint | undefined>;
  private readonly logger: Logger;
  private started = false;

  constructor(readonly options: ServiceRuntimeOptions) {
    this.logger = new Logger(`Runtime:${options.serviceName}`);
    this.dataSource = createDataSource(
      options.db,
      [OutboxMessageOrmEntity, OutboxQuarantineOrmEntity, InboxMessageOrmEntity, OfficialCalendarYearOrmEntity, SigningKeyOrmEntity, ...(options.entities as Ctor[])],
      [MessagingTables1732500000000, OfficialCalendarTables1732500000001, OutboxQuarantine1733000000000, RelayLease1733000000100, AuditSigningKey1733000000200, ...options.migrations],
    );
    const now = () => options.clock.now();
    const outbox = new OutboxWriter(options.serviceName, options.catalog, now);
    this.relay = new OutboxRelay(this.dataSource, options.transport, { ...options.relay, serviceName: options.serviceName, onPublished: options.onRelayPublished });
    const wake = () => this.relay.wake();
    this.unitOfWork = new UnitOfWork(this.dataSource, outbox, wake);
    this.calendars = new OfficialCalendars(this.dataSource);
    this.retention = new MessagingRetention(this.dataSource, options.transport, options.retention ?? {}, now, options.serviceName);
    this.retentionTask = new PeriodicTask(
      () => this.retention.run(),
      this.retention.intervalMs,
      (err) => {
        this.logger.warn(`messaging retention failed (retried at the next run): ${err.message}`);
        return undefined;
      },
      `${options.serviceName}/messaging-retention`,
    );
    const audit = auditContractsIn(options.catalog, options.serviceName);
    if (audit) {
      const fromEnv = options.checkpoints?.key ? undefined : checkpointOptionsFromEnv();
      const settings = { everyEvents: 1000, everyMs: 300_000, pollMs: 5_000, ...fromEnv, ...options.checkpoints } as CheckpointOptions;
      this.checkpoints = new Checkpointer(this.dataSource, outbox, audit, options.serviceName, settings, () => this.relay.status().leader, now);
      const checkpoints = this.checkpoints;
      this.checkpointTask = new PeriodicTask(
        async () => {
          const written = await checkpoints.tick();
          if (written) wake();
          return written;
        },
        Math.min(settings.pollMs, settings.everyMs),
        (err) => {
          this.logger.warn(`checkpoint failed (retried at the next run): ${err.message}`);
          return undefined;
        },
        `${options.serviceName}/checkpoints`,
      );
    }
    if (options.consumer) {
      this.eventServer = new EventTransportServer({
        ...options.consumer,
        serviceName: options.serviceName,
        transport: options.transport,
        unitOfWork: this.unitOfWork,
        catalog: options.catalog,
        now,
        hooks: options.consumerHooks,
      });
    }
  }

  async migrate(): Promise<string[]> {
    if (this.options.createDatabase) await ensureDatabase(this.options.db);
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  }

  async start(): Promise<void> {
    if (this.started) return;
    if (this.options.migrateOnStart ?? true) {
      const applied = await this.migrate();
      if (applied.length) this.logger.log(`applied migrations: ${applied.join(', ')}`);
    } else if (!this.dataSource.isInitialized) {
      await this.dataSource.initialize();
    }
    await this.calendars.load();
    this.calendars.startRefreshing();
    // The relay starts here; the consumer starts when the host starts its microservices (after this hook).
    this.relay.start();
    this.retentionTask.start();
    this.checkpointTask?.start();
    this.started = true;
    this.logger.log(`started on ${describeDb(this.options.db)} with ${this.options.transport.kind} transport`);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.calendars.stop();
    await this.retentionTask.stop();
    await this.checkpointTask?.stop();
    await this.eventServer?.close(); // normally closed already by the host, before this shutdown hook
    await this.relay.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** The consumer group's lag on the topics it reads (empty for a service that consumes nothing or has not started). */
  async consumerLag(): Promise<{ groupId: string; topic: string; partition: number; lag: number }[]> {
    const topics = this.eventServer?.topics() ?? [];
    if (!this.eventServer || topics.length === 0) return [];
    const groupId = this.eventServer.groupId;
    return (await this.options.transport.consumerLag(groupId, topics)).map((l) => ({ groupId, ...l }));
  }

  async readiness(): Promise<ReadinessReport> {
    const checks: ReadinessReport['checks'] = {};
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000))),
      ]);
      checks['database'] = { status: 'up' };
    } catch (err) {
      checks['database'] = { status: 'down', detail: err.message };
    } finally {
      clearTimeout(timer);
    }
    const brokerUp = await this.options.transport.healthy();
    checks['broker'] = { status: brokerUp ? 'up' : 'down', detail: this.options.transport.kind };
    if (this.eventServer) {
      const s = this.eventServer.consumerStatus();
      checks['consumer'] = s
        ? { status: s.state === 'running' ? 'up' : 'down', detail: s.state }
        : { status: 'down', detail: 'not started' };
    }
    const relay = this.relay.status();
    // A relay that keeps failing leaves events in the outbox: nothing is lost, but nobody downstream hears of
    // them, so it turns readiness red (with the error) after a minute rather than failing silently.
    // Quarantined events stay up (the relay goes on) but are named until an operator has dealt with them (a restart).
    const role = `${relay.leader ? 'active' : 'standby'}${relay.quarantined > 0 ? `, ${relay.quarantined} event(s) quarantined (outbox_quarantine)` : ''}`;
    checks['relay'] =
      relay.failingForMs > RELAY_FAILING_DOWN_AFTER_MS
        ? { status: 'down', detail: `${role}, rounds failing for ${Math.round(relay.failingForMs / 1000)} s: ${relay.lastError}` }
        : { status: 'up', detail: relay.lastError ? `${role}, retrying: ${relay.lastError}` : role };
    const status = Object.values(checks).every((c) => c.status === 'up') ? 'up' : 'down';
    return { status, checks };
  }
}
