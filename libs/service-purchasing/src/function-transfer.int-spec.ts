import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import {
  allTopicSpecs,
  FunctionStageMoved,
  GradeAwarded,
  JointMeasuresChanged,
  OrganizationRegistered,
  OrganizationRevoked,
  TransferAgreementTakenBack,
  UndertakerQualificationSuspended,
  type GradeAwardedV1,
  type JointMeasuresChangedV1,
  type OrganizationRevokedV1,
} from '@sop/contracts';
import { createHttpApp, startServices } from '@sop/http';
import { buildCloudEvent, dataschemaOf, EventChain, KafkaTransport, type CloudEvent, type Subscription } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { ServicePurchasingModule } from './service-purchasing.module';
import { httpCaller, TEST_AUTH, tokenOf } from './test-support/http-client.fixture';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';

const producers = EventChain.detached();
const FT = '/function-transfer';

/**
 * Transfer of government functions (issue 12, regulations §8) on real MySQL/MariaDB and Kafka, over HTTP: the
 * Nanluoguxiang pattern — the district's market regulator hands a chamber of commerce the first review of shop
 * owners' facade drawings and licence applications and keeps the final decision.
 */
describe('service purchasing: transfer of government functions (MySQL + Kafka)', () => {
  const db = testMysqlConfig('purchasing_ft');
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('purchasing-ft-int') });
  // Monday 2 March 2026, 16:00 Beijing time.
  const start = new Date('2026-03-02T08:00:00.000Z');
  const clock = new MovableClock(start);
  const groupId = uniqueName('purchasing-ft-int-group');
  const finance = tokenOf('fin-beijing', ['finance-officer'], '110000');
  const department = tokenOf('officer-dc-samr', ['purchaser'], '110101', { unitId: 'unit-dc-samr' });
  const otherDepartment = tokenOf('officer-xc-samr', ['purchaser'], '110102', { unitId: 'unit-xc-samr' });
  const registrar = tokenOf('registrar-dc', ['registrar'], '110101');
  const registrarShanghai = tokenOf('registrar-sh', ['registrar'], '310000');
  const applicant = tokenOf('shop-owner-45', ['applicant'], '110101');
  const otherApplicant = tokenOf('shop-owner-46', ['applicant'], '110101');
  const auditor = tokenOf('auditor-1', ['auditor'], '100000');
  const serialBase = Math.floor(Math.random() * 800_000_000);
  let serial = 0;
  let app: INestApplication;
  let base: string;
  let observer: Subscription;
  const onKafka: CloudEvent[] = [];
  const call = httpCaller(() => base);

  async function publish(source: string, contract: { type: string; topic: string }, subject: string, data: object): Promise<string> {
    const event = producers.next(buildCloudEvent(source, dataschemaOf(contract as typeof OrganizationRegistered), { type: contract.type, subject, data }, clock.now()));
    await transport.publish([{ topic: contract.topic, key: subject, value: JSON.stringify(event) }]);
    return event.id;
  }

  /** An organization registered in Dongcheng (as registration's relay would publish it), graded when asked, known to purchasing. */
  async function organization(name: string, grade?: GradeAwardedV1['grade']): Promise<string> {
    const uscc = buildCivilAffairsUscc('SOCIAL_GROUP', '110101', serialBase + ++serial);
    await publish('registration', OrganizationRegistered, uscc, organizationRegisteredData(uscc, { name: `${name}${serialBase}-${serial}`, form: 'SOCIAL_GROUP', category: 'INDUSTRY_ASSOCIATION_CHAMBER', registeringAuthority: '110101' }));
    await waitFor(async () => ((await call('GET', `/suppliers/${uscc}`, department)).status === 200 ? true : undefined), 60000, `supplier ${uscc}`);
    if (grade) {
      const gradeId = randomUUID();
      const data: GradeAwardedV1 = { gradeId, uscc, grade, score: 850, evaluatingAuthority: '110101', announcedAt: '2026-01-01T00:00:00.000Z', validFrom: '2026-01-01', validUntil: '2030-12-31', ruleVersion: 'evaluation/order-39@v1' };
      await publish('evaluation', GradeAwarded, uscc, data);
      await waitFor(async () => ((await call('GET', `/suppliers/${uscc}`, department)).body.gradeInForce?.gradeId === gradeId ? true : undefined), 60000, `grade of ${uscc}`);
    }
    return uscc;
  }

  async function qualified(name: string): Promise<string> {
    const uscc = await organization(name, '4A');
    const q = await call('POST', `${FT}/qualifications`, registrar, { uscc });
    if (q.status !== 201) throw new Error(`qualifying ${uscc}: ${JSON.stringify(q.body)}`);
    return uscc;
  }

  /** A catalogue item of the Dongcheng regulator moved to `stage` with a legal basis. */
  async function item(functionArea: string, stage: 'PILOT' | 'TRANSFERRED' = 'PILOT'): Promise<string> {
    const r = await call('POST', `${FT}/catalogue-items`, department, { functionArea, title: `${functionArea} 初审`, kindOfAct: 'FIRST_REVIEW', legalBasis: '《优化营商环境条例》；东城区委托决定', reason: '商会具备承接条件' });
    if (r.status !== 201) throw new Error(`item: ${JSON.stringify(r.body)}`);
    for (const to of stage === 'PILOT' ? ['PILOT'] : ['PILOT', 'TRANSFERRED']) await call('POST', `${FT}/catalogue-items/${r.body.id}/stage`, department, { to, reason: '按步推进' });
    return r.body.id;
  }

  const agreementBody = (itemId: string, uscc: string, over: Record<string, unknown> = {}) => ({
    itemId,
    uscc,
    area: '110101',
    mode: 'DIRECT',
    scope: '南锣鼓巷主街商户外立面装修图纸初审',
    serviceStandards: ['5个工作日内出具初审意见', '意见说明理由'],
    termStart: '2026-03-02',
    termEnd: '2027-03-01',
    firstReviewWorkingDays: 5,
    supervisor: '东城区市场监督管理局 登记注册科',
    ...over,
  });

  async function agreement(itemId: string, uscc: string, over: Record<string, unknown> = {}): Promise<string> {
    const r = await call('POST', `${FT}/agreements`, department, agreementBody(itemId, uscc, over));
    if (r.status !== 201) throw new Error(`agreement: ${JSON.stringify(r.body)}`);
    return r.body.id;
  }

  async function submitCase(agreementId: string, who = applicant): Promise<string> {
    const r = await call('POST', `${FT}/agreements/${agreementId}/cases`, who, { matterKind: 'FACADE_DRAWING', subject: '南锣鼓巷45号店铺外立面改造', description: '更换门头招牌' });
    if (r.status !== 201) throw new Error(`case: ${JSON.stringify(r.body)}`);
    return r.body.id;
  }

  const rep = (uscc: string) => tokenOf(`rep-${uscc}`, ['org-representative'], '110101', { organizationUscc: uscc });

  beforeAll(async () => {
    await transport.ensureTopics([...allTopicSpecs(), { topic: `${groupId}.dlq`, partitions: 1 }]);
    app = await createHttpApp([ServicePurchasingModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: groupId })], TEST_AUTH, []);
    await startServices(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    for (const [unitId, name, jurisdiction] of [
      ['unit-dc-samr', '北京市东城区市场监督管理局', '110101'],
      ['unit-xc-samr', '北京市西城区市场监督管理局', '110102'],
    ]) {
      const organ = await call('POST', '/organs', finance, { unitId, name, kind: 'STATE_ORGAN', jurisdiction });
      if (organ.status !== 201) throw new Error(`registering ${unitId}: ${JSON.stringify(organ.body)}`);
    }
    observer = await transport.subscribe({ groupId: uniqueName('purchasing-ft-observer'), topics: [FunctionStageMoved.topic], fromBeginning: true }, async (m) => {
      onKafka.push(JSON.parse(m.value?.toString('utf8') ?? '{}') as CloudEvent);
    });
  });

  afterAll(async () => {
    await observer?.stop();
    await app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  it('a function moves through every stage, one at a time, each move an event with who and why; no legal basis, no move past IDENTIFIED', async () => {
    const created = await call('POST', `${FT}/catalogue-items`, department, { functionArea: 'MARKET_ACCESS', title: '主街新开办商户营业执照申请初审', kindOfAct: 'FIRST_REVIEW', reason: '街道提出' });
    expect(created).toMatchObject({ status: 201, body: { stage: 'IDENTIFIED', legalBasis: null, departmentUnitId: 'unit-dc-samr', jurisdiction: '110101', allowedMoves: ['PILOT', 'REVOKED'] } });
    const id = created.body.id as string;
    // Refused to transfer without a legal basis: the problem names the field and the rule.
    const refused = await call('POST', `${FT}/catalogue-items/${id}/stage`, department, { to: 'PILOT', reason: '尽快试点' });
    expect(refused).toMatchObject({ status: 422, body: { code: 'FUNCTION_TRANSFER.NO_LEGAL_BASIS', errors: [{ field: 'legalBasis' }] } });
    expect(refused.body.rule).toContain('legal authorization');
    expect((await call('GET', `${FT}/catalogue-items/${id}`, null)).body).toMatchObject({ stage: 'IDENTIFIED', history: [{ from: null, to: 'IDENTIFIED' }] });
    expect(await call('POST', `${FT}/catalogue-items/${id}/stage`, department, { to: 'TRANSFERRED', legalBasis: 'x', reason: 'skip' })).toMatchObject({ status: 422, body: { code: 'FUNCTION_TRANSFER.STAGE_SKIPPED', allowed: ['PILOT', 'REVOKED'] } });
    expect(await call('POST', `${FT}/catalogue-items/${id}/stage`, otherDepartment, { to: 'PILOT', legalBasis: 'x', reason: 'not mine' })).toMatchObject({ status: 403, body: { code: 'FUNCTION_TRANSFER.NOT_THE_DEPARTMENT' } });
    expect((await call('POST', `${FT}/catalogue-items/${id}/stage`, registrar, { to: 'PILOT', legalBasis: 'x', reason: 'x' })).status).toBe(403);

    expect(await call('POST', `${FT}/catalogue-items/${id}/stage`, department, { to: 'PILOT', legalBasis: '《优化营商环境条例》第四十条；东城区政府委托决定', reason: '商会具备承接条件，试点半年' })).toMatchObject({ status: 201, body: { stage: 'PILOT' } });
    expect((await call('POST', `${FT}/catalogue-items/${id}/stage`, department, { to: 'TRANSFERRED', reason: '试点评估合格' })).body.stage).toBe('TRANSFERRED');
    expect((await call('POST', `${FT}/catalogue-items/${id}/stage`, department, { to: 'UNDERTAKEN', reason: '商会全面承接' })).body.stage).toBe('UNDERTAKEN');
    expect(await call('POST', `${FT}/catalogue-items/${id}/stage`, department, { to: 'REVOKED', reason: '收回' })).toMatchObject({ status: 422, body: { code: 'FUNCTION_TRANSFER.NO_LEGAL_BASIS' } });
    expect((await call('POST', `${FT}/catalogue-items/${id}/stage`, department, { to: 'REVOKED', legalBasis: '东城区政府收回决定', reason: '职能调整' })).body.stage).toBe('REVOKED');

    const pub = await call('GET', `${FT}/catalogue-items/${id}`, null);
    expect(pub.body.history.map((h: { from: string | null; to: string; movedBy: string }) => [h.from, h.to, h.movedBy])).toEqual([
      [null, 'IDENTIFIED', 'officer-dc-samr'],
      ['IDENTIFIED', 'PILOT', 'officer-dc-samr'],
      ['PILOT', 'TRANSFERRED', 'officer-dc-samr'],
      ['TRANSFERRED', 'UNDERTAKEN', 'officer-dc-samr'],
      ['UNDERTAKEN', 'REVOKED', 'officer-dc-samr'],
    ]);
    expect((await call('GET', `${FT}/catalogue-items?departmentUnitId=unit-dc-samr`, null)).body.items.map((i: { id: string }) => i.id)).toContain(id);
    const moves = await waitFor(() => {
      const m = onKafka.filter((e) => e.type === FunctionStageMoved.type && e.subject === id);
      return m.length === 5 ? m : undefined;
    }, 60000, 'five stage moves on Kafka');
    expect(moves.map((e) => (e.data as { to: string }).to)).toEqual(['IDENTIFIED', 'PILOT', 'TRANSFERRED', 'UNDERTAKEN', 'REVOKED']);
    expect(moves[1].data).toMatchObject({ from: 'IDENTIFIED', movedBy: 'officer-dc-samr', reason: '商会具备承接条件，试点半年', ruleVersion: 'function-transfer/100000@v1' });
  });

  it('civil affairs qualifies against the rules with the evidence frozen; a serious listing suspends the qualification automatically', async () => {
    const ungraded = await organization('东城区未评级协会');
    expect(await call('POST', `${FT}/qualifications`, registrar, { uscc: ungraded })).toMatchObject({
      status: 422,
      body: { code: 'FUNCTION_TRANSFER.QUALIFICATION_REFUSED', rules: expect.arrayContaining([expect.objectContaining({ rule: 'MINIMUM_GRADE', outcome: 'FAIL' })]) },
    });
    const uscc = await organization('南锣鼓巷商会', '4A');
    expect((await call('POST', `${FT}/qualifications`, registrarShanghai, { uscc })).body).toMatchObject({ code: 'AUTH.OUT_OF_JURISDICTION' });
    expect((await call('POST', `${FT}/qualifications`, department, { uscc })).status).toBe(403);
    const granted = await call('POST', `${FT}/qualifications`, registrar, { uscc });
    expect(granted).toMatchObject({ status: 201, body: { uscc, status: 'ACTIVE', validFrom: '2026-03-02', validTo: '2031-03-01', inForce: true, evaluation: { qualified: true, ruleVersion: 'function-transfer/100000@v1' } } });
    expect(granted.body.evaluation.rules.find((r: { rule: string }) => r.rule === 'MINIMUM_GRADE').evidence.grade).toMatchObject({ grade: '4A' });
    expect(await call('POST', `${FT}/qualifications`, registrar, { uscc })).toMatchObject({ status: 409, body: { code: 'FUNCTION_TRANSFER.ALREADY_QUALIFIED' } });
    const id = granted.body.id as string;

    // Credit lists it on the serious list: the joint-measure set names the list; purchasing suspends the qualification.
    const listing: JointMeasuresChangedV1 = { uscc, lists: ['SERIOUS'], measures: ['NO_PURCHASE_OF_SERVICES', 'NO_HONOURS'], effectiveFrom: clock.now().toISOString(), ruleVersion: 'credit-lists/order-60@v1' };
    const listingId = await publish('credit-supervision', JointMeasuresChanged, uscc, listing);
    const suspended = await waitFor(async () => {
      const q = await call('GET', `${FT}/qualifications/${id}`, null);
      return q.body.status === 'SUSPENDED' ? q.body : undefined;
    }, 60000, 'qualification suspended');
    expect(suspended).toMatchObject({ inForce: false, suspension: { cause: 'LISTED', evidence: { sourceEventId: listingId, lists: ['SERIOUS'], barringLists: ['SERIOUS'] } } });
    // The evidence of the grant stays as it was.
    expect(suspended.evaluation).toEqual(granted.body.evaluation);
    const suspensions = await waitFor(() => {
      const s = onKafka.filter((e) => e.type === UndertakerQualificationSuspended.type && e.subject === id);
      return s.length >= 1 ? s : undefined;
    }, 60000, 'suspension on Kafka');
    expect(suspensions[0].data).toMatchObject({ qualificationId: id, uscc, cause: 'LISTED', evidence: { sourceEventId: listingId } });
    // Leaving the list (the next set, same key, consumed after the listing) does not reinstate it: a new grant does.
    await publish('credit-supervision', JointMeasuresChanged, uscc, { ...listing, lists: [], measures: [] });
    await waitFor(async () => ((await call('GET', `/suppliers/${uscc}`, department)).body.jointMeasures?.lists?.length === 0 ? true : undefined), 60000, 'measures lifted');
    expect((await call('GET', `${FT}/qualifications/${id}`, null)).body).toMatchObject({ status: 'SUSPENDED', suspension: { eventId: suspended.suspension.eventId } });
    // No agreement with a suspended undertaker.
    const pilot = await item('MARKET_ACCESS');
    expect(await call('POST', `${FT}/agreements`, department, agreementBody(pilot, uscc))).toMatchObject({ status: 422, body: { code: 'FUNCTION_TRANSFER.NOT_QUALIFIED' } });
    expect((await call('GET', `${FT}/qualifications?uscc=${uscc}`, null)).body.items).toHaveLength(1);
  });

  it('a case: submitted, first review by the association within its deadline, a department decision that overrides it; the association cannot decide (403); the applicant sees both steps', async () => {
    const uscc = await qualified('南锣鼓巷商会（案件）');
    const other = await qualified('鼓楼商会');
    const itemId = await item('URBAN_APPEARANCE');
    expect(await call('POST', `${FT}/agreements`, department, agreementBody(itemId, uscc, { mode: 'PURCHASED', procurementId: randomUUID() }))).toMatchObject({
      status: 422,
      body: { code: 'FUNCTION_TRANSFER.PROCUREMENT_NOT_AWARDED_TO_ORGANIZATION' },
    });
    expect(await call('POST', `${FT}/agreements`, department, agreementBody(itemId, uscc, { mode: 'PURCHASED' }))).toMatchObject({ status: 400, body: { code: 'FUNCTION_TRANSFER.PROCUREMENT_REQUIRED' } });
    expect(await call('POST', `${FT}/agreements`, department, agreementBody(itemId, uscc, { area: '110102' }))).toMatchObject({ status: 403, body: { code: 'AUTH.OUT_OF_JURISDICTION' } });
    const agreementId = await agreement(itemId, uscc);
    expect((await call('GET', `${FT}/agreements/${agreementId}`, null)).body).toMatchObject({ mode: 'DIRECT', status: 'ACTIVE', supervisor: '东城区市场监督管理局 登记注册科', departmentName: '北京市东城区市场监督管理局' });

    const submitted = await call('POST', `${FT}/agreements/${agreementId}/cases`, applicant, { matterKind: 'FACADE_DRAWING', subject: '南锣鼓巷45号店铺外立面改造', description: '更换门头招牌，保持青砖灰瓦风貌' });
    // 5 working days from Monday 2 March (Beijing): Monday 9 March, until 24:00 Beijing time.
    expect(submitted).toMatchObject({ status: 201, body: { status: 'IN_FIRST_REVIEW', firstReviewDue: '2026-03-09', firstReviewDueAt: '2026-03-09T16:00:00.000Z', firstReviewOverdue: false } });
    const caseId = submitted.body.id as string;
    expect(await call('GET', `${FT}/cases/${caseId}`, otherApplicant)).toMatchObject({ status: 404, body: { code: 'FUNCTION_TRANSFER.CASE_NOT_FOUND' } });
    expect((await call('GET', `${FT}/cases/${caseId}`, rep(other))).status).toBe(404);
    expect(await call('POST', `${FT}/cases/${caseId}/first-review`, rep(other), { recommendation: 'APPROVE', reasons: ['x'] })).toMatchObject({ status: 403, body: { code: 'FUNCTION_TRANSFER.NOT_THE_UNDERTAKER' } });
    expect(await call('POST', `${FT}/cases/${caseId}/decision`, department, { decision: 'APPROVED', reasons: ['x'] })).toMatchObject({ status: 409, body: { code: 'FUNCTION_TRANSFER.CASE_NOT_DECIDABLE' } });

    clock.set(new Date('2026-03-03T08:00:00.000Z'));
    const reviewed = await call('POST', `${FT}/cases/${caseId}/first-review`, rep(uscc), { recommendation: 'APPROVE', reasons: ['招牌尺寸符合街区风貌导则'] });
    expect(reviewed).toMatchObject({ status: 201, body: { status: 'FIRST_REVIEWED', firstReview: { recommendation: 'APPROVE', onTime: true, reviewedBy: `rep-${uscc}` } } });
    // The association attempting the final decision: refused by role (the decision is the department's only).
    expect(await call('POST', `${FT}/cases/${caseId}/decision`, rep(uscc), { decision: 'APPROVED', reasons: ['初审通过'] })).toMatchObject({ status: 403, body: { code: 'AUTH.ROLE_REQUIRED' } });
    expect(await call('POST', `${FT}/cases/${caseId}/decision`, otherDepartment, { decision: 'REFUSED', reasons: ['x'] })).toMatchObject({ status: 403, body: { code: 'FUNCTION_TRANSFER.NOT_THE_DEPARTMENT' } });
    clock.set(new Date('2026-03-04T08:00:00.000Z'));
    const decided = await call('POST', `${FT}/cases/${caseId}/decision`, department, { decision: 'REFUSED', reasons: ['招牌材质不符合历史文化街区保护要求'] });
    expect(decided).toMatchObject({ status: 201, body: { status: 'DECIDED', decision: { decision: 'REFUSED', overridesFirstReview: true, decidedBy: 'officer-dc-samr' } } });

    const seen = await call('GET', `${FT}/cases/${caseId}`, applicant);
    expect(seen).toMatchObject({
      status: 200,
      body: { status: 'DECIDED', firstReview: { recommendation: 'APPROVE', reasons: ['招牌尺寸符合街区风貌导则'] }, decision: { decision: 'REFUSED', reasons: ['招牌材质不符合历史文化街区保护要求'], overridesFirstReview: true } },
    });
    expect((await call('GET', `${FT}/cases/${caseId}`, auditor)).status).toBe(200);
    expect((await call('GET', `${FT}/cases/mine`, applicant)).body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect((await call('GET', `${FT}/cases/mine`, otherApplicant)).body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect((await call('GET', `${FT}/cases/mine`, rep(uscc))).status).toBe(403);

    // An overdue first review: submitted Wednesday 4 March, due Wednesday 11 March; on Thursday 12 March it is overdue.
    const late = await submitCase(agreementId, otherApplicant);
    clock.set(new Date('2026-03-11T16:00:00.000Z'));
    const overdue = await call('GET', `${FT}/agreements/${agreementId}/cases?overdue=true`, department);
    expect(overdue.body.items.map((c: { id: string }) => c.id)).toEqual([late]);
    expect((await call('GET', `${FT}/agreements/${agreementId}/cases?overdue=true`, rep(uscc))).body.items).toHaveLength(1);
    expect((await call('GET', `${FT}/agreements/${agreementId}/cases`, rep(other))).status).toBe(404);
    expect((await call('GET', `${FT}/agreements/${agreementId}`, null)).body.cases).toMatchObject({ submitted: 2, decided: 1, inFirstReview: 1, overdueFirstReviews: 1, meanHoursToFirstReview: 24, overrideRatePercent: 100 });
    clock.set(start);
  });

  it('take-back with cases in progress: cases in first review return to the department, none lost; a revocation for cause is an event', async () => {
    const uscc = await qualified('南锣鼓巷商会（收回）');
    const agreementId = await agreement(await item('MARKET_ACCESS', 'TRANSFERRED'), uscc);
    const [a, b, c] = [await submitCase(agreementId), await submitCase(agreementId), await submitCase(agreementId, otherApplicant)];
    await call('POST', `${FT}/cases/${c}/first-review`, rep(uscc), { recommendation: 'REFUSE', reasons: ['图纸不全'] });
    expect((await call('POST', `${FT}/agreements/${agreementId}/take-back`, otherDepartment, { action: 'REVOKED', forCause: true, reasons: ['x'], legalBasis: 'x' })).status).toBe(403);
    expect((await call('POST', `${FT}/agreements/${agreementId}/take-back`, rep(uscc), { action: 'REVOKED', forCause: true, reasons: ['x'], legalBasis: 'x' })).status).toBe(403);
    const taken = await call('POST', `${FT}/agreements/${agreementId}/take-back`, department, { action: 'REVOKED', forCause: true, reasons: ['初审意见多次与事实不符'], legalBasis: '委托协议第十二条' });
    expect(taken).toMatchObject({ status: 201, body: { status: 'REVOKED', takeBacks: [{ action: 'REVOKED', forCause: true, legalBasis: '委托协议第十二条' }] } });
    expect([...taken.body.takeBacks[0].returnedCaseIds].sort()).toEqual([a, b].sort());
    for (const id of [a, b]) expect((await call('GET', `${FT}/cases/${id}`, department)).body).toMatchObject({ status: 'RETURNED_TO_DEPARTMENT', firstReview: null });
    expect((await call('GET', `${FT}/cases/${c}`, department)).body.status).toBe('FIRST_REVIEWED');
    expect(await call('POST', `${FT}/cases/${a}/first-review`, rep(uscc), { recommendation: 'APPROVE', reasons: ['x'] })).toMatchObject({ status: 409, body: { code: 'FUNCTION_TRANSFER.CASE_NOT_IN_FIRST_REVIEW' } });
    expect((await call('POST', `${FT}/cases/${a}/decision`, department, { decision: 'APPROVED', reasons: ['部门直接审查'] })).body).toMatchObject({ status: 'DECIDED', decision: { overridesFirstReview: false } });
    expect(await call('POST', `${FT}/agreements/${agreementId}/cases`, applicant, { matterKind: 'FACADE_DRAWING', subject: 's', description: 'd' })).toMatchObject({ status: 409, body: { code: 'FUNCTION_TRANSFER.AGREEMENT_NOT_IN_FORCE' } });
    expect(await call('POST', `${FT}/agreements/${agreementId}/take-back`, department, { action: 'SUSPENDED', forCause: false, reasons: ['x'], legalBasis: 'x' })).toMatchObject({ status: 409, body: { code: 'FUNCTION_TRANSFER.ALREADY_TAKEN_BACK' } });
    // None lost: every case submitted is there, each with the department or decided.
    const all = await call('GET', `${FT}/agreements/${agreementId}/cases`, auditor);
    expect(all.body.items.map((x: { id: string; status: string }) => [x.id, x.status]).sort()).toEqual(
      [
        [a, 'DECIDED'],
        [b, 'RETURNED_TO_DEPARTMENT'],
        [c, 'FIRST_REVIEWED'],
      ].sort(),
    );
    const event = await waitFor(() => onKafka.find((e) => e.type === TransferAgreementTakenBack.type && e.subject === agreementId), 60000, 'take-back on Kafka');
    expect(event.data).toMatchObject({ uscc, action: 'REVOKED', forCause: true, legalBasis: '委托协议第十二条', takenBy: 'officer-dc-samr' });
  });

  it('a take-back racing submissions and first reviews loses no case: each is refused, returned, or keeps its review', async () => {
    const uscc = await qualified('南锣鼓巷商会（并发）');
    const agreementId = await agreement(await item('MARKET_ACCESS'), uscc);
    const reviewing = [await submitCase(agreementId), await submitCase(agreementId)];
    const body = { matterKind: 'LICENCE_FIRST_STEP', subject: '营业执照申请', description: '新开办' };
    const results = await Promise.all([
      ...[0, 1, 2, 3].map(() => call('POST', `${FT}/agreements/${agreementId}/cases`, applicant, body)),
      ...reviewing.map((id) => call('POST', `${FT}/cases/${id}/first-review`, rep(uscc), { recommendation: 'APPROVE', reasons: ['材料齐全'] })),
      call('POST', `${FT}/agreements/${agreementId}/take-back`, department, { action: 'SUSPENDED', forCause: false, reasons: ['专项检查'], legalBasis: '委托协议第十一条' }),
    ]);
    const submissions = results.slice(0, 4);
    const reviews = results.slice(4, 6);
    const takeBack = results[6];
    expect(takeBack.status).toBe(201);
    for (const r of submissions) expect([201, 409]).toContain(r.status);
    for (const r of reviews) expect([201, 409]).toContain(r.status);
    const all = (await call('GET', `${FT}/agreements/${agreementId}/cases`, department)).body.items as { id: string; status: string }[];
    const accepted = submissions.filter((r) => r.status === 201).map((r) => r.body.id as string);
    expect(all.map((c) => c.id).sort()).toEqual([...reviewing, ...accepted].sort());
    // Nothing is left in first review under a suspended agreement; what the take-back returned is exactly what it found there.
    expect(all.filter((c) => c.status === 'IN_FIRST_REVIEW')).toEqual([]);
    const returned = all.filter((c) => c.status === 'RETURNED_TO_DEPARTMENT').map((c) => c.id).sort();
    expect([...takeBack.body.takeBacks[0].returnedCaseIds].sort()).toEqual(returned);
    for (const [i, id] of reviewing.entries()) expect(all.find((c) => c.id === id)!.status).toBe(reviews[i].status === 201 ? 'FIRST_REVIEWED' : 'RETURNED_TO_DEPARTMENT');
  });

  it('self-regulation records are public records without personal data', async () => {
    const uscc = await organization('南锣鼓巷商会（公约）');
    const me = rep(uscc);
    expect((await call('POST', `${FT}/self-regulation/${uscc}/records`, me, { kind: 'PLEDGE', pledge: { title: '南锣公约', version: '2026.1', text: '诚信经营，明码标价，维护街区风貌。' } })).status).toBe(201);
    expect(await call('POST', `${FT}/self-regulation/${uscc}/records`, me, { kind: 'SIGNATURE', signature: { pledgeVersion: '2099.9', businessName: '北京南锣文创商店有限公司', businessUscc: '91110101MA01ABCD1X', signedOn: '2026-03-02' } })).toMatchObject({
      status: 422,
      body: { code: 'FUNCTION_TRANSFER.PLEDGE_NOT_FOUND' },
    });
    expect((await call('POST', `${FT}/self-regulation/${uscc}/records`, me, { kind: 'SIGNATURE', signature: { pledgeVersion: '2026.1', businessName: '北京南锣文创商店有限公司', businessUscc: '91110101MA01ABCD1X', signedOn: '2026-03-02' } })).status).toBe(201);
    expect((await call('POST', `${FT}/self-regulation/${uscc}/records`, me, { kind: 'PATROL', patrol: { patrolledOn: '2026-03-02', area: '南锣鼓巷主街', findings: ['3家店铺占道经营'], followUps: ['当场劝导，次日复查'] } })).status).toBe(201);
    expect(await call('POST', `${FT}/self-regulation/${uscc}/records`, me, { kind: 'RECTIFICATION', rectification: { businessName: '某店', issue: '店主手机13912345678', proposal: '整改' } })).toMatchObject({
      status: 400,
      body: { code: 'FUNCTION_TRANSFER.PERSONAL_DATA', errors: [{ field: 'rectification.issue' }] },
    });
    expect((await call('POST', `${FT}/self-regulation/${uscc}/records`, rep('51110101MJ0000018X'), { kind: 'PATROL', patrol: { patrolledOn: '2026-03-02', area: 'x', findings: [], followUps: [] } })).status).toBe(403);
    const pub = await call('GET', `${FT}/self-regulation/${uscc}/records`, null);
    expect(pub.body.items.map((r: { kind: string }) => r.kind)).toEqual(['PLEDGE', 'SIGNATURE', 'PATROL']);
    expect(pub.body.items[1].signature).toEqual({ pledgeVersion: '2026.1', businessName: '北京南锣文创商店有限公司', businessUscc: '91110101MA01ABCD1X', signedOn: '2026-03-02' });
  });

  it('the concentration report: shares, HHI and an alert over the thresholds kept as data, with warning signs', async () => {
    const big = await qualified('大商会');
    const small = await qualified('小协会');
    const items = [await item('STATISTICS_ASSIST'), await item('STATISTICS_ASSIST'), await item('STATISTICS_ASSIST')];
    const a1 = await agreement(items[0], big, { valueFen: 600_000 });
    await agreement(items[1], big, { valueFen: 300_000 });
    await agreement(items[2], small, { mode: 'COMMISSIONED', valueFen: 100_000 });
    for (let i = 0; i < 3; i++) await submitCase(a1);
    const report = await call('GET', `${FT}/concentration?jurisdiction=110101&functionArea=STATISTICS_ASSIST`, null);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ jurisdiction: '110101', ruleVersion: 'function-transfer/100000@v1', thresholds: { hhiAlert: 2500, shareAlertPercent: 50 } });
    const area = report.body.areas[0];
    expect(area).toMatchObject({ functionArea: 'STATISTICS_ASSIST', totals: { undertakenFunctions: 3, cases: 3, valueFen: 1_000_000 }, hhi: { functions: 5556, cases: 10000, value: 8200 } });
    expect(area.shares[0]).toMatchObject({ uscc: big, undertakenFunctions: 2, functionsPercent: 66.7, casesPercent: 100, valuePercent: 90 });
    expect(area.alerts).toEqual(
      expect.arrayContaining([
        { measure: 'functions', rule: 'HHI_ABOVE', threshold: 2500, value: 5556, uscc: null },
        { measure: 'functions', rule: 'SHARE_ABOVE', threshold: 50, value: 66.7, uscc: big },
        { measure: 'value', rule: 'SHARE_ABOVE', threshold: 50, value: 90, uscc: big },
      ]),
    );
    expect(area.alerts.some((x: { uscc: string | null }) => x.uscc === small)).toBe(false);
    // Warning signs: first reviews overdue once their deadline has run out.
    clock.set(new Date('2026-03-20T00:00:00.000Z'));
    const later = await call('GET', `${FT}/concentration?jurisdiction=110101&functionArea=STATISTICS_ASSIST`, auditor);
    expect(later.body.areas[0].warnings).toEqual([{ uscc: big, sign: 'OVERDUE_FIRST_REVIEWS', threshold: 1, value: 3 }]);
    clock.set(start);
  });

  it('a revocation of the registration suspends the qualification, with the event as evidence', async () => {
    const uscc = await qualified('东城区被撤销协会');
    const [q] = (await call('GET', `${FT}/qualifications?uscc=${uscc}`, null)).body.items;
    const data: OrganizationRevokedV1 = { uscc, registeringAuthority: '110101', reason: '连续一年未开展活动', legalBasis: '《社会团体登记管理条例》第三十条', revokedAt: clock.now().toISOString() };
    const revocationId = await publish('registration', OrganizationRevoked, uscc, data);
    const suspended = await waitFor(async () => {
      const r = await call('GET', `${FT}/qualifications/${q.id}`, null);
      return r.body.status === 'SUSPENDED' ? r.body : undefined;
    }, 60000, 'suspended on revocation');
    expect(suspended.suspension).toMatchObject({ cause: 'REVOKED', evidence: { sourceEventId: revocationId, legalBasis: '《社会团体登记管理条例》第三十条' } });
  });

  it('civil affairs publishes a local rule version (kept as data); the most specific version in force decides and is recorded', async () => {
    const local = {
      effectiveOn: '2026-03-03',
      source: '东城区承接政府转移职能社会组织目录管理办法 (test data)',
      qualification: { validityYears: 3, minimumGrade: '2A', barringLists: ['SERIOUS'] },
      concentration: { hhiAlert: 2000, shareAlertPercent: 40, overrideRateWarningPercent: 20, overdueFirstReviewsWarning: 2 },
    };
    expect((await call('POST', `${FT}/rule-sets/110101/versions`, registrarShanghai, local)).body).toMatchObject({ code: 'AUTH.OUT_OF_JURISDICTION' });
    expect((await call('POST', `${FT}/rule-sets/110101/versions`, department, local)).status).toBe(403);
    expect(await call('POST', `${FT}/rule-sets/110101/versions`, registrar, { ...local, effectiveOn: '2026-03-01' })).toMatchObject({ status: 400, body: { code: 'FUNCTION_TRANSFER.RULE_SET_EFFECTIVE_DATE_PAST' } });
    expect(await call('POST', `${FT}/rule-sets/110101/versions`, registrar, { ...local, qualification: { ...local.qualification, validityYears: 0 } })).toMatchObject({
      status: 400,
      body: { code: 'FUNCTION_TRANSFER.RULE_SET_INVALID', errors: [{ field: 'qualification.validityYears' }] },
    });
    expect(await call('POST', `${FT}/rule-sets/110101/versions`, registrar, local)).toMatchObject({ status: 201, body: { ruleSetId: 'function-transfer', jurisdiction: '110101', version: 1, publishedBy: 'registrar-dc' } });
    expect((await call('GET', `${FT}/rules`, null)).body.versions.map((v: { jurisdiction: string; version: number }) => `${v.jurisdiction}@v${v.version}`)).toEqual(['100000@v1', '110101@v1']);
    // Before its effective date the national version decides (3A threshold); from 3 March (Beijing) the local one (2A, 3 years).
    const twoA = await organization('东城区二级协会', '2A');
    expect((await call('POST', `${FT}/qualifications`, registrar, { uscc: twoA })).body).toMatchObject({ code: 'FUNCTION_TRANSFER.QUALIFICATION_REFUSED', ruleVersion: 'function-transfer/100000@v1' });
    clock.set(new Date('2026-03-02T16:00:00.000Z'));
    expect(await call('POST', `${FT}/qualifications`, registrar, { uscc: twoA })).toMatchObject({
      status: 201,
      body: { validFrom: '2026-03-03', validTo: '2029-03-02', evaluation: { qualified: true, ruleVersion: 'function-transfer/110101@v1' } },
    });
    expect((await call('GET', `${FT}/concentration?jurisdiction=110101`, null)).body).toMatchObject({ ruleVersion: 'function-transfer/110101@v1', thresholds: { hhiAlert: 2000, shareAlertPercent: 40 } });
    clock.set(start);
  });
  it('a PURCHASED agreement rests on a procurement the department awarded to the organization through the purchasing procedure', async () => {
    const uscc = await qualified('南锣鼓巷商会');
    const rival = await organization('交道口商会');
    const itemId = await item('BUSINESS_LICENSING', 'TRANSFERRED');
    const line = await call('POST', '/budgets', finance, { organUnitId: 'unit-dc-samr', fiscalYear: 2026, lineCode: 'FT-BUY-1', description: '购买商户开办初审服务', amountFen: 500_000 });
    expect(line.status).toBe(201);
    const deadline = new Date(clock.now().getTime() + 21 * 24 * 3600 * 1000);
    const notice = await call('POST', '/procurements', department, {
      title: '南锣鼓巷主街商户开办初审服务',
      description: '新开办商户营业执照申请的第一道审查',
      method: 'OPEN_TENDERING',
      catalogueItemCode: 'PS-COMMUNITY',
      budgetLineId: line.body.id,
      estimatedFen: 200_000,
      qualificationRequirements: {},
      scoring: { priceWeight: 30, criteria: [{ name: '服务方案', weight: 70, maxPoints: 70 }] },
      bidDeadline: deadline.toISOString(),
    });
    expect(notice.status).toBe(201);
    const procurementId = notice.body.id as string;
    for (const [org, priceFen] of [[uscc, 180_000], [rival, 150_000]] as const)
      expect((await call('POST', `/procurements/${procurementId}/bids`, rep(org), { priceFen, technicalProposal: `方案-${org}`, declarations: [] })).status).toBe(201);
    // Not awarded yet: refused.
    expect(await call('POST', `${FT}/agreements`, department, agreementBody(itemId, uscc, { mode: 'PURCHASED', procurementId }))).toMatchObject({ status: 422, body: { code: 'FUNCTION_TRANSFER.PROCUREMENT_NOT_AWARDED_TO_ORGANIZATION' } });
    clock.set(new Date(deadline.getTime() + 3600_000));
    const marks = (org: string, points: number) => ({ bidderUscc: org, quality: [{ criterion: '服务方案', points }] });
    expect((await call('POST', `/procurements/${procurementId}/scores`, department, { scores: [marks(uscc, 70), marks(rival, 30)] })).status).toBe(201);
    expect(await call('POST', `/procurements/${procurementId}/award`, department, { reasons: ['综合得分最高'] })).toMatchObject({ status: 201, body: { winner: { bidderUscc: uscc } } });
    // Awarded to the chamber: the rival cannot hold the agreement on it, the chamber can.
    expect((await call('POST', `${FT}/agreements`, department, agreementBody(itemId, rival, { mode: 'PURCHASED', procurementId }))).status).toBeGreaterThanOrEqual(400);
    const concluded = await call('POST', `${FT}/agreements`, department, agreementBody(itemId, uscc, { mode: 'PURCHASED', procurementId, termStart: '2026-04-01', termEnd: '2027-03-31' }));
    expect(concluded).toMatchObject({ status: 201, body: { mode: 'PURCHASED', procurementId, uscc } });
    clock.set(start);
  });
});
