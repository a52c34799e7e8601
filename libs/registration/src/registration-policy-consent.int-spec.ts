import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { OfficialCalendars, OutboxMessageOrmEntity, type CloudEvent } from '@sop/messaging';
import { waitFor } from '@sop/testing';
import { residentIdCheckCharacter } from './domain/resident-id';
import { ApplicationOrmEntity, PersonalDataOrmEntity } from './infrastructure/registration.orm-entities';
import { registrationOverHttp } from './test-support/registration-http.fixture';

/**
 * Issue #3 over HTTP on real MySQL/MariaDB with the relay publishing to real Kafka: policy versions, statutory
 * checks, dual management with supervising-unit consent, refusals with reasons, deadlines, personal data.
 */
let idSerial = 100;
/** A fresh valid citizen ID number (GB 11643) born in Haidian. */
function residentId(): string {
  const body = `110108${19800101 + (idSerial++ % 27)}${String(idSerial).padStart(3, '0').slice(-3)}`;
  return body + residentIdCheckCharacter(body);
}

describe('registration policy, consent and personal data (HTTP, MySQL + Kafka)', () => {
  const f = registrationOverHttp('registration_issue3', '2026-11-25T08:00:00Z');
  const { clock, token, http } = f;
  let ds: DataSource;
  let app: INestApplication;

  const applicant = token(['applicant'], '110108', 'applicant-1');
  const haidian = token(['registrar'], '110108', 'registrar-haidian');
  const beijing = token(['registrar'], '110000', 'registrar-beijing');
  const shanghai = token(['registrar'], '310000', 'registrar-shanghai');
  const healthUnit = token(['supervising-unit'], '110108', 'health-user', 'unit-hd-health');
  const otherUnit = token(['supervising-unit'], '110108', 'edu-user', 'unit-hd-education');

  const outbox = () => ds.getRepository(OutboxMessageOrmEntity).find({ order: { id: 'ASC' } });
  const eventsOf = async (type: string, subject: string) =>
    (await outbox()).filter((r) => r.eventType === type && r.messageKey === subject).map((r) => JSON.parse(r.envelope) as CloudEvent<Record<string, unknown>>);

  const group = (name: string, extra: Record<string, unknown> = {}) => ({
    proposedName: name,
    form: 'SOCIAL_GROUP',
    category: 'SCIENCE_TECHNOLOGY',
    registeringAuthority: '110108',
    domicile: '北京市海淀区中关村南大街5号',
    purpose: '组织科技志愿服务',
    legalRepresentativeName: '李四',
    legalRepresentativeIdNumber: residentId(),
    registeredCapitalFen: 3_000_000,
    individualMembers: 50,
    ...extra,
  });
  const healthCentre = (name: string, extra: Record<string, unknown> = {}) => ({
    proposedName: name,
    form: 'SOCIAL_SERVICE_ORGANIZATION',
    category: 'HEALTH',
    registeringAuthority: '110108',
    domicile: '北京市海淀区学院路30号',
    purpose: '康复医疗服务',
    legalRepresentativeName: '王五',
    legalRepresentativeIdNumber: residentId(),
    registeredCapitalFen: 5_000_000,
    supervisingUnit: { id: 'unit-hd-health', name: '北京市海淀区卫生健康委员会' },
    ...extra,
  });

  beforeAll(() => {
    app = f.app;
    ds = f.ds;
  });

  it('rejects applications that break a statutory condition with a 4xx naming the rule, and stores nothing', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [group('北京市海淀区甲协会', { individualMembers: 49 }), 422, 'REGISTRATION.MEMBERS_BELOW_MINIMUM', 'individualMembers'],
      [group('北京市海淀区乙协会', { individualMembers: 10, unitMembers: 30 }), 422, 'REGISTRATION.MEMBERS_BELOW_MINIMUM', 'individualMembers'],
      [group('北京市海淀区丙协会', { registeredCapitalFen: 2_999_999 }), 422, 'REGISTRATION.FUNDS_BELOW_MINIMUM', 'registeredCapitalFen'],
      [group('北京市海淀区丁志愿者'), 422, 'REGISTRATION.NAME_FORM_WORD', 'proposedName'],
      [group('中华海淀科技协会'), 422, 'REGISTRATION.NAME_FORBIDDEN_WORD', 'proposedName'],
      // MCA Order 69 (regulations §1.1): division + field + form word; out-of-town chambers division + home place + 商会.
      [group('科技志愿者协会'), 422, 'REGISTRATION.NAME_DIVISION', 'proposedName'],
      [group('北京市海淀区协会'), 422, 'REGISTRATION.NAME_FIELD', 'proposedName'],
      [group('北京市海淀区北京商会'), 422, 'REGISTRATION.NAME_OUT_OF_TOWN_CHAMBER', 'proposedName'],
      [group('中国科技志愿者协会', { registeringAuthority: '100000', registeredCapitalFen: 10_000_000 }), 422, 'REGISTRATION.NAME_FORBIDDEN_WORD', 'nameApprovalReference'],
      [group('北京市海淀区戊协会', { legalRepresentativeIdNumber: '110108198001011238' }), 400, 'REGISTRATION.ID_NUMBER_INVALID', 'legalRepresentativeIdNumber'],
      [healthCentre('北京市海淀区己康复中心', { supervisingUnit: undefined }), 422, 'REGISTRATION.SUPERVISING_UNIT_REQUIRED', 'supervisingUnit'],
      [
        { ...group('北京市海淀区庚基金会'), form: 'FOUNDATION', foundationType: 'NON_PUBLIC', registeredCapitalFen: 200_000_000 },
        422,
        'REGISTRATION.FOUNDATION_AUTHORITY_LEVEL',
        'registeringAuthority',
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await http('POST', '/applications', applicant, body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(res.text).not.toContain(String(body['legalRepresentativeIdNumber']));
    }
    expect(await ds.getRepository(ApplicationOrmEntity).count()).toBe(0);
    expect(await ds.getRepository(PersonalDataOrmEntity).count()).toBe(0);
    expect(await outbox()).toHaveLength(0);
  });

  it('cannot approve a dual-management application without the named unit consent; only that unit consents', async () => {
    const submitted = await http('POST', '/applications', applicant, healthCentre('北京市海淀区康复医疗服务中心'));
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'AWAITING_CONSENT',
      regime: 'DUAL_MANAGEMENT',
      policyVersion: 'registration-regime/national-default@v1',
      consent: { status: 'PENDING' },
      linkedUnit: { id: 'unit-hd-health', role: 'BUSINESS_SUPERVISING_UNIT' },
    });
    const id = submitted.body.id as string;
    const outboxBefore = (await outbox()).length;

    const early = await http('POST', `/applications/${id}/approve`, haidian);
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('REGISTRATION.SUPERVISING_UNIT_CONSENT_REQUIRED');
    expect((await http('POST', `/applications/${id}/consent`, otherUnit)).body.code).toBe('REGISTRATION.NOT_NAMED_SUPERVISING_UNIT');
    expect((await http('POST', `/applications/${id}/consent`, haidian)).body.code).toBe('AUTH.ROLE_REQUIRED');
    expect((await http('GET', `/applications/${id}`, otherUnit)).status).toBe(404);
    expect(await ds.getRepository(ApplicationOrmEntity).findOneByOrFail({ id })).toMatchObject({ status: 'AWAITING_CONSENT', uscc: null });
    expect(await outbox()).toHaveLength(outboxBefore);

    const worklist = await http('GET', '/supervising-unit/applications', healthUnit);
    expect(worklist.body.items.map((a: { id: string }) => a.id)).toContain(id);

    clock.set(new Date('2026-12-01T00:00:00Z'));
    const consented = await http('POST', `/applications/${id}/consent`, healthUnit);
    expect(consented.status).toBe(200);
    // Consent at 08:00 Beijing on 1 December: 60 days from 2 December end at 24:00 Beijing on 30 January 2027 (provisional: no 2027 notice yet).
    expect(consented.body).toMatchObject({
      status: 'SUBMITTED',
      consent: { status: 'GIVEN' },
      decisionDueBy: '2027-01-30T16:00:00.000Z',
      decisionDueOn: '2027-01-30',
      decisionDueCalendarVersion: null,
    });
    expect((await http('POST', `/applications/${id}/consent`, healthUnit)).status).toBe(409);

    const approved = await http('POST', `/applications/${id}/approve`, haidian);
    expect(approved.status).toBe(200);
    const uscc = approved.body.organization.uscc as string;
    expect(uscc.slice(0, 8)).toBe('52110108');
    const [registered] = await eventsOf('registration.organization.registered', uscc);
    expect(registered).toMatchObject({
      policyversion: 'registration-regime/national-default@v1',
      data: { regime: 'DUAL_MANAGEMENT', linkedUnit: { unitId: 'unit-hd-health', name: '北京市海淀区卫生健康委员会', role: 'BUSINESS_SUPERVISING_UNIT' } },
    });
    expect(await eventsOf('registration.application.consent-given', id)).toHaveLength(1);
    await waitFor(async () => (await outbox()).every((r) => r.publishedAt !== null), 20000, 'relay published everything to Kafka');
  });

  it('records refusals with reasons; an out-of-jurisdiction registrar gets 403 and nothing changes', async () => {
    const refusedByUnit = await http('POST', '/applications', applicant, healthCentre('北京市海淀区护理服务中心'));
    expect((await http('POST', `/applications/${refusedByUnit.body.id}/refuse-consent`, healthUnit, { reasons: [] })).status).toBe(400);
    const r1 = await http('POST', `/applications/${refusedByUnit.body.id}/refuse-consent`, healthUnit, { reasons: ['不符合本区医疗机构设置规划'] });
    expect(r1.body).toMatchObject({ status: 'CONSENT_REFUSED', consent: { status: 'REFUSED', reasons: ['不符合本区医疗机构设置规划'] } });
    expect((await http('POST', `/applications/${refusedByUnit.body.id}/approve`, haidian)).status).toBe(422);

    const direct = await http('POST', '/applications', applicant, group('北京市海淀区青少年科技协会'));
    const id = direct.body.id as string;
    const outboxBefore = (await outbox()).length;
    for (const path of ['approve', 'refuse']) {
      const res = await http('POST', `/applications/${id}/${path}`, shanghai, path === 'refuse' ? { reasons: ['x'] } : {});
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'REGISTRATION.APPLICATION_NOT_FOUND' });
    }
    expect((await http('GET', `/applications/${id}`, shanghai)).status).toBe(404);
    expect(await ds.getRepository(ApplicationOrmEntity).findOneByOrFail({ id })).toMatchObject({ status: 'SUBMITTED', decidedAt: null });
    expect(await outbox()).toHaveLength(outboxBefore);

    const refused = await http('POST', `/applications/${id}/refuse`, beijing, { reasons: ['同一行政区域内已有业务范围相同的社会团体'], legalBasis: '社团条例 Art. 13(2)' });
    expect(refused.body).toMatchObject({ status: 'REFUSED', decisionReasons: ['同一行政区域内已有业务范围相同的社会团体'], decisionLegalBasis: '社团条例 Art. 13(2)' });
    expect((await eventsOf('registration.application.refused', id))[0].data).toMatchObject({ reasons: ['同一行政区域内已有业务范围相同的社会团体'] });
  });

  it('shows the decision deadline and flags it overdue after 60 days', async () => {
    clock.set(new Date('2026-12-02T00:00:00Z'));
    const submitted = await http('POST', '/applications', applicant, group('北京市海淀区天文爱好者协会'));
    expect(submitted.body).toMatchObject({ decisionDueBy: '2027-01-31T16:00:00.000Z', decisionDueOn: '2027-01-31', decisionOverdue: false });
    clock.set(new Date('2027-01-31T15:59:59.999Z')); // 23:59:59.999 Beijing on the last day
    expect((await http('GET', `/applications/${submitted.body.id}`, haidian)).body).toMatchObject({ status: 'SUBMITTED', decisionOverdue: false });
    clock.set(new Date('2027-01-31T16:00:00.000Z')); // 00:00 Beijing the day after
    expect((await http('GET', `/applications/${submitted.body.id}`, haidian)).body).toMatchObject({ status: 'SUBMITTED', decisionOverdue: true });
    await http('POST', `/applications/${submitted.body.id}/approve`, haidian);
    expect((await http('GET', `/applications/${submitted.body.id}`, haidian)).body.decisionOverdue).toBe(false);
    clock.set(new Date('2026-12-02T00:00:00Z'));
  });

  it('stores ID numbers encrypted, masks them for registrars only and keeps them out of events and public reads', async () => {
    const lr = '11010519491231002X';
    const officer = residentId();
    const submitted = await http('POST', '/applications', applicant, group('北京市海淀区机器人协会', { legalRepresentativeIdNumber: lr.toLowerCase(), officers: [{ name: '赵六', title: '秘书长', idNumber: officer }] }));
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    expect(submitted.text).not.toMatch(/11010519491231002X|110105\*/i);

    const asRegistrar = await http('GET', `/applications/${id}`, haidian);
    expect(asRegistrar.body.people).toEqual([
      { role: 'LEGAL_REPRESENTATIVE', name: '李四', title: null, idNumberMasked: '110***********002X' },
      { role: 'OFFICER', name: '赵六', title: '秘书长', idNumberMasked: `110***********${officer.slice(-4)}` },
    ]);
    const asApplicant = await http('GET', `/applications/${id}`, applicant);
    expect(asApplicant.status).toBe(200);
    expect(asApplicant.body.people[0]).not.toHaveProperty('idNumberMasked');

    const rows = await ds.getRepository(PersonalDataOrmEntity).findBy({ applicationId: id });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(JSON.stringify(row)).not.toMatch(new RegExp(`${lr}|${officer}`, 'i'));

    // 社团条例 Art. 12: the same person cannot be legal representative of a second social group.
    const second = await http('POST', '/applications', applicant, group('北京市海淀区无人机协会', { legalRepresentativeIdNumber: lr }));
    expect({ status: second.status, code: second.body.code }).toEqual({ status: 422, code: 'REGISTRATION.LEGAL_REPRESENTATIVE_OF_ANOTHER_GROUP' });

    const approved = await http('POST', `/applications/${id}/approve`, haidian);
    const publicRead = await http('GET', `/organizations/${approved.body.organization.uscc}`);
    expect(publicRead.status).toBe(200);
    const everything = (await outbox()).map((r) => r.envelope).join('\n') + publicRead.text + approved.text;
    expect(everything).not.toMatch(new RegExp(`${lr}|${officer}|\\*\\*\\*`, 'i'));
  });

  it('publishes policy versions by role and jurisdiction; decisions follow the effective date and record the version', async () => {
    clock.set(new Date('2026-12-02T00:00:00Z'));
    const version = {
      effectiveFrom: '2027-01-01T00:00:00Z',
      rules: [{ category: 'HEALTH', regime: 'DIRECT', source: '北京市民政局关于卫生健康类社会组织直接登记的通知 (test)' }],
    };
    expect((await http('POST', '/policy/rule-sets/110000/versions', haidian, version)).body.code).toBe('REGISTRATION.POLICY_PUBLISHER_LEVEL');
    expect((await http('POST', '/policy/rule-sets/110000/versions', shanghai, version)).body.code).toBe('AUTH.OUT_OF_JURISDICTION');
    expect((await http('POST', '/policy/rule-sets/110000/versions', applicant, version)).status).toBe(403);
    expect((await http('POST', '/policy/rule-sets/110000/versions', beijing, { ...version, effectiveFrom: '2026-12-01T00:00:00Z' })).body.code).toBe(
      'REGISTRATION.POLICY_EFFECTIVE_DATE_NOT_FUTURE',
    );
    expect((await http('POST', '/policy/rule-sets/110000/versions', beijing, { ...version, rules: [{ regime: 'SOMETIMES', source: 'x' }] })).status).toBe(400);
    // Effective dates are Beijing dates: today (2 December, Beijing) is not in the future; a bad date or a local time is a 400 naming the field.
    const { effectiveFrom: _instant, ...rulesOnly } = version;
    expect((await http('POST', '/policy/rule-sets/110000/versions', beijing, { ...rulesOnly, effectiveOn: '2026-12-02' })).body.code).toBe('REGISTRATION.POLICY_EFFECTIVE_DATE_NOT_FUTURE');
    const badDate = await http('POST', '/policy/rule-sets/110000/versions', beijing, { ...rulesOnly, effectiveOn: '2027-02-29' });
    expect({ status: badDate.status, field: badDate.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'effectiveOn' });
    const localTime = await http('POST', '/policy/rule-sets/110000/versions', beijing, { ...rulesOnly, effectiveFrom: '2027-01-01T00:00:00' });
    expect({ status: localTime.status, field: localTime.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'effectiveFrom' });
    const both = await http('POST', '/policy/rule-sets/110000/versions', beijing, { ...version, effectiveOn: '2027-01-01' });
    expect({ status: both.status, field: both.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'effectiveOn' });

    const published = await http('POST', '/policy/rule-sets/110000/versions', beijing, version);
    expect(published.status).toBe(201);
    // The instant (kept for compatibility) names 1 January: the version applies from 00:00 Beijing time.
    expect(published.body).toMatchObject({ policyVersion: 'registration-regime/110000@v1', effectiveFrom: '2026-12-31T16:00:00.000Z', effectiveOn: '2027-01-01' });
    expect(await eventsOf('registration.policy.version-published', 'registration-regime/110000')).toHaveLength(1);

    const versions = await http('GET', '/policy/versions');
    expect(versions.body.items.map((v: { policyVersion: string }) => v.policyVersion)).toEqual(
      expect.arrayContaining(['registration-regime/national-default@v1', 'registration-regime/110000@v1']),
    );
    const q = '/policy/decision?registeringAuthority=110108&form=SOCIAL_SERVICE_ORGANIZATION&category=HEALTH';
    expect((await http('GET', q)).body).toMatchObject({ regime: 'DUAL_MANAGEMENT', policyVersion: 'registration-regime/national-default@v1' });
    expect((await http('GET', `${q}&asOf=2027-01-01T00:00:00Z`)).body).toMatchObject({ regime: 'DIRECT', policyVersion: 'registration-regime/110000@v1' });
    expect((await http('GET', `${q}&asOf=2026-12-31T15:59:59.999Z`)).body).toMatchObject({ regime: 'DUAL_MANAGEMENT' });
    expect((await http('GET', `${q}&asOf=2026-12-31T16:00:00Z`)).body).toMatchObject({ regime: 'DIRECT', policyVersion: 'registration-regime/110000@v1' });
    expect((await http('GET', `${q}&asOf=${encodeURIComponent('2027-01-01T00:00:00+08:00')}`)).body).toMatchObject({ regime: 'DIRECT' });
    // A time without its offset (or a bare date) is not an instant: 400 naming the field.
    for (const asOf of ['2027-01-01T00:00:00', '2027-01-01']) {
      const res = await http('GET', `${q}&asOf=${asOf}`);
      expect({ status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'asOf' });
    }

    const before = await http('POST', '/applications', applicant, healthCentre('北京市海淀区社区康复中心'));
    expect(before.body).toMatchObject({ regime: 'DUAL_MANAGEMENT', policyVersion: 'registration-regime/national-default@v1' });
    clock.set(new Date('2027-01-02T00:00:00Z'));
    const after = await http('POST', '/applications', applicant, healthCentre('北京市海淀区口腔健康服务中心', { supervisingUnit: undefined }));
    expect(after.body).toMatchObject({ status: 'SUBMITTED', regime: 'DIRECT', policyVersion: 'registration-regime/110000@v1', consent: { status: 'NOT_REQUIRED' } });
    // Shanghai still follows the national default.
    expect((await http('GET', '/policy/decision?registeringAuthority=310104&form=SOCIAL_SERVICE_ORGANIZATION&category=HEALTH')).body.regime).toBe('DUAL_MANAGEMENT');
  });

  it('compares the regimes before and after the effective date, inside the jurisdiction only', async () => {
    const q = '/metrics/regimes?jurisdiction=110000&from=2026-01-01T00:00:00Z&to=2027-12-31T00:00:00Z&splitAt=2027-01-01T00:00:00Z';
    expect((await http('GET', q, shanghai)).body.code).toBe('AUTH.OUT_OF_JURISDICTION');
    const res = await http('GET', q, beijing);
    expect(res.status).toBe(200);
    const [before, after] = res.body.periods;
    expect(before.regimes.DUAL_MANAGEMENT).toMatchObject({ steps: 3, approved: 1, consentRefused: 1, meanDaysToRegister: expect.any(Number) });
    expect(before.regimes.DIRECT).toMatchObject({ steps: 2, refused: 1 });
    expect(after.regimes.DIRECT).toMatchObject({ submitted: 1, pending: 1 });
    expect(after.regimes.DUAL_MANAGEMENT.submitted).toBe(0);

    // The same periods as Beijing dates: from 00:00 Beijing on the first day, to 24:00 Beijing on the last.
    const byDate = await http('GET', '/metrics/regimes?jurisdiction=110000&from=2026-01-01&to=2027-12-31&splitAt=2027-01-01', beijing);
    expect(byDate.status).toBe(200);
    expect(byDate.body.periods.map((p: { from: string; to: string; fromDate: string; toDate: string }) => [p.from, p.to, p.fromDate, p.toDate])).toEqual([
      ['2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026-01-01', '2026-12-31'],
      ['2026-12-31T16:00:00.000Z', '2027-12-31T16:00:00.000Z', '2027-01-01', '2027-12-31'],
    ]);
    expect(byDate.body.periods[1].regimes.DIRECT).toMatchObject({ submitted: 1, pending: 1 });
    const bad = await http('GET', '/metrics/regimes?jurisdiction=110000&from=2026-02-30', beijing);
    expect({ status: bad.status, field: bad.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'from' });
  });

  it('changes, revokes and reads the public history and asOf over HTTP', async () => {
    clock.set(new Date('2027-02-01T00:00:00Z'));
    const submitted = await http('POST', '/applications', applicant, group('北京市海淀区量子科技协会'));
    const uscc = (await http('POST', `/applications/${submitted.body.id}/approve`, haidian)).body.organization.uscc as string;
    clock.set(new Date('2027-02-10T00:00:00Z'));
    expect((await http('POST', `/organizations/${uscc}/changes`, shanghai, { domicile: '上海市' })).status).toBe(404);
    // Civil dates are YYYY-MM-DD real days (Beijing): a bad one is a 400 naming the field.
    for (const [path, body, field] of [
      ['changes', { domicile: '北京市海淀区学院路9号', effectiveOn: '2027-02-30' }, 'effectiveOn'],
      ['changes', { domicile: '北京市海淀区学院路9号', effectiveOn: '2027-02-10T00:00:00Z' }, 'effectiveOn'],
      ['deregistration', { reason: '自行解散', liquidationCompletedOn: '2027-13-01' }, 'liquidationCompletedOn'],
    ] as const) {
      const res = await http('POST', `/organizations/${uscc}/${path}`, haidian, body);
      expect({ status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ status: 400, field });
    }
    // Effective on 10 February (Beijing): from 00:00 Beijing time, 16:00 UTC on 9 February.
    const changed = await http('POST', `/organizations/${uscc}/changes`, haidian, { domicile: '北京市海淀区学院路9号', effectiveOn: '2027-02-10' });
    expect(changed.body).toMatchObject({ domicile: '北京市海淀区学院路9号', status: 'REGISTERED' });
    clock.set(new Date('2027-03-01T00:00:00Z'));
    const idle = { ground: 'NO_ACTIVITY_FOR_ONE_YEAR', revocationKind: 'CERTIFICATE_REVOKED', reason: '成立后无正当理由一年未开展活动' };
    // The request names an enumerated ground and the kind (吊销 or 撤销), regulations §1.
    expect((await http('POST', `/organizations/${uscc}/revocation`, haidian, { reason: idle.reason, legalBasis: '社团条例 Art. 29' })).status).toBe(400);
    expect((await http('POST', `/organizations/${uscc}/revocation`, haidian, { ...idle, ground: 'DISLIKED' })).status).toBe(400);
    // Registered on 1 February 2027: no year without activity can have passed on 1 March (社团条例 Art. 29).
    const early = await http('POST', `/organizations/${uscc}/revocation`, haidian, idle);
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'REGISTRATION.REVOCATION_GROUND_NOT_MET' });
    const wrongBasis = await http('POST', `/organizations/${uscc}/revocation`, haidian, { ...idle, ground: 'FRAUD_IN_REGISTRATION', legalBasis: '民非条例 Art. 24' });
    expect({ status: wrongBasis.status, code: wrongBasis.body.code }).toEqual({ status: 422, code: 'REGISTRATION.REVOCATION_GROUND_NOT_LISTED' });
    const fraud = { ground: 'FRAUD_IN_REGISTRATION', revocationKind: 'REGISTRATION_CANCELLED', reason: '弄虚作假骗取登记', legalBasis: '社团条例 Art. 29' };
    expect((await http('POST', `/organizations/${uscc}/revocation`, haidian, fraud)).body).toMatchObject({ status: 'REVOKED', revocationKind: 'REGISTRATION_CANCELLED' });
    const history = await http('GET', `/organizations/${uscc}/history`);
    expect(history.body.items.map((v: { changeType: string }) => v.changeType)).toEqual(['REGISTERED', 'CHANGED', 'REVOKED']);
    expect(history.text).not.toContain('registrar-haidian');
    expect((await http('GET', `/organizations/${uscc}?asOf=2027-02-05T00:00:00Z`)).body).toMatchObject({ domicile: '北京市海淀区中关村南大街5号', status: 'REGISTERED', version: 1 });
    expect((await http('GET', `/organizations/${uscc}?asOf=2027-02-20T00:00:00Z`)).body).toMatchObject({ domicile: '北京市海淀区学院路9号', version: 2 });
    expect(history.body.items[1]).toMatchObject({ changeType: 'CHANGED', effectiveAt: '2027-02-09T16:00:00.000Z' });
    expect((await http('GET', `/organizations/${uscc}?asOf=2027-02-09T15:59:59.999Z`)).body).toMatchObject({ version: 1 });
    expect((await http('GET', `/organizations/${uscc}?asOf=${encodeURIComponent('2027-02-10T00:00:00+08:00')}`)).body).toMatchObject({ version: 2 });
    expect((await http('GET', `/organizations/${uscc}`)).body).toMatchObject({ status: 'REVOKED', revocationKind: 'REGISTRATION_CANCELLED' });
    expect(history.body.items[2]).toMatchObject({ entry: { status: 'REVOKED', revocationKind: 'REGISTRATION_CANCELLED' }, details: { ground: 'FRAUD_IN_REGISTRATION', legalBasis: '社团条例 Art. 29' } });
  });

  it('lists its problem codes at GET /errors with the status each one answers with', async () => {
    const res = await http('GET', '/errors');
    expect(res.status).toBe(200);
    const byCode = new Map((res.body.codes as { code: string; status: number; kind: string; meaning: string }[]).map((c) => [c.code, c]));
    expect(byCode.get('REGISTRATION.NAME_TAKEN')).toMatchObject({ status: 409, kind: 'CONFLICT' });
    expect(byCode.get('REGISTRATION.MEMBERS_BELOW_MINIMUM')).toMatchObject({ status: 422, kind: 'REFUSED', meaning: expect.stringContaining('社团条例 Art. 10(1)') });
    expect(byCode.get('REGISTRATION.ID_NUMBER_INVALID')).toMatchObject({ status: 400 });
    expect(byCode.get('REGISTRATION.POLICY_VERSION_NOT_FOUND')).toMatchObject({ status: 404 });
    expect(byCode.get('AUTH.OUT_OF_JURISDICTION')).toMatchObject({ status: 403 });
    // A filing period whose last day falls in a year the official calendar has no notice for (change filing, deregistration).
    expect(byCode.get('CALENDAR.YEAR_NOT_PUBLISHED')).toMatchObject({ status: 422, kind: 'REFUSED' });
    const answer = async (path: string) => {
      const r = await http('GET', path);
      return { status: r.status, code: r.body.code };
    };
    expect(await answer('/policy/rule-sets/110000/versions/99')).toEqual({ status: 404, code: 'REGISTRATION.POLICY_VERSION_NOT_FOUND' });
    expect(await answer('/policy/rule-sets/000000/versions/1')).toEqual({ status: 404, code: 'REGISTRATION.POLICY_VERSION_NOT_FOUND' });
    expect(await answer('/policy/rule-sets/11000/versions/1')).toEqual({ status: 400, code: 'REGISTRATION.POLICY_JURISDICTION' });
  });

  // Last: it adds 2027 to this service's calendar.
  it('places deadlines by the calendar the service holds: a year published later moves provisional deadlines off rest days', async () => {
    clock.set(new Date('2026-12-02T00:00:00Z'));
    const before = await http('POST', '/applications', applicant, group('北京市海淀区气象爱好者协会'));
    // Day 60 is Sunday 31 January 2027; without the 2027 notice it stays there, provisionally.
    expect(before.body).toMatchObject({ decisionDueOn: '2027-01-31', decisionDueCalendarVersion: null });
    const notice2027 = { year: 2027, source: 'test notice for 2027', holidays: ['2027-01-01'], workingWeekends: [] };
    await app.get(OfficialCalendars).record(ds.manager, { calendarId: 'cn-official-holidays', version: 2, publishedAt: clock.now(), ...notice2027 });
    const placed = { decisionDueOn: '2027-02-01', decisionDueBy: '2027-02-01T16:00:00.000Z', decisionDueCalendarVersion: 'cn-official-holidays@v2' };
    expect((await http('GET', `/applications/${before.body.id}`, haidian)).body).toMatchObject(placed);
    expect((await http('POST', '/applications', applicant, group('北京市海淀区观鸟协会'))).body).toMatchObject(placed);
  });

  it('registers a national name with 中国 on its approval reference and an out-of-town chamber (MCA Order 69, regulations §1.1)', async () => {
    const national = token(['registrar'], '100000', 'registrar-national');
    const approved = await http('POST', '/applications', applicant, group('中国青少年科技志愿者协会', { registeringAuthority: '100000', registeredCapitalFen: 10_000_000, nameApprovalReference: '国函〔2027〕12号' }));
    expect(approved.status).toBe(201);
    expect((await http('GET', `/applications/${approved.body.id}`, national)).body).toMatchObject({ proposedName: '中国青少年科技志愿者协会', nameApprovalReference: '国函〔2027〕12号', checksVersion: 'founding-conditions/national@v2' });
    const chamber = await http('POST', '/applications', applicant, group('北京市海淀区浙江商会'));
    expect(chamber.status).toBe(201);
    expect((await http('GET', `/applications/${chamber.body.id}`, haidian)).body).toMatchObject({ nameApprovalReference: null });
  });
});
