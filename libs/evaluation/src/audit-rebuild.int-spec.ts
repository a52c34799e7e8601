import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { DataSource } from 'typeorm';
import { signAccessToken, type Principal } from '@sop/auth';
import { allTopicSpecs, AUDIT_REBUILDERS, OrganizationRegistered, type OrganizationRegisteredV1 } from '@sop/contracts';
import { createHttpApp, SERVICE_RUNTIME, startServices } from '@sop/http';
import { buildCloudEvent, checkpointSignatureValid, dataschemaOf, EventChain, KafkaTransport, readTopicsToEnd, runAuditRebuild, type PublishedKey, type RebuildReport, type ServiceRuntime } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, civilDateOf, MovableClock } from '@sop/util';
import { AdjustGrade } from './application/grades/adjust-grade.use-case';
import { AwardGrade } from './application/grades/award-grade.use-case';
import { EvaluationModule } from './evaluation.module';
import { EvaluationOrganizationOrmEntity } from './infrastructure/evaluation.orm-entities';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';
import { insertBeijingTestRuleSet } from './test-support/test-rule-set.fixture';

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const AUTH = { publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: 'int-issuer', audience: 'social-org-platform' };
const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const auditorToken = signAccessToken({ subject: 'auditor-1', roles: ['auditor'], jurisdiction: '110000' }, privateKeyPem, AUTH.issuer, AUTH.audience);

/**
 * The auditor's rebuild (issue 13 item 7): grades decided through the evaluation service go out through its outbox to
 * Kafka; `audit:verify --rebuild grades` reads evaluation's grade topic from the beginning, folds the grade events per
 * organization and compares with the service's answers over HTTP (GET /organizations/{uscc}/grades and /{uscc}).
 */
