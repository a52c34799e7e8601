import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  allTopicSpecs,
  AnnualReportOverdue,
  AnnualReportReviewed,
  AnnualReportSubmitted,
  OrganizationChanged,
  OrganizationDeregistered,
  OrganizationRegistered,
  OrganizationRevoked,
  SupervisionConvertedToGuidance,
  type AnnualReportOverdueV1,
  type AnnualReportReviewedV1,
  type AnnualReportSubmittedV1,
  type OrganizationChangedV1,
  type OrganizationDeregisteredV1,
  type OrganizationRegisteredV1,
  type OrganizationRevokedV1,
  type SupervisionConvertedToGuidanceV1,
} from '@sop/contracts';
import { buildCloudEvent, dataschemaOf, KafkaTransport, OutboxMessageOrmEntity, type CloudEvent } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import type { ListEntry } from './domain/list-state';
import { CreditSupervisionModule } from './credit-supervision.module';
import { CreditProfileQuery } from './infrastructure/credit-profile.query';
import { CreditListEntryOrmEntity, CreditListEventOrmEntity } from './infrastructure/credit-lists.orm-entities';
import { CreditInformationOrmEntity } from './infrastructure/credit.orm-entities';
import { CreditTimerScheduler } from './infrastructure/credit-timer.scheduler';

/**
 * Registration's events (envelopes built with the contracts, as registration's outbox relay publishes them)
 * arrive over Kafka on real MySQL/MariaDB: annual report submitted / reviewed, change, revocation,
 * deregistration and supervision converted to guidance become credit information and list decisions.
 */
