import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { signAccessToken, type Role } from '@sop/auth';
import { ALL_EVENT_CONTRACTS, OrganizationRegistered, type OrganizationRegisteredV1 } from '@sop/contracts';
import { EventChain, type CloudEvent } from '@sop/messaging';
import { testDatabaseName, testKafkaBrokers, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, validateUscc } from '@sop/util';
import { KafkaProbe } from './support/kafka-probe';
import { ServiceProcess } from './support/service-process';

/**
 * The walking skeleton end to end: four services as four processes, Kafka and MySQL real.
 * registration approves → OrganizationRegistered via outbox + relay → credit, evaluation, purchasing project it.
 */
const ROOT = resolve(__dirname, '../../..');
const ISSUER = 'e2e-issuer';
const AUDIENCE = 'social-org-platform';
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const token = (roles: Role[], jurisdiction: string, subject = `e2e-${roles[0]}`) =>
  signAccessToken({ subject, roles, jurisdiction }, privateKeyPem, ISSUER, AUDIENCE);

const brokers = testKafkaBrokers();
const dbNames = {
  registration: testDatabaseName('e2e_registration'),
  'credit-supervision': testDatabaseName('e2e_credit'),
  evaluation: testDatabaseName('e2e_evaluation'),
  'service-purchasing': testDatabaseName('e2e_purchasing'),
};
const basePort = Number(process.env['E2E_BASE_PORT'] ?? 3301);
const commonEnv = {
  KAFKA_BROKERS: brokers.join(','),
  DB_TYPE: 'mysql',
  DB_HOST: process.env['TEST_DB_HOST']!,
  DB_PORT: process.env['TEST_DB_PORT'] ?? '3306',
  DB_USER: process.env['TEST_DB_USER'] ?? 'root',
  DB_PASSWORD: process.env['TEST_DB_PASSWORD'] ?? '',
  AUTH_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  AUTH_ISSUER: ISSUER,
  AUTH_AUDIENCE: AUDIENCE,
  // Distributed mode refuses development keys (issue 10): registration gets a real personal-data key.
  REGISTRATION_PII_KEYS: `e2e:${randomBytes(32).toString('base64')}`,
  // …and service purchasing a sealed-bid master key.
  PURCHASING_BID_KEY: randomBytes(32).toString('base64'),
  // …and every service a checkpoint signing key (issue 13 item 5).
  MESSAGING_CHECKPOINT_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};
const services = Object.fromEntries(
  (Object.keys(dbNames) as (keyof typeof dbNames)[]).map((app, i) => [app, new ServiceProcess(app, basePort + i, { ...commonEnv, DB_NAME: dbNames[app] })]),
) as Record<keyof typeof dbNames, ServiceProcess>;

const probe = new KafkaProbe(brokers);

/** A service's chain audit report (stdout), whether or not the audit found a problem (exit status 1). */
function auditOutput(app: string): string {
  const run = spawnSync(process.execPath, [resolve(ROOT, 'tools/runtime/run.js'), app, 'audit-chain'], {
    env: { ...process.env, ...commonEnv, LOG_LEVEL: 'error' },
    encoding: 'utf8',
  });
  if (!run.stdout.includes('{')) throw new Error(`audit-chain ${app} printed no report (status ${run.status}): ${run.stderr}`);
  return run.stdout;
}
let creditDb: mysql.Connection;

async function http(method: string, url: string, bearer?: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}

const syntheticChain = EventChain.detached();

function syntheticRegistered(uscc: string, name: string, registeredAt = new Date().toISOString()): { key: string; value: string; id: string } {
  const data: OrganizationRegisteredV1 = {
    uscc,
    applicationId: randomUUID(),
    name,
    form: 'SOCIAL_GROUP',
    category: 'SCIENCE_TECHNOLOGY',
    registeringAuthority: uscc.slice(2, 8),
    domicile: '新疆乌鲁木齐市天山区',
    purpose: 'e2e load',
    legalRepresentativeName: '测试',
    registeredCapitalFen: 3_000_000,
    regime: 'DIRECT',
    policyVersion: 'registration-regime/national-default@v1',
    registeredAt,
  };
  const id = randomUUID();
  const envelope = {
    specversion: '1.0',
    id,
    source: 'registration',
    type: OrganizationRegistered.type,
    time: new Date().toISOString(),
    subject: uscc,
    datacontenttype: 'application/json',
    dataschema: `urn:sop:event:${OrganizationRegistered.type}:v1`,
    data,
  };
  // Chained as registration's relay would (consumers refuse unchained events), on a chain of its own far above the
  // real relay's sequence numbers: the chain audit does not find these on registration's chain.
  return { key: uscc, value: JSON.stringify(syntheticChain.next(envelope as CloudEvent)), id };
}