describe('auditor rebuild of the grades from the topics (MariaDB + Kafka + HTTP)', () => {
  const db = testMysqlConfig('evaluation_rebuild');
  const brokers = testKafkaBrokers();
  const transport = new KafkaTransport({ brokers, clientId: uniqueName('evaluation-rebuild') });
  const clock = new MovableClock(new Date('2026-06-01T00:00:00.000Z'));
  const evaluator: Principal = { subject: 'evaluator-beijing', roles: ['evaluator'], jurisdiction: '110000' };
  const committee = { members: 9, present: 7, inFavour: 6 };
  const producers = EventChain.detached();
  const serialBase = Math.floor(Math.random() * 800_000_000);
  let serial = 0;
  let app: INestApplication;
  let ds: DataSource;
  let base: string;

  async function register(name: string): Promise<string> {
    const uscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + ++serial);
    const data = organizationRegisteredData({ uscc, name: `${name}第${serialBase}号` });
    const event = producers.next(buildCloudEvent<OrganizationRegisteredV1>('registration', dataschemaOf(OrganizationRegistered), { type: OrganizationRegistered.type, subject: uscc, data }, clock.now()));
    await transport.publish([{ topic: OrganizationRegistered.topic, key: uscc, value: JSON.stringify(event) }]);
    await waitFor(() => ds.getRepository(EvaluationOrganizationOrmEntity).findOneBy({ uscc }).then((r) => r ?? undefined), 60000, `organization ${uscc} projected`);
    return uscc;
  }

  async function rebuild(subjects: string[]): Promise<{ status: number; report: RebuildReport }> {
    const out: string[] = [];
    const err: string[] = [];
    const argv = ['--rebuild', 'grades', '--compare', base, '--token', auditorToken, '--subjects', subjects.join(','), '--brokers', brokers.join(','), '--as-of', civilDateOf(clock.now()), '--json'];
    const status = await runAuditRebuild(argv, { rebuilders: AUDIT_REBUILDERS, out: (l) => out.push(l), err: (l) => err.push(l) });
    if (status === 2) throw new Error(err.join('\n'));
    return { status, report: JSON.parse(out.join('\n')) as RebuildReport };
  }

  beforeAll(async () => {
    await transport.ensureTopics(allTopicSpecs());
    app = await createHttpApp([EvaluationModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: uniqueName('evaluation-rebuild-group'), schedulerIntervalMs: 0 })], AUTH, []);
    await startServices(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    ds = app.get(DataSource, { strict: false });
    await insertBeijingTestRuleSet(ds);
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  it('rebuilds every grade and the current grade of each organization from the events, equal to the service; a changed row shows', async () => {
    const awardGrade = app.get(AwardGrade);
    const adjustGrade = app.get(AdjustGrade);
    const [reEvaluated, lowered, cancelled, single] = [await register('甲中心'), await register('乙中心'), await register('丙中心'), await register('丁中心')];
    // Re-evaluation within validity: 4A superseded by 5A (2026 measures).
    const first = await awardGrade.execute({ uscc: reEvaluated, score: 912, announcedAt: '2026-05-20T02:00:00.000Z', committee }, evaluator);
    await awardGrade.execute({ uscc: reEvaluated, score: 955, announcedAt: '2026-05-28T02:00:00.000Z', committee }, evaluator);
    // Lowered 4A → 2A, then another award cancelled; a plain 3A.
    const toLower = await awardGrade.execute({ uscc: lowered, score: 930, announcedAt: '2026-05-21T00:00:00.000Z', committee }, evaluator);
    await adjustGrade.execute(toLower.gradeId, { newGrade: '2A', reason: 'ADMINISTRATIVE_PENALTY', explanation: '行政处罚' }, evaluator);
    const toCancel = await awardGrade.execute({ uscc: cancelled, score: 880, announcedAt: '2026-05-22T00:00:00.000Z', committee }, evaluator);
    await adjustGrade.execute(toCancel.gradeId, { reason: 'SERIOUS_LIST', explanation: '撤销等级' }, evaluator);
    await awardGrade.execute({ uscc: single, score: 820, announcedAt: '2026-05-23T00:00:00.000Z', committee }, evaluator);
    await waitFor(async () => (await unpublished()) === 0, 60000, 'the outbox published');

    const subjects = [reEvaluated, lowered, cancelled, single];
    const { status, report } = await rebuild(subjects);
    expect(report.differences).toEqual([]);
    expect([status, report.compared, report.equal]).toEqual([0, 4, 4]);

    // The service's state changed behind the events' back (a grade row edited): the rebuild no longer agrees.
    await ds.query('UPDATE evaluation_grade SET grade = ? WHERE grade_id = ?', ['1A', first.gradeId]);
    const after = await rebuild(subjects);
    expect(after.status).toBe(1);
    expect(after.report.differences).toEqual([{ subject: reEvaluated, differences: [expect.stringMatching(new RegExp(`^grade ${first.gradeId}\\.grade: rebuilt "4A", service "1A"`))] }]);
  });

  it('serves its checkpoint keys publicly (GET /audit/keys) and publishes the key and the signed checkpoint after the events it covers', async () => {
    const runtime = app.get<ServiceRuntime>(SERVICE_RUNTIME, { strict: false });
    const checkpoint = await runtime.checkpoints!.tick(true);
    expect(checkpoint).toMatchObject({ producer: 'evaluation', algorithm: 'Ed25519', kid: runtime.checkpoints!.kid });
    const res = await fetch(`${base}/audit/keys`); // no token
    expect(res.status).toBe(200);
    const served = (await res.json()) as { producer: string; keys: PublishedKey[] };
    expect(served).toEqual({ producer: 'evaluation', keys: [{ kid: checkpoint!.kid, algorithm: 'Ed25519', publicKeyPem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/), validFrom: expect.any(String), validUntil: null }] });
    expect(checkpointSignatureValid(checkpoint!, served.keys[0].publicKeyPem)).toBe(true);
    await waitFor(async () => (await unpublished()) === 0, 60000, 'the checkpoint published');
    const { events } = await readTopicsToEnd(brokers, ['evaluation.audit.v1']);
    const mine = events.filter((e) => (e.data as { kid?: string }).kid === checkpoint!.kid);
    expect(mine.map((e) => e.type)).toEqual(['evaluation.audit.key-published', 'evaluation.audit.checkpoint']);
    expect(mine[0].data).toMatchObject({ producer: 'evaluation', publicKeyPem: served.keys[0].publicKeyPem, validFrom: served.keys[0].validFrom });
    expect(mine[1].data).toEqual(checkpoint);
    // Chained right after the events it covers (the key event between them).
    expect(BigInt(mine[1].sequence!)).toBe(BigInt(checkpoint!.sequence) + 2n);
  });

  async function unpublished(): Promise<number> {
    const [row] = await ds.query('SELECT COUNT(*) AS n FROM outbox_message WHERE published_at IS NULL');
    return Number(row.n);
  }
});