describe('credit supervision consumes registration facts (MySQL + Kafka)', () => {
  const db = testMysqlConfig('credit_reg');
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('credit-reg-int') });
  const clock = new MovableClock(new Date('2026-06-01T00:00:00.000Z'));
  const groupId = uniqueName('credit-reg-int-group');
  let app: INestApplicationContext;
  let scheduler: CreditTimerScheduler;
  let profiles: CreditProfileQuery;
  let ds: DataSource;

  const serialBase = Math.floor(Math.random() * 800_000_000);
  let serial = 0;
  const runTag = `第${serialBase}号`;
  const at = (iso: string) => clock.set(new Date(iso));

  async function send<T extends object>(contract: { type: string; topic: string; version: number }, subject: string, data: T): Promise<CloudEvent<T>> {
    const event = buildCloudEvent('registration', dataschemaOf(contract), { type: contract.type, subject, data }, clock.now());
    await redeliver(contract, event);
    return event;
  }
  async function redeliver(contract: { topic: string }, event: CloudEvent<object>): Promise<void> {
    await transport.publish([{ topic: contract.topic, key: event.subject, value: JSON.stringify(event) }]);
  }

  async function register(baseName: string): Promise<string> {
    const uscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + ++serial);
    await send<OrganizationRegisteredV1>(OrganizationRegistered, uscc, {
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
    await waitFor(() => profiles.byUscc(uscc).catch(() => undefined), 60000, `organization ${uscc} projected`);
    return uscc;
  }

  const info = (sourceEventId: string) => waitFor(() => ds.getRepository(CreditInformationOrmEntity).findOneBy({ sourceEventId }).then((r) => r ?? undefined), 30000, `information from ${sourceEventId}`);
  async function entries(uscc: string): Promise<ListEntry[]> {
    const rows = await ds.getRepository(CreditListEntryOrmEntity).find({ where: { uscc } });
    return rows.map((r) => JSON.parse(r.document) as ListEntry).sort((a, b) => (a.listedAt < b.listedAt ? -1 : 1));
  }
  async function snapshot(uscc: string) {
    const [outbox, log, information, list] = await Promise.all([
      ds.getRepository(OutboxMessageOrmEntity).count({ where: { messageKey: uscc } }),
      ds.getRepository(CreditListEventOrmEntity).count({ where: { uscc } }),
      ds.getRepository(CreditInformationOrmEntity).count({ where: { uscc } }),
      entries(uscc),
    ]);
    return { outbox, log, information, list };
  }
  async function outboxTypes(uscc: string): Promise<string[]> {
    const rows = await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: uscc }, order: { id: 'ASC' } });
    return rows.map((r) => r.eventType);
  }

  beforeAll(async () => {
    await transport.ensureTopics([...allTopicSpecs(), { topic: `${groupId}.dlq`, partitions: 1 }]);
    const moduleRef = await Test.createTestingModule({
      imports: [CreditSupervisionModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: groupId, timerIntervalMs: 0 })],
    }).compile();
    app = await moduleRef.init();
    scheduler = app.get(CreditTimerScheduler);
    profiles = app.get(CreditProfileQuery);
    ds = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  it('overdue → abnormal → report submitted → rectification recorded → 6-month removal; a duplicate delivery changes nothing', async () => {
    at('2026-06-01T00:00:00.000Z');
    const uscc = await register('北京市海淀区己社区服务中心');
    const overdue = await send<AnnualReportOverdueV1>(AnnualReportOverdue, uscc, {
      uscc,
      registeringAuthority: '110108',
      reportYear: 2025,
      dueDate: '2026-05-31',
      detectedAt: '2026-06-01T00:00:00.000Z',
      ruleVersion: 'annual-report/national@v1',
    });
    const [listed] = await waitFor(async () => ((await entries(uscc)).length ? entries(uscc) : undefined), 30000, 'abnormal entry');
    expect(listed).toMatchObject({ list: 'ABNORMAL', reason: 'ANNUAL_REPORT_OVERDUE', evidence: [overdue.id], rectificationRequired: true, rectifiedAt: null });

    at('2026-06-10T00:00:00.000Z');
    const submitted = await send<AnnualReportSubmittedV1>(AnnualReportSubmitted, uscc, {
      uscc,
      registeringAuthority: '110108',
      reportYear: 2025,
      dueDate: '2026-05-31',
      submittedAt: '2026-06-09T08:00:00.000Z',
      late: true,
      ruleVersion: 'annual-report/national@v1',
    });
    const [rectified] = await waitFor(async () => {
      const e = await entries(uscc);
      return e[0]?.rectifiedAt ? e : undefined;
    }, 30000, 'rectification recorded');
    expect(rectified).toMatchObject({ status: 'ACTIVE', rectifiedAt: '2026-06-09T08:00:00.000Z', evidence: [overdue.id, submitted.id] });
    expect(await info(submitted.id)).toMatchObject({ category: 'ANNUAL_REPORT', factType: 'ANNUAL_REPORT_SUBMITTED', captureDeadline: new Date('2026-06-16T23:59:59.999Z') });
    const logged = await ds.getRepository(CreditListEventOrmEntity).find({ where: { uscc }, order: { id: 'ASC' } });
    expect(logged.map((l) => [l.kind, l.ruleVersion])).toEqual([
      ['ENTERED', 'credit-lists/order-60@v1'],
      ['RECTIFIED', 'credit-lists/order-60@v1'],
    ]);

    // Redelivery of the same envelope, then a review (same topic and key: consumed after it) — nothing changes but the review's information.
    const before = await snapshot(uscc);
    await redeliver(AnnualReportSubmitted, submitted);
    const review = await send<AnnualReportReviewedV1>(AnnualReportReviewed, uscc, {
      uscc,
      registeringAuthority: '110108',
      reportYear: 2025,
      outcome: 'FAIL',
      reviewedAt: '2026-06-10T00:00:00.000Z',
      ruleVersion: 'annual-report/national@v1',
    });
    expect(await info(review.id)).toMatchObject({ category: 'INSPECTION', factType: 'ANNUAL_REPORT_REVIEW_FAILED' });
    expect(await snapshot(uscc)).toEqual({ ...before, information: before.information + 1 });

    at('2026-12-02T00:00:00.000Z');
    await scheduler.runDueTimers(clock.now());
    expect((await entries(uscc))[0]).toMatchObject({ status: 'EXITED', exitReason: 'AUTO_AFTER_6_MONTHS', exitedAt: '2026-12-01T00:00:00.000Z' });
    expect(await outboxTypes(uscc)).toEqual([
      'credit.list.entered',
      'credit.joint-measures.changed',
      'credit.list.rectification-recorded',
      'credit.list.exited',
      'credit.joint-measures.changed',
    ]);
    expect((await profiles.byUscc(uscc)).information.map((i) => i.factType)).toEqual(['REGISTERED', 'ANNUAL_REPORT_OVERDUE', 'ANNUAL_REPORT_SUBMITTED', 'ANNUAL_REPORT_REVIEW_FAILED']);
  });

  it('change → the projection follows; revoked → serious list (trigger 7) once; deregistered → removed, status DEREGISTERED', async () => {
    at('2027-01-04T00:00:00.000Z');
    const uscc = await register('北京市海淀区庚社区服务中心');
    const newName = `北京市海淀区辛社区服务中心${runTag}`;
    const changed = await send<OrganizationChangedV1>(OrganizationChanged, uscc, {
      uscc,
      registeringAuthority: '110108',
      changes: [
        { field: 'name', from: `北京市海淀区庚社区服务中心${runTag}`, to: newName },
        { field: 'domicile', from: '北京市海淀区', to: '北京市海淀区中关村' },
      ],
      effectiveAt: '2027-01-03T00:00:00.000Z',
    });
    await info(changed.id);
    expect(await profiles.byUscc(uscc)).toMatchObject({ name: newName, domicile: '北京市海淀区中关村', nameEffectiveFrom: '2027-01-03T00:00:00.000Z' });
    expect((await profiles.search(newName, 10)).items.map((i) => i.uscc)).toEqual([uscc]);

    at('2027-02-01T00:00:00.000Z');
    const revoked = await send<OrganizationRevokedV1>(OrganizationRevoked, uscc, {
      uscc,
      registeringAuthority: '110108',
      reason: '连续两年未参加年度检查',
      legalBasis: '民办非企业单位登记管理暂行条例 第二十五条',
      revokedAt: '2027-01-29T00:00:00.000Z',
    });
    const [serious] = await waitFor(async () => ((await entries(uscc)).length ? entries(uscc) : undefined), 30000, 'serious entry');
    expect(serious).toMatchObject({ list: 'SERIOUS', reason: 'REGISTRATION_REVOKED', evidence: [revoked.id], listedAt: '2027-01-29T00:00:00.000Z', status: 'ACTIVE', ruleVersion: 'credit-lists/order-60@v1' });
    expect(await info(revoked.id)).toMatchObject({ category: 'PENALTY', factType: 'REGISTRATION_REVOKED' });
    expect((await profiles.byUscc(uscc)).registrationStatus).toBe('REVOKED');

    // A duplicate delivery and a second revocation fact (another event id): already listed for it → nothing changes.
    const before = await snapshot(uscc);
    await redeliver(OrganizationRevoked, revoked);
    const again = await send<OrganizationRevokedV1>(OrganizationRevoked, uscc, { ...revoked.data, revokedAt: '2027-01-30T00:00:00.000Z' });
    const converted = await send<SupervisionConvertedToGuidanceV1>(SupervisionConvertedToGuidance, uscc, {
      uscc,
      registeringAuthority: '110108',
      unitId: 'unit-1',
      unitName: '北京市海淀区民政局',
      policyVersion: 'registration-regime/110108@v2',
      fromPolicyVersion: 'registration-regime/110108@v1',
      effectiveFrom: '2027-02-01T00:00:00.000Z',
      convertedAt: '2027-02-01T00:00:00.000Z',
    });
    expect(await info(converted.id)).toMatchObject({ category: 'OTHER', factType: 'SUPERVISION_CONVERTED_TO_GUIDANCE' });
    expect(await snapshot(uscc)).toEqual({ ...before, information: before.information + 2 });
    expect(await info(again.id)).toMatchObject({ factType: 'REGISTRATION_REVOKED' });

    at('2027-06-01T00:00:00.000Z');
    const deregistered = await send<OrganizationDeregisteredV1>(OrganizationDeregistered, uscc, {
      uscc,
      registeringAuthority: '110108',
      reason: '清算完毕',
      liquidationCompletedOn: '2027-05-20',
      filedLate: false,
      deregisteredAt: '2027-05-28T00:00:00.000Z',
    });
    const [removed] = await waitFor(async () => {
      const e = await entries(uscc);
      return e[0]?.status === 'EXITED' ? e : undefined;
    }, 30000, 'removed on deregistration');
    expect(removed).toMatchObject({ exitReason: 'DEREGISTERED_AFTER_REVOCATION', exitedAt: '2027-05-28T00:00:00.000Z' });
    await info(deregistered.id);
    const profile = await profiles.byUscc(uscc);
    expect(profile).toMatchObject({ registrationStatus: 'DEREGISTERED', onSeriousList: false, jointMeasures: [] });
    expect(await outboxTypes(uscc)).toEqual(['credit.list.entered', 'credit.joint-measures.changed', 'credit.list.exited', 'credit.joint-measures.changed']);
  });
});
