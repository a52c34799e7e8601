import { randomBytes } from 'node:crypto';
import { startServiceContext } from '@sop/http';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { allTopicSpecs } from '@sop/contracts';
import { KafkaTransport, OutboxMessageOrmEntity, type CloudEvent } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { SystemClock, validateUscc } from '@sop/util';
import { ApplicationDecisions } from './application/applications/application-decisions.use-cases';
import { SubmitApplication } from './application/applications/submit-application.use-case';
import { RegistrationModule } from './registration.module';
import { ApplicationOrmEntity, OrganizationOrmEntity } from './infrastructure/registration.orm-entities';

/** Registration on real MySQL/MariaDB with its relay publishing to real Kafka. */
describe('registration service (MySQL + Kafka)', () => {
  const db = testMysqlConfig('registration');
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('registration-int') });
  let app: INestApplicationContext;
  let submission: SubmitApplication;
  let decisions: ApplicationDecisions;
  let ds: DataSource;

  const haidianRegistrar: Principal = { subject: 'registrar-haidian', roles: ['registrar'], jurisdiction: '110108' };
  const applicant: Principal = { subject: 'applicant-1', roles: ['applicant'], jurisdiction: '110108' };
  const facts = (i: number) => ({
    proposedName: `北京市海淀区第${i}社区服务中心`,
    form: 'SOCIAL_SERVICE_ORGANIZATION' as const,
    category: 'URBAN_RURAL_COMMUNITY_SERVICE' as const,
    registeringAuthority: '110108',
    domicile: '北京市海淀区',
    purpose: '社区服务',
    legalRepresentativeName: '赵六',
    legalRepresentativeIdNumber: '110108198001011237',
    registeredCapitalFen: 1_000_000,
  });

  beforeAll(async () => {
    process.env['REGISTRATION_PII_KEY'] ??= randomBytes(32).toString('base64');
    await transport.ensureTopics(allTopicSpecs());
    app = await startServiceContext([RegistrationModule.register({ db, transport, clock: new SystemClock(), migrateOnStart: true, createDatabase: true })]);
    submission = app.get(SubmitApplication);
    decisions = app.get(ApplicationDecisions);
    ds = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  it('issues unique, valid USCCs under the registering authority when approvals run concurrently', async () => {
    const applications = [];
    for (let i = 0; i < 25; i++) applications.push(await submission.submit(facts(i), applicant));
    const results = await Promise.all(applications.map((a) => decisions.approve(a.snapshot.id, haidianRegistrar)));
    const codes = results.map((r) => r.organization.uscc);
    expect(new Set(codes).size).toBe(25);
    for (const code of codes) {
      expect(validateUscc(code)).toEqual({ valid: true });
      expect(code.slice(0, 8)).toBe('52110108');
    }
    // Gapless: 25 distinct codes took exactly the counter's first 25 serials.
    const [{ next_serial }] = await ds.query("SELECT next_serial FROM uscc_serial WHERE division_code = '110108'");
    expect(Number(next_serial)).toBe(26);
    expect(await ds.getRepository(OrganizationOrmEntity).countBy({ registeringAuthority: '110108' })).toBe(25);
  });

  it('refuses an out-of-jurisdiction registrar and changes nothing', async () => {
    const application = await submission.submit(facts(100), applicant);
    const outboxBefore = await ds.getRepository(OutboxMessageOrmEntity).count();
    const shanghai: Principal = { subject: 'registrar-sh', roles: ['registrar'], jurisdiction: '310000' };
    await expect(decisions.approve(application.snapshot.id, shanghai)).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.APPLICATION_NOT_FOUND' });
    expect(await ds.getRepository(ApplicationOrmEntity).findOneByOrFail({ id: application.snapshot.id })).toMatchObject({ status: 'SUBMITTED', uscc: null });
    expect(await ds.getRepository(OutboxMessageOrmEntity).count()).toBe(outboxBefore);
  });

  it('refuses a name already used under the same registering authority', async () => {
    await submission.submit(facts(200), applicant);
    await expect(submission.submit(facts(200), applicant)).rejects.toMatchObject({ kind: 'CONFLICT', code: 'REGISTRATION.NAME_TAKEN' });
  });

  it('commits each decision with its events and the relay publishes them with the policy version', async () => {
    const application = await submission.submit(facts(300), applicant);
    const { organization } = await decisions.approve(application.snapshot.id, haidianRegistrar);
    const rows = await waitFor(async () => {
      const found = await ds.getRepository(OutboxMessageOrmEntity).findBy({ messageKey: organization.uscc, eventType: 'registration.organization.registered' });
      return found.length === 1 && found[0].publishedAt ? found : undefined;
    }, 20000, 'OrganizationRegistered published');
    // With it, in the same transaction, the Party-organization record made at registration (regulations §5.1 (2)).
    expect((await ds.getRepository(OutboxMessageOrmEntity).findBy({ messageKey: organization.uscc })).map((r) => r.eventType).sort()).toEqual([
      'registration.organization.registered',
      'registration.party-organization.recorded',
    ]);
    const event = JSON.parse(rows[0].envelope) as CloudEvent<{ uscc: string }>;
    expect(event).toMatchObject({
      type: 'registration.organization.registered',
      subject: organization.uscc,
      source: 'registration',
      policyversion: 'registration-regime/national-default@v1',
      data: { uscc: organization.uscc },
    });
    expect(event.sequence).toBeDefined();
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