beforeAll(async () => {
  // The provisioning step, exactly as production runs it: topics are created explicitly, auto-creation is off.
  execFileSync(process.execPath, [resolve(ROOT, 'tools/runtime/run.js'), 'registration', 'provision-topics'], {
    env: { ...process.env, ...commonEnv, LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  const t0 = Date.now();
  await Promise.all(Object.values(services).map((s) => s.start()));
  console.log(`[e2e] four services ready as separate processes in ${Date.now() - t0} ms`);
  creditDb = await mysql.createConnection({
    host: commonEnv.DB_HOST,
    port: Number(commonEnv.DB_PORT),
    user: commonEnv.DB_USER,
    password: commonEnv.DB_PASSWORD,
    database: dbNames['credit-supervision'],
  });
});

afterAll(async () => {
  await Promise.all(Object.values(services).map((s) => s.stop()));
  await probe.close();
  await creditDb?.end();
  const admin = await mysql.createConnection({ host: commonEnv.DB_HOST, port: Number(commonEnv.DB_PORT), user: commonEnv.DB_USER, password: commonEnv.DB_PASSWORD });
  for (const db of Object.values(dbNames)) await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
  await admin.end();
});

describe('walking skeleton over Kafka and MySQL, four processes', () => {
  // A registering authority of its own per run: integration suites sharing the broker issue codes under 110108
  // from fresh databases too, and USCCs are unique only per registration database.
  const authority = `1101${String(20 + Math.floor(Math.random() * 80))}`;
  const registrar = token(['registrar'], '110000', 'registrar-beijing');
  const applicant = token(['applicant'], authority, 'applicant-1');
  let uscc: string;
  let applicationId: string;

  it('registers an organization directly and every other service learns of it', async () => {
    const reg = services.registration.baseUrl;
    const submitted = await http('POST', `${reg}/applications`, applicant, {
      proposedName: '北京市海淀区科技志愿者协会',
      form: 'SOCIAL_GROUP',
      category: 'SCIENCE_TECHNOLOGY',
      registeringAuthority: authority,
      domicile: '北京市海淀区中关村南大街5号',
      purpose: '组织科技志愿服务',
      legalRepresentativeName: '李四',
      legalRepresentativeIdNumber: '110108198001011237',
      registeredCapitalFen: 3_000_000,
      individualMembers: 50,
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', regime: 'DIRECT', policyVersion: 'registration-regime/national-default@v1' });
    applicationId = submitted.body.id;

    const approved = await http('POST', `${reg}/applications/${applicationId}/approve`, registrar);
    const approvedAt = Date.now();
    expect(approved.status).toBe(200);
    uscc = approved.body.organization.uscc;
    expect(validateUscc(uscc)).toEqual({ valid: true });
    expect(uscc.slice(0, 8)).toBe(`51${authority}`); // civil affairs, social group, this registering authority

    const seen = async (url: string, bearer?: string) => {
      await waitFor(async () => (await http('GET', url, bearer)).status === 200, 20000, url);
      return Date.now() - approvedAt;
    };
    const [creditMs, evaluationMs, purchasingMs] = await Promise.all([
      seen(`${services['credit-supervision'].baseUrl}/profiles/${uscc}`),
      seen(`${services.evaluation.baseUrl}/organizations/${uscc}`, token(['evaluator'], '110000')),
      seen(`${services['service-purchasing'].baseUrl}/suppliers/${uscc}`, token(['purchaser'], '100000')),
    ]);
    console.log(`[e2e] approval → visible: credit ${creditMs} ms, evaluation ${evaluationMs} ms, purchasing ${purchasingMs} ms`);

    const profile = await http('GET', `${services['credit-supervision'].baseUrl}/profiles/${uscc}`);
    expect(profile.body).toMatchObject({ uscc, name: '北京市海淀区科技志愿者协会', registrationStatus: 'REGISTERED' });
    expect(JSON.stringify(profile.body)).not.toContain('李四'); // no personal data in the public credit profile
  });

  it('answers an out-of-jurisdiction registrar as if the application did not exist (404) and changes nothing', async () => {
    const reg = services.registration.baseUrl;
    const other = await http('POST', `${reg}/applications`, applicant, {
      proposedName: '北京市海淀区公益慈善促进会',
      form: 'SOCIAL_GROUP',
      category: 'PUBLIC_INTEREST_CHARITY',
      registeringAuthority: authority,
      domicile: '北京市海淀区',
      purpose: '慈善',
      legalRepresentativeName: '王五',
      legalRepresentativeIdNumber: '11010519491231002X',
      registeredCapitalFen: 3_000_000,
      individualMembers: 50,
    });
    const res = await http('POST', `${reg}/applications/${other.body.id}/approve`, token(['registrar'], '440000', 'registrar-guangdong'));
    expect(res.status).toBe(404);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.code).toBe('REGISTRATION.APPLICATION_NOT_FOUND');
    const after = await http('GET', `${reg}/applications/${other.body.id}`, registrar);
    expect(after.body).toMatchObject({ status: 'SUBMITTED', uscc: null });
  });

  it('serves the public credit profile without a token and validates every USCC the same way', async () => {
    const credit = services['credit-supervision'].baseUrl;
    const cases: [string, string][] = [
      ['51110108MJ00000', 'USCC.LENGTH'],
      ['51110108MJ0000O18M', 'USCC.ALPHABET'],
      ['5111A108MJ0000018M', 'USCC.DIVISION_CODE'],
      [uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0'), 'USCC.CHECK_CHARACTER'],
    ];
    for (const [bad, check] of cases) {
      const res = await http('GET', `${credit}/profiles/${bad}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: check, errors: [expect.objectContaining({ field: 'uscc', rule: check })] });
    }
    const unknown = await http('GET', `${credit}/profiles/${buildCivilAffairsUscc('FOUNDATION', '310000', 777)}`);
    expect(unknown.status).toBe(404);
    const registration = await http('GET', `${services.registration.baseUrl}/organizations/51110108MJ0000O18M`);
    expect(registration.status).toBe(400);
  });

  it('applies a duplicate delivery once', async () => {
    // Match on the application id, unique to this run (a reused broker may hold older events for the same USCC).
    const original = await probe.find(OrganizationRegistered.topic, (m) => {
      if (m.key !== uscc || !m.value) return false;
      try {
        return JSON.parse(m.value.toString()).data?.applicationId === applicationId;
      } catch {
        return false;
      }
    });
    await probe.produce(OrganizationRegistered.topic, [
      { key: uscc, value: original.value! },
      { key: uscc, value: original.value! },
    ]);
    // A later, distinct event on the same key: once it is applied, the duplicates before it were handled too.
    const marker = syntheticRegistered(uscc, '北京市海淀区科技志愿者协会');
    await probe.produce(OrganizationRegistered.topic, [{ key: marker.key, value: marker.value }]);
    await waitFor(async () => {
      const [rows] = await creditDb.query('SELECT COUNT(*) AS n FROM credit_information WHERE source_event_id = ?', [marker.id]);
      return Number((rows as { n: number }[])[0].n) === 1;
    }, 20000, 'marker applied');
    const profile = await http('GET', `${services['credit-supervision'].baseUrl}/profiles/${uscc}`);
    expect(profile.body.information).toHaveLength(2); // the original and the marker; the two duplicates added nothing
  });

  it('dead-letters a poison message with its reason and still processes the next message', async () => {
    const poisonKey = buildCivilAffairsUscc('SOCIAL_GROUP', '650102', 900_000 + Math.floor(Math.random() * 1000));
    const garbage = Buffer.from(`not json ${randomUUID()}`);
    await probe.produce(OrganizationRegistered.topic, [{ key: poisonKey, value: garbage }]);
    const next = syntheticRegistered(poisonKey, '乌鲁木齐市天山区社区服务协会');
    await probe.produce(OrganizationRegistered.topic, [{ key: next.key, value: next.value }]);

    await waitFor(async () => (await http('GET', `${services['credit-supervision'].baseUrl}/profiles/${poisonKey}`)).status === 200, 20000, 'next message applied');
    const dead = await probe.find('credit-supervision.dlq', (m) => m.value?.equals(garbage) ?? false);
    expect(dead.headers).toMatchObject({
      'dlq-reason': 'UNDECODABLE',
      'dlq-consumer-group': 'credit-supervision',
      'dlq-source-topic': OrganizationRegistered.topic,
    });
  });

  it('serves operators’ metrics and terminus readiness from every process', async () => {
    for (const service of Object.values(services)) {
      const res = await fetch(`${service.baseUrl}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('# TYPE sop_http_request_duration_seconds histogram');
      expect(text).toMatch(/sop_outbox_backlog_events\{service="[a-z-]+"\} \d+/);
      const ready = await fetch(`${service.baseUrl}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, broker: { status: 'up' }, relay: { status: 'up' } } });
      // The event API on every service (issue 13 item 4): every contract a message.
      const asyncApi = (await (await fetch(`${service.baseUrl}/asyncapi.json`)).json()) as { asyncapi: string; components: { messages: object } };
      expect(asyncApi.asyncapi).toBe('3.0.0');
      expect(Object.keys(asyncApi.components.messages)).toHaveLength(ALL_EVENT_CONTRACTS.length);
    }
    // The command audit log on MySQL (issue 13 item 8): the registrations of the first test, as an auditor reads them.
    const auditor = token(['auditor'], '100000', 'auditor-e2e');
    const audit = (await (await fetch(`${services.registration.baseUrl}/audit/commands?subject=registrar-beijing`, { headers: { authorization: `Bearer ${auditor}` } })).json()) as {
      items: { route: string; status: number; outcome: string; roles: string[] }[];
    };
    expect(audit.items.length).toBeGreaterThan(0);
    expect(audit.items[0]).toMatchObject({ roles: ['registrar'], outcome: expect.stringMatching(/SUCCEEDED|REFUSED/) });
    expect(audit.items.some((e) => e.route.includes('/applications') && e.status < 300)).toBe(true);
    const credit = await (await fetch(`${services['credit-supervision'].baseUrl}/metrics`)).text();
    // The poison message of the previous test, counted by reason; the lag of credit's group per partition.
    expect(credit).toMatch(/sop_consumer_dead_lettered_total\{service="credit-supervision",group="credit-supervision",reason="UNDECODABLE"\} [1-9]/);
    expect(credit).toMatch(/sop_consumer_lag_events\{service="credit-supervision",group="credit-supervision",topic="registration.organization.v1",partition="\d+"\} \d+/);
  });

  it("lets an auditor verify registration's published hash chain from the broker", async () => {
    // The audit exits with status 1 when it fails, as it must here (see below); its report is on stdout either way.
    const run = spawnSync(process.execPath, [resolve(ROOT, 'tools/runtime/run.js'), 'registration', 'audit-chain'], {
      env: { ...process.env, ...commonEnv, LOG_LEVEL: 'error' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const output = run.stdout;
    const report = JSON.parse(output.slice(output.indexOf('{')));
    console.log(`[e2e] chain audit: ${report.read} events read, segments ${JSON.stringify(report.segments)}, unchained ${report.unchained}`);
    // This run's relay history: two ApplicationSubmitted and one OrganizationRegistered, chained from genesis.
    expect(report.segments.some((s: { events: number; ok: boolean }) => s.ok && s.events >= 3)).toBe(true);
    // The events this suite forged with source "registration" (chained on a chain of their own) are not on
    // registration's chain, and the audit fails on them (as on events without chain fields, which earlier runs left).
    expect(report.segments.some((s: { ok: boolean; problem?: string }) => !s.ok && /not linked to any chain from genesis/.test(s.problem ?? ''))).toBe(true);
    expect(report.ok).toBe(false);
  });

  it('grades and purchases flow into the credit profile; a serious listing bars purchasing and evaluation through joint measures', async () => {
    const credit = services['credit-supervision'].baseUrl;
    const evaluation = services.evaluation.baseUrl;
    const purchasing = services['service-purchasing'].baseUrl;
    // Registered four years ago (evaluation needs 2 full years, Order 39 Art. 6) in Huaining county (340822): grade
    // cut-offs are local (regulations §6), and Huaining's are a seeded local rule set. Random serials per run.
    const gradingAuthority = '340822';
    const serial = 500_000 + Math.floor(Math.random() * 400_000);
    const [graded, other] = [0, 1].map((i) => buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', gradingAuthority, serial + i));
    const fourYearsAgo = new Date(Date.now() - 4 * 366 * 86_400_000).toISOString();
    for (const [uscc, name] of [
      [graded, '怀宁县e2e社区服务中心'],
      [other, '怀宁县e2e养老服务中心'],
    ]) {
      const registered = syntheticRegistered(uscc, name, fourYearsAgo);
      await probe.produce(OrganizationRegistered.topic, [{ key: registered.key, value: registered.value }]);
    }
    const evaluator = token(['evaluator'], gradingAuthority, 'evaluator-e2e');
    // A user of a registered purchasing organ (Order 102 Art. 5): contracts are signed for the token's unit_id.
    const organUnit = `unit-haidian-mca-e2e-${serial}`;
    const purchaser = signAccessToken({ subject: 'purchaser-e2e', roles: ['purchaser'], jurisdiction: '110000', unitId: organUnit }, privateKeyPem, ISSUER, AUDIENCE);
    const officer = token(['credit-officer'], gradingAuthority, 'officer-e2e');
    for (const uscc of [graded, other]) {
      await waitFor(async () => (await http('GET', `${evaluation}/organizations/${uscc}`, evaluator)).status === 200, 20000, `evaluation knows ${uscc}`);
      await waitFor(async () => (await http('GET', `${purchasing}/suppliers/${uscc}`, purchaser)).status === 200, 20000, `purchasing knows ${uscc}`);
    }

    // Evaluation: a 4A grade (committee of 9, 7 present, 6 in favour) announced 1 December 2025, under Order 39
    // (5 years from the announcement, so in force today) → credit profile and purchasing priority (3A+).
    const award = await http('POST', `${evaluation}/grades`, evaluator, { uscc: graded, score: 921, announcedAt: '2025-12-01T02:00:00.000Z', committee: { members: 9, present: 7, inFavour: 6 } });
    expect(award.status).toBe(201);
    expect(award.body).toMatchObject({ grade: '4A', validFrom: '2025-12-01', validUntil: '2030-11-30', ruleVersion: expect.stringContaining('order-39'), localRuleVersion: 'evaluation/340822@v1' });
    const profileGrades = await waitFor(async () => {
      const p = await http('GET', `${credit}/profiles/${graded}`);
      return p.body?.grades?.length ? p.body.grades : undefined;
    }, 20000, 'grade in the credit profile');
    expect(profileGrades[0]).toMatchObject({ grade: '4A', status: 'IN_FORCE', validFrom: '2025-12-01', validUntil: '2030-11-30' });
    const prioritised = await waitFor(async () => {
      const res = await http('GET', `${purchasing}/suppliers/${graded}`, purchaser);
      return res.body?.priorityReasons?.some((r: { code: string }) => r.code === 'GRADE_3A_OR_ABOVE') ? res.body : undefined;
    }, 20000, 'purchasing sees the 3A+ grade');
    expect(prioritised.gradeInForce).toMatchObject({ grade: '4A' });

    // Purchasing: the organ registered by a Beijing finance officer, then a one-year contract with the other
    // organization → credit's government purchases.
    const organ = await http('POST', `${purchasing}/organs`, token(['finance-officer'], '110000', 'finance-e2e'), { unitId: organUnit, name: '北京市海淀区民政局', kind: 'STATE_ORGAN', jurisdiction: '110108' });
    expect(organ.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const contract = await http('POST', `${purchasing}/contracts`, purchaser, {
      supplierUscc: other,
      purchaser: '北京市海淀区民政局',
      title: '社区居家养老服务',
      method: 'COMPETITIVE_CONSULTATION',
      valueFen: 36_000_000,
      termStart: today,
      termEnd: new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10),
      signedAt: new Date().toISOString(),
    });
    expect(contract.status).toBe(201);
    await waitFor(async () => (await http('GET', `${credit}/profiles/${other}`)).body?.governmentPurchases?.length === 1, 20000, 'purchase in the credit profile');

    // Credit: a fine of 60,000 yuan (≥ 50,000: serious list, §5.2 (4)) → joint measures → both services enforce them.
    const fine = await http('POST', `${credit}/penalties`, officer, { uscc: graded, kind: 'FINE', amountFen: 6_000_000, decidedAt: new Date().toISOString(), decidingBody: '北京市民政局', basis: '《社会团体登记管理条例》第三十条' });
    expect(fine.status).toBe(201);
    await waitFor(async () => (await http('GET', `${purchasing}/suppliers/${graded}`, purchaser)).body?.barred === true, 20000, 'purchasing applies NO_PURCHASE_OF_SERVICES');
    const refused = await http('POST', `${purchasing}/contracts`, purchaser, {
      supplierUscc: graded,
      purchaser: '北京市海淀区民政局',
      title: '社区服务',
      method: 'SINGLE_SOURCE',
      valueFen: 1_000_000,
      termStart: today,
      termEnd: today,
      signedAt: new Date().toISOString(),
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'PURCHASING.SUPPLIER_BARRED' });
    const cases = await waitFor(async () => {
      const res = await http('GET', `${evaluation}/verification-cases?status=OPEN`, evaluator);
      const mine = (res.body?.items ?? []).filter((c: { uscc: string }) => c.uscc === graded);
      return mine.length ? mine : undefined;
    }, 20000, 'evaluation opens a verification case (grade-downgrade reference)');
    expect(cases).toHaveLength(1);
    const eligibility = await http('GET', `${evaluation}/organizations/${graded}`, evaluator);
    expect(eligibility.body.eligibility).toMatchObject({ eligible: false, reason: { rule: 'CREDIT_MEASURE_NO_EVALUATION' } });

    // The evaluator lowers the grade (serious list, §6): credit shows 2A with the lowering, purchasing drops the priority.
    const lowered = await http('POST', `${evaluation}/grades/${award.body.gradeId}/adjustments`, evaluator, { newGrade: '2A', reason: 'SERIOUS_LIST', explanation: '列入严重违法失信名单' });
    expect(lowered.status).toBe(201);
    const loweredInCredit = await waitFor(async () => {
      const p = await http('GET', `${credit}/profiles/${graded}`);
      return p.body?.grades?.[0]?.grade === '2A' ? p.body.grades[0] : undefined;
    }, 20000, 'lowered grade in the credit profile');
    expect(loweredInCredit).toMatchObject({ awardedGrade: '4A', status: 'IN_FORCE', adjustments: [expect.objectContaining({ previousGrade: '4A', newGrade: '2A', reason: 'SERIOUS_LIST' })] });
    await waitFor(async () => {
      const res = await http('GET', `${purchasing}/suppliers/${graded}`, purchaser);
      return res.body?.gradeInForce?.grade === '2A' && !res.body.priorityReasons.some((r: { code: string }) => r.code === 'GRADE_3A_OR_ABOVE');
    }, 20000, 'purchasing drops the 3A+ priority');
  });

  it('lets an auditor verify the hash chains of credit, evaluation and purchasing from the broker', async () => {
    for (const app of ['credit-supervision', 'evaluation', 'service-purchasing']) {
      // The command exits 1 when the audit finds a problem; the report is on stdout either way.
      const output = auditOutput(app);
      const report = JSON.parse(output.slice(output.indexOf('{')));
      console.log(`[e2e] chain audit ${app}: ${report.read} events on ${report.topics.join(', ')}, ${report.segments.length} segment(s), unchained ${report.unchained}`);
      // On a shared broker the topics also hold test events chained apart from any genesis (EventChain.detached) and
      // deliberately unchained or forged ones (the fault tests): the audit rightly reports those. What this run's
      // services published sits on chains from genesis, and every one of those must verify.
      const fromGenesis = (report.segments as { firstSequence: string; ok: boolean }[]).filter((s) => s.firstSequence === '1');
      expect(fromGenesis.length).toBeGreaterThan(0);
      expect(fromGenesis.filter((s) => !s.ok)).toEqual([]);
      // The previous test made this run's services publish: grades, contracts, list and joint-measure events.
      expect(report.segments.length).toBeGreaterThan(0);
    }
  });

  it('loses and duplicates nothing when the consuming service is SIGKILLed mid-stream', async () => {
    const N = 1000;
    const division = '650104';
    const start = 100_000 + Math.floor(Math.random() * 100_000) * 4;
    const events = Array.from({ length: N }, (_, i) => syntheticRegistered(buildCivilAffairsUscc('SOCIAL_GROUP', division, start + i), `e2e-kill-${i}`));
    const ids = events.map((e) => e.id);
    const applied = async () => {
      const [rows] = await creditDb.query('SELECT COUNT(*) AS n FROM credit_information WHERE source_event_id IN (?)', [ids]);
      return Number((rows as { n: number }[])[0].n);
    };

    for (let i = 0; i < N; i += 50) await probe.produce(OrganizationRegistered.topic, events.slice(i, i + 50).map(({ key, value }) => ({ key, value })));
    const produced = N;

    await waitFor(async () => (await applied()) >= 20, 30000, 'some events applied before the kill');
    await services['credit-supervision'].kill();
    const atKill = await applied();
    await services['credit-supervision'].start();
    await waitFor(async () => (await applied()) >= N, 90000, 'all events applied after restart');
    await new Promise((r) => setTimeout(r, 1500)); // let any redelivery land before counting duplicates

    const [[info], [inbox], [orgs]] = await Promise.all([
      creditDb.query('SELECT COUNT(*) AS n, COUNT(DISTINCT source_event_id) AS d FROM credit_information WHERE source_event_id IN (?)', [ids]),
      creditDb.query("SELECT COUNT(*) AS n FROM inbox_message WHERE consumer_group = 'credit-supervision' AND event_id IN (?)", [ids]),
      creditDb.query('SELECT COUNT(*) AS n FROM credit_organization WHERE uscc IN (?)', [events.map((e) => e.key)]),
    ]);
    const infoRow = (info as { n: number; d: number }[])[0];
    console.log(`[e2e] SIGKILL: produced ${produced}, applied before kill ${atKill}, applied after restart ${infoRow.n} (distinct ${infoRow.d})`);
    expect(atKill).toBeLessThan(N); // the kill really happened mid-stream
    expect(Number(infoRow.n)).toBe(produced);
    expect(Number(infoRow.d)).toBe(produced);
    expect(Number((inbox as { n: number }[])[0].n)).toBe(produced);
    expect(Number((orgs as { n: number }[])[0].n)).toBe(produced);
  });
});

/**
 * Issue 10 §5, the fast fault subset (in `npm test`): each test reconciles what was produced against what was
 * applied and counts what was lost and what was applied twice. `npm run test:faults` runs these with the rest.
 */
describe('faults: nothing lost, nothing applied twice', () => {
  const reg = () => services.registration.baseUrl;
  let registrationDb: mysql.Connection;
  beforeAll(async () => {
    registrationDb = await mysql.createConnection({
      host: commonEnv.DB_HOST,
      port: Number(commonEnv.DB_PORT),
      user: commonEnv.DB_USER,
      password: commonEnv.DB_PASSWORD,
      database: dbNames.registration,
    });
  });
  afterAll(() => registrationDb?.end());

  const count = async (db: mysql.Connection, sql: string, params: unknown[]) => Number(((await db.query(sql, params))[0] as { n: number }[])[0].n);

  it('SIGKILL of registration mid-burst of approvals: every committed approval reaches credit supervision once', async () => {
    const N = 120;
    const authority = `6501${String(10 + Math.floor(Math.random() * 80))}`;
    const applicant = token(['applicant'], authority, 'applicant-faults');
    const registrar = token(['registrar'], authority, 'registrar-faults');
    const tag = randomUUID().slice(0, 6);
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const res = await http('POST', `${reg()}/applications`, applicant, {
        proposedName: `新疆维吾尔自治区乌鲁木齐市故障${tag}${i}社区服务中心`,
        form: 'SOCIAL_SERVICE_ORGANIZATION',
        category: 'URBAN_RURAL_COMMUNITY_SERVICE',
        registeringAuthority: authority,
        domicile: '乌鲁木齐市沙依巴克区',
        purpose: '社区服务',
        legalRepresentativeName: '周七',
        legalRepresentativeIdNumber: '11010519491231002X',
        registeredCapitalFen: 1_000_000,
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // Approvals 8 at a time; registration is SIGKILLed once 30 have committed, then restarted; the clients retry
    // what failed (an approval committed before the kill answers 409 APPLICATION_ALREADY_DECIDED on retry).
    let confirmed = 0;
    const approveAll = async (pending: string[]) => {
      const failed: string[] = [];
      for (let i = 0; i < pending.length; i += 8) {
        await Promise.all(
          pending.slice(i, i + 8).map(async (id) => {
            const res = await http('POST', `${reg()}/applications/${id}/approve`, registrar).catch(() => undefined);
            if (res?.status === 200 || (res?.status === 409 && res.body?.code === 'REGISTRATION.APPLICATION_ALREADY_DECIDED')) confirmed++;
            else failed.push(id);
          }),
        );
      }
      return failed;
    };
    const burst = approveAll(ids);
    await waitFor(async () => (await count(registrationDb, 'SELECT COUNT(*) AS n FROM organization WHERE registering_authority = ?', [authority])) >= 30, 60000, '30 approvals committed');
    await services.registration.kill();
    const failed = await burst;
    const atKill = await count(registrationDb, 'SELECT COUNT(*) AS n FROM organization WHERE registering_authority = ?', [authority]);
    await services.registration.start();
    expect(await approveAll(failed)).toEqual([]);

    const [orgRows] = await registrationDb.query('SELECT uscc FROM organization WHERE registering_authority = ?', [authority]);
    const usccs = (orgRows as { uscc: string }[]).map((r) => r.uscc);
    const produced = await count(registrationDb, "SELECT COUNT(*) AS n FROM outbox_message WHERE event_type = 'registration.organization.registered' AND message_key IN (?)", [usccs]);
    await waitFor(
      async () => (await count(registrationDb, "SELECT COUNT(*) AS n FROM outbox_message WHERE event_type = 'registration.organization.registered' AND message_key IN (?) AND published_at IS NULL", [usccs])) === 0,
      60000,
      'the relay published everything after the restart',
    );
    await waitFor(async () => (await count(creditDb, 'SELECT COUNT(*) AS n FROM credit_organization WHERE uscc IN (?)', [usccs])) >= N, 90000, 'credit applied every registration');
    await new Promise((r) => setTimeout(r, 1500)); // let any redelivery land before counting duplicates
    const applied = await count(creditDb, 'SELECT COUNT(*) AS n FROM credit_organization WHERE uscc IN (?)', [usccs]);
    const [[info]] = (await creditDb.query(
      "SELECT COUNT(*) AS n, COUNT(DISTINCT uscc) AS d FROM credit_information WHERE fact_type = 'REGISTERED' AND uscc IN (?)",
      [usccs],
    )) as unknown as [{ n: number; d: number }[]];
    console.log(`[faults] SIGKILL registration: ${N} approvals, ${atKill} committed at the kill, ${failed.length} retried; produced ${produced}, applied ${applied}, lost ${produced - applied}, applied twice ${Number(info.n) - Number(info.d)}`);
    expect(atKill).toBeLessThan(N);
    expect(usccs).toHaveLength(N);
    expect(confirmed).toBe(N);
    expect(produced).toBe(N);
    expect(applied).toBe(N);
    expect(Number(info.n)).toBe(N);
    expect(Number(info.d)).toBe(N);
  }, 240_000);

  it('duplicate and reordered delivery: every event applied once', async () => {
    const N = 200;
    const start = 500_000 + Math.floor(Math.random() * 100_000) * 4;
    const events = Array.from({ length: N }, (_, i) => syntheticRegistered(buildCivilAffairsUscc('SOCIAL_GROUP', '650105', start + i), `faults-dup-${i}`));
    const ids = events.map((e) => e.id);
    const messages = events.map(({ key, value }) => ({ key, value }));
    await probe.produce(OrganizationRegistered.topic, messages);
    await probe.produce(OrganizationRegistered.topic, [...messages].reverse()); // every event again, in reverse order
    await probe.produce(OrganizationRegistered.topic, messages.slice(0, 50)); // and some a third time
    const applied = async () => count(creditDb, 'SELECT COUNT(DISTINCT source_event_id) AS n FROM credit_information WHERE source_event_id IN (?)', [ids]);
    await waitFor(async () => (await applied()) >= N, 60000, 'every event applied');
    await waitFor(async () => (await count(creditDb, "SELECT COUNT(*) AS n FROM inbox_message WHERE consumer_group = 'credit-supervision' AND event_id IN (?)", [ids])) >= N, 30000, 'inbox');
    await new Promise((r) => setTimeout(r, 2000)); // the duplicates are consumed after the originals on each partition
    const rows = await count(creditDb, 'SELECT COUNT(*) AS n FROM credit_information WHERE source_event_id IN (?)', [ids]);
    const inbox = await count(creditDb, "SELECT COUNT(*) AS n FROM inbox_message WHERE consumer_group = 'credit-supervision' AND event_id IN (?)", [ids]);
    console.log(`[faults] duplicates: produced ${N} (+${N + 50} redeliveries, reversed), applied ${await applied()}, rows ${rows}, inbox ${inbox}, applied twice ${rows - N}`);
    expect(rows).toBe(N);
    expect(inbox).toBe(N);
  }, 120_000);

  it('a forged or unchained event is dead-lettered with its reason, never applied', async () => {
    const uscc = buildCivilAffairsUscc('SOCIAL_GROUP', '650106', 900_000 + Math.floor(Math.random() * 90_000));
    const data = { uscc, lists: [], measures: [], effectiveFrom: new Date().toISOString(), ruleVersion: 'credit-lists/order-60@v1' };
    const envelope = (source: string) => ({
      specversion: '1.0',
      id: randomUUID(),
      source,
      type: 'credit.joint-measures.changed',
      time: new Date().toISOString(),
      subject: uscc,
      datacontenttype: 'application/json',
      dataschema: 'urn:sop:event:credit.joint-measures.changed:v1',
      data,
    });
    const forged = EventChain.detached().next(envelope('registration') as CloudEvent); // chained, but not by credit supervision
    const unchained = envelope('credit-supervision');
    await probe.produce('credit.joint-measures.v1', [
      { key: uscc, value: JSON.stringify(forged) },
      { key: uscc, value: JSON.stringify(unchained) },
    ]);
    const reasonOf = async (id: string) =>
      (await probe.find('service-purchasing.dlq', (m) => m.value?.toString().includes(id) ?? false, 60000)).headers['dlq-reason'];
    const [forgedReason, unchainedReason] = await Promise.all([reasonOf(forged.id), reasonOf(unchained.id)]);
    console.log(`[faults] forged: dead-lettered ${forgedReason}; unchained: dead-lettered ${unchainedReason}`);
    expect(forgedReason).toBe('FORGED');
    expect(unchainedReason).toBe('UNCHAINED');
  }, 120_000);

  /**
   * The heavy faults, in `npm run test:faults` only (FAULTS_FULL=1): they restart the broker and the database under
   * every other test's feet. KAFKA_RESTART_CMD / DB_RESTART_CMD override how (default: this repository's Kafka
   * script; mysqladmin shutdown and mariadbd started again, as .ci/run does).
   */
  const full = process.env['FAULTS_FULL'] === '1' ? it : it.skip;
  const sh = (cmd: string) => execFileSync('bash', ['-c', cmd], { cwd: ROOT, stdio: 'inherit', timeout: 180_000 });
  const burst = async (division: string, n: number, tagName: string) => {
    const start = 700_000 + Math.floor(Math.random() * 50_000) * 4;
    const events = Array.from({ length: n }, (_, i) => syntheticRegistered(buildCivilAffairsUscc('SOCIAL_GROUP', division, start + i), `${tagName}-${i}`));
    return { events, ids: events.map((e) => e.id) };
  };
  const reconcile = async (label: string, ids: string[]) => {
    const applied = async () => count(creditDb, 'SELECT COUNT(DISTINCT source_event_id) AS n FROM credit_information WHERE source_event_id IN (?)', [ids]);
    await waitFor(async () => (await applied()) >= ids.length, 180_000, `${label}: every event applied`);
    await new Promise((r) => setTimeout(r, 2000));
    const rows = await count(creditDb, 'SELECT COUNT(*) AS n FROM credit_information WHERE source_event_id IN (?)', [ids]);
    console.log(`[faults] ${label}: produced ${ids.length}, applied ${await applied()}, lost ${ids.length - (await applied())}, applied twice ${rows - ids.length}`);
    expect(rows).toBe(ids.length);
  };

  full('broker restart mid-stream: nothing lost, nothing twice', async () => {
    const { events, ids } = await burst('650107', 600, 'faults-broker');
    const messages = events.map(({ key, value }) => ({ key, value }));
    await probe.produce(OrganizationRegistered.topic, messages.slice(0, 300));
    sh(process.env['KAFKA_RESTART_CMD'] ?? 'bash deploy/kafka/kafka-local.sh stop && bash deploy/kafka/kafka-local.sh start');
    await probe.close();
    await probe.produce(OrganizationRegistered.topic, messages.slice(300));
    await reconcile('broker restart', ids);
  }, 400_000);

  full('MariaDB restart mid-stream: the consumers hold and resume, nothing lost, nothing twice', async () => {
    const { events, ids } = await burst('650108', 400, 'faults-db');
    const messages = events.map(({ key, value }) => ({ key, value }));
    await probe.produce(OrganizationRegistered.topic, messages.slice(0, 200));
    await creditDb.end();
    sh(
      process.env['DB_RESTART_CMD'] ??
        'mysqladmin -h127.0.0.1 -uroot shutdown; sleep 2; (start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true); for i in $(seq 1 60); do mysqladmin -h127.0.0.1 -uroot ping --silent && break; sleep 1; done',
    );
    await probe.produce(OrganizationRegistered.topic, messages.slice(200));
    creditDb = await mysql.createConnection({ host: commonEnv.DB_HOST, port: Number(commonEnv.DB_PORT), user: commonEnv.DB_USER, password: commonEnv.DB_PASSWORD, database: dbNames['credit-supervision'] });
    await reconcile('MariaDB restart', ids);
  }, 400_000);

  full('a rebalance as credit supervision scales 1 → 3 → 1 mid-stream: nothing lost, nothing twice', async () => {
    const { events, ids } = await burst('650109', 900, 'faults-rebalance');
    const messages = events.map(({ key, value }) => ({ key, value }));
    const extra = [1, 2].map((i) => new ServiceProcess('credit-supervision', basePort + 10 + i, { ...commonEnv, DB_NAME: dbNames['credit-supervision'] }));
    await probe.produce(OrganizationRegistered.topic, messages.slice(0, 300));
    await Promise.all(extra.map((e) => e.start()));
    await probe.produce(OrganizationRegistered.topic, messages.slice(300, 600));
    await Promise.all(extra.map((e) => e.stop()));
    await probe.produce(OrganizationRegistered.topic, messages.slice(600));
    await reconcile('rebalance 1→3→1', ids);
  }, 400_000);

  full('SIGKILL of evaluation and of service purchasing mid-stream: each applies every event once', async () => {
    for (const [app, table, division] of [
      ['evaluation', 'evaluation_organization', '650111'],
      ['service-purchasing', 'purchasing_supplier', '650112'],
    ] as const) {
      const db = await mysql.createConnection({ host: commonEnv.DB_HOST, port: Number(commonEnv.DB_PORT), user: commonEnv.DB_USER, password: commonEnv.DB_PASSWORD, database: dbNames[app] });
      try {
        const { events, ids } = await burst(division, 600, `faults-kill-${app}`);
        const usccs = events.map((e) => e.key);
        const applied = () => count(db, `SELECT COUNT(*) AS n FROM ${table} WHERE uscc IN (?)`, [usccs]);
        await probe.produce(OrganizationRegistered.topic, events.map(({ key, value }) => ({ key, value })));
        await waitFor(async () => (await applied()) >= 20, 60_000, `${app}: some applied before the kill`);
        await services[app].kill();
        const atKill = await applied();
        await services[app].start();
        await waitFor(async () => (await applied()) >= usccs.length, 180_000, `${app}: all applied after the restart`);
        await new Promise((r) => setTimeout(r, 2000));
        const inbox = await count(db, 'SELECT COUNT(*) AS n FROM inbox_message WHERE consumer_group = ? AND event_id IN (?)', [app, ids]);
        console.log(`[faults] SIGKILL ${app}: produced ${ids.length}, applied before the kill ${atKill}, applied ${await applied()}, inbox ${inbox}, lost ${ids.length - (await applied())}, applied twice ${inbox - ids.length}`);
        expect(atKill).toBeLessThan(ids.length);
        expect(await applied()).toBe(ids.length);
        expect(inbox).toBe(ids.length);
      } finally {
        await db.end();
      }
    }
  }, 600_000);

  full('SIGSTOP of the relay leader: a standby registration instance takes over the relay within 30 s', async () => {
    const standby = new ServiceProcess('registration', basePort + 20, { ...commonEnv, DB_NAME: dbNames.registration });
    await standby.start();
    const authority = `6501${String(10 + Math.floor(Math.random() * 80))}`;
    const applicant = token(['applicant'], authority, 'applicant-failover');
    const registrar = token(['registrar'], authority, 'registrar-failover');
    try {
      // The first instance leads the relay (it started first); freeze it with its connections open.
      services.registration.signal('SIGSTOP');
      const stoppedAt = Date.now();
      const submitted = await http('POST', `${standby.baseUrl}/applications`, applicant, {
        proposedName: `新疆维吾尔自治区乌鲁木齐市接管${randomUUID().slice(0, 6)}社区服务中心`,
        form: 'SOCIAL_SERVICE_ORGANIZATION',
        category: 'URBAN_RURAL_COMMUNITY_SERVICE',
        registeringAuthority: authority,
        domicile: '乌鲁木齐市',
        purpose: '社区服务',
        legalRepresentativeName: '周七',
        legalRepresentativeIdNumber: '11010519491231002X',
        registeredCapitalFen: 1_000_000,
      });
      expect(submitted.status).toBe(201);
      const approved = await http('POST', `${standby.baseUrl}/applications/${submitted.body.id}/approve`, registrar);
      expect(approved.status).toBe(200);
      const uscc = approved.body.organization.uscc as string;
      await waitFor(
        async () => (await count(registrationDb, "SELECT COUNT(*) AS n FROM outbox_message WHERE message_key = ? AND event_type = 'registration.organization.registered' AND published_at IS NOT NULL", [uscc])) === 1,
        60_000,
        'the standby relay published the approval',
      );
      const failoverSeconds = (Date.now() - stoppedAt) / 1000;
      await waitFor(async () => (await count(creditDb, 'SELECT COUNT(*) AS n FROM credit_organization WHERE uscc = ?', [uscc])) === 1, 60_000, 'credit applied it');
      console.log(`[faults] SIGSTOP relay leader: the standby published ${failoverSeconds.toFixed(1)} s after the leader froze`);
      expect(failoverSeconds).toBeLessThan(30);
    } finally {
      services.registration.signal('SIGCONT');
      await standby.stop();
    }
  }, 180_000);
});
