import { randomUUID } from 'node:crypto';
import { startServiceContext } from '@sop/http';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { allTopicSpecs, OrganizationRegistered, type OrganizationRegisteredV1 } from '@sop/contracts';
import { buildCloudEvent, EventChain, dataschemaOf, KafkaTransport, OfficialCalendars, OutboxMessageOrmEntity, type CloudEvent } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, CN_OFFICIAL_CALENDAR, MovableClock } from '@sop/util';
import { CreditRecordQuery } from '../application/credit-records/credit-record.query';
import { InspectionUseCases } from '../application/inspections/inspections.use-cases';
import { ListEntryUseCases } from '../application/list-entries/list-entries.use-cases';
import { ListViewUseCases } from '../application/list-view/list-view.use-cases';
import { ObjectionUseCases } from '../application/objections/objections.use-cases';
import { RecordPenaltyUseCase } from '../application/penalties/record-penalty.use-case';
import { CreditTimerScheduler } from '../application/schedulers/credit-timer.scheduler';
import { CreditSupervisionModule } from '../credit-supervision.module';
import type { ListEntry } from '../domain/list-state';
import { CreditProfileQuery } from '../infrastructure/public-register/credit-profile.query';
import { CreditListEntryOrmEntity } from '../infrastructure/credit-lists.orm-entities';
import { TEST_PUBLISHED_VERSION, TEST_YEARS } from './test-calendar';

/** The other services' events these tests publish, chained as their relays would (consumers refuse unchained events). */
const producers = EventChain.detached();

type Contract = { type: string; topic: string; version: number };

/**
 * The credit service on real MySQL/MariaDB and Kafka for an integration suite: its own database and consumer
 * group on the shared broker, a movable clock, and helpers that publish other services' events as their outbox
 * relays would. Call inside a `describe`: it registers the suite's beforeAll / afterAll.
 */
export function creditOnMysqlAndKafka(purpose: string, start: string) {
  const db = testMysqlConfig(purpose);
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName(`${purpose}-int`) });
  const clock = new MovableClock(new Date(start));
  // A group of its own on the shared broker (it reads the topics from the beginning), with its dead-letter topic.
  const groupId = uniqueName(`${purpose}-int-group`);
  // Earlier runs' events are on the same topics: USCC serials and names carry this run's tag.
  const serialBase = Math.floor(Math.random() * 800_000_000);
  const runTag = `第${serialBase}号`;
  let serial = 0;
  /** USCCs this run issued. */
  const ours = new Set<string>();

  const f = {
    db,
    transport,
    clock,
    groupId,
    ours,
    runTag,
    app: undefined as unknown as INestApplicationContext,
    penalties: undefined as unknown as RecordPenaltyUseCase,
    inspections: undefined as unknown as InspectionUseCases,
    listEntries: undefined as unknown as ListEntryUseCases,
    objections: undefined as unknown as ObjectionUseCases,
    records: undefined as unknown as CreditRecordQuery,
    listView: undefined as unknown as ListViewUseCases,
    scheduler: undefined as unknown as CreditTimerScheduler,
    profiles: undefined as unknown as CreditProfileQuery,
    ds: undefined as unknown as DataSource,

    at: (iso: string) => clock.set(new Date(iso)),

    newUscc(): string {
      const uscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + ++serial);
      ours.add(uscc);
      return uscc;
    },

    async publish<T extends object>(contract: Contract, subject: string, data: T, source = 'registration'): Promise<CloudEvent<T>> {
      const event = producers.next(buildCloudEvent(source, dataschemaOf(contract), { type: contract.type, subject, data }, clock.now()));
      await f.redeliver(contract, event);
      return event;
    },

    async redeliver(contract: { topic: string }, event: CloudEvent<object>): Promise<void> {
      await transport.publish([{ topic: contract.topic, key: event.subject, value: JSON.stringify(event) }]);
    },

    /** Registration's OrganizationRegistered for a new social service organization in 110108; waits for the projection. */
    async register(baseName: string): Promise<string> {
      const uscc = f.newUscc();
      await f.publish<OrganizationRegisteredV1>(OrganizationRegistered, uscc, {
        uscc,
        applicationId: randomUUID(),
        name: `${baseName}${runTag}`,
        form: 'SOCIAL_SERVICE_ORGANIZATION',
        category: 'URBAN_RURAL_COMMUNITY_SERVICE',
        registeringAuthority: '110108',
        domicile: '北京市海淀区',
        purpose: '社区服务',
        legalRepresentativeName: '王五',
        registeredCapitalFen: 1_000_000,
        regime: 'DIRECT',
        policyVersion: 'registration-regime/national-default@v1',
        registeredAt: '2024-03-01T00:00:00.000Z',
      });
      await waitFor(() => f.profiles.byUscc(uscc).catch(() => undefined), 60000, `organization ${uscc} projected`);
      return uscc;
    },

    async entries(uscc: string): Promise<ListEntry[]> {
      const rows = await f.ds.getRepository(CreditListEntryOrmEntity).find({ where: { uscc } });
      return rows.map((r) => JSON.parse(r.document) as ListEntry).sort((a, b) => (a.listedAt < b.listedAt ? -1 : 1));
    },

    async outboxTypes(uscc: string): Promise<string[]> {
      const rows = await f.ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: uscc }, order: { id: 'ASC' } });
      return rows.map((r) => r.eventType);
    },
  };

  beforeAll(async () => {
    await transport.ensureTopics([...allTopicSpecs(), { topic: `${groupId}.dlq`, partitions: 1 }]);
    f.app = await startServiceContext([CreditSupervisionModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: groupId, timerIntervalMs: 0 })]);
    // Timelines run years ahead: the invented test years are recorded as if registration had published them.
    const calendars = f.app.get(OfficialCalendars, { strict: false });
    for (const year of TEST_YEARS.filter((y) => y.year <= 2040)) {
      await calendars.record(f.app.get(DataSource, { strict: false }).manager, { ...year, calendarId: CN_OFFICIAL_CALENDAR.id, version: TEST_PUBLISHED_VERSION, publishedAt: clock.now() });
    }
    f.penalties = f.app.get(RecordPenaltyUseCase);
    f.inspections = f.app.get(InspectionUseCases);
    f.listEntries = f.app.get(ListEntryUseCases);
    f.objections = f.app.get(ObjectionUseCases);
    f.records = f.app.get(CreditRecordQuery);
    f.listView = f.app.get(ListViewUseCases);
    f.scheduler = f.app.get(CreditTimerScheduler);
    f.profiles = f.app.get(CreditProfileQuery);
    f.ds = f.app.get(DataSource);
  });

  afterAll(async () => {
    await f.app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  return f;
}
