import {
  OrganizationDeregistered,
  OrganizationRegistered,
  OrganizationRevoked,
  type OrganizationDeregisteredV1,
  type OrganizationRegisteredV1,
  type OrganizationRevokedV1,
} from '@sop/contracts';
import { buildCloudEvent, dataschemaOf, type CloudEvent, type OfficialCalendars, type Tx } from '@sop/messaging';
import { CN_OFFICIAL_CALENDAR, MovableClock, type Clock } from '@sop/util';
import type { GradeRecord } from '../../domain/grade';
import { gradeRecord } from '../../test-support/grade-record.fixture';
import { organizationRegisteredData } from '../../test-support/organization-registered.fixture';
import {
  evaluationOrganization,
  InMemoryComplianceFactsStore,
  InMemoryCreditMeasuresStore,
  InMemoryGradeStore,
  InMemoryOrganizationStore,
  InMemoryVerificationCaseStore,
} from '../../test-support/in-memory-stores';
import { OpenVerificationCase } from '../verification-cases/open-verification-case';
import { OrganizationAccess } from './organization-access';
import { OrganizationViewQuery } from './organization-view.query';
import { RegistrationLifecycle } from './registration-lifecycle.use-cases';

/** The stores the lifecycle events touch, with their rows at hand. */
const stores = () => {
  const organizations = new InMemoryOrganizationStore();
  const grades = new InMemoryGradeStore();
  const cases = new InMemoryVerificationCaseStore();
  const measures = new InMemoryCreditMeasuresStore();
  return { organizations, grades, cases, measures, orgs: organizations.orgs, gradeRows: grades.gradeRows, caseRows: cases.caseRows };
};
type Stores = ReturnType<typeof stores>;
const lifecycleOver = (s: Stores, clock: Clock) => new RegistrationLifecycle(s.organizations, s.grades, new OpenVerificationCase(s.cases), clock);

/** The calendars a service holds when nothing was published after the build. */
const SHIPPED_CALENDARS = { current: () => CN_OFFICIAL_CALENDAR } as unknown as OfficialCalendars;

describe('evaluation follows registration status (OrganizationRevoked / OrganizationDeregistered)', () => {
  const uscc = '52110108MJ0000018M';
  const now = new Date('2026-09-01T00:00:00.000Z');
  const tx = {} as Tx;
  let store: Stores;
  let service: RegistrationLifecycle;

  const org = () => evaluationOrganization({ uscc });
  const gradeInForce: GradeRecord = gradeRecord({ uscc });
  const revoked = (code = uscc): CloudEvent<OrganizationRevokedV1> =>
    buildCloudEvent(
      'registration',
      dataschemaOf(OrganizationRevoked),
      { type: OrganizationRevoked.type, subject: code, data: { uscc: code, registeringAuthority: '110108', reason: '连续两年未年检', legalBasis: '民办非企业单位登记管理暂行条例第25条', revokedAt: '2026-08-20T00:00:00.000Z' } },
      now,
    );
  const deregistered = (): CloudEvent<OrganizationDeregisteredV1> =>
    buildCloudEvent(
      'registration',
      dataschemaOf(OrganizationDeregistered),
      { type: OrganizationDeregistered.type, subject: uscc, data: { uscc, registeringAuthority: '110108', reason: '清算完毕', liquidationCompletedOn: '2026-08-10', filedLate: false, deregisteredAt: '2026-08-25T00:00:00.000Z' } },
      now,
    );

  beforeEach(() => {
    store = stores();
    service = lifecycleOver(store, new MovableClock(now));
  });

  it('an unknown organization: records nothing, opens nothing, does not throw', async () => {
    await expect(service.revoked(revoked(), tx)).resolves.toBeUndefined();
    await expect(service.deregistered(deregistered(), tx)).resolves.toBeUndefined();
    expect(store.orgs.size).toBe(0);
    expect(store.caseRows.size).toBe(0);
  });

  it('revoked without a grade in force: status and time recorded, no case', async () => {
    store.orgs.set(uscc, org());
    const event = revoked();
    await service.revoked(event, tx);
    expect(store.orgs.get(uscc)).toMatchObject({ registrationStatus: 'REVOKED', registrationStatusAt: new Date('2026-08-20T00:00:00.000Z'), registrationStatusEventId: event.id });
    expect(store.caseRows.size).toBe(0);
  });

  it('revoked with a grade in force: the grade is kept and one REGISTRATION_REVOKED case cites the event; again changes nothing', async () => {
    store.orgs.set(uscc, org());
    store.gradeRows.push(gradeInForce);
    const event = revoked();
    await service.revoked(event, tx);
    const cases = [...store.caseRows.values()];
    expect(cases).toEqual([expect.objectContaining({ uscc, gradeId: 'g-1', status: 'OPEN', cause: 'REGISTRATION_REVOKED', evidence: [event.id], openedAt: now, ruleVersion: 'evaluation/measures-2026@v1' })]);
    expect(store.gradeRows[0]).toMatchObject({ status: 'ACTIVE', grade: '4A' });

    await service.revoked(event, tx);
    await service.revoked(revoked(), tx); // another revocation report: status unchanged, nothing added
    expect([...store.caseRows.values()]).toEqual(cases);
    expect(store.orgs.get(uscc)?.registrationStatusEventId).toBe(event.id);
  });

  it('deregistered with a grade in force: DEREGISTERED case; after a revocation the event joins the open case; deregistration is final', async () => {
    store.orgs.set(uscc, org());
    store.gradeRows.push(gradeInForce);
    const dereg = deregistered();
    await service.deregistered(dereg, tx);
    expect(store.orgs.get(uscc)).toMatchObject({ registrationStatus: 'DEREGISTERED', registrationStatusAt: new Date('2026-08-25T00:00:00.000Z') });
    expect([...store.caseRows.values()]).toEqual([expect.objectContaining({ cause: 'DEREGISTERED', evidence: [dereg.id] })]);
    await service.revoked(revoked(), tx);
    expect(store.orgs.get(uscc)?.registrationStatus).toBe('DEREGISTERED');
    expect([...store.caseRows.values()]).toEqual([expect.objectContaining({ cause: 'DEREGISTERED', evidence: [dereg.id] })]);

    const other = stores();
    other.orgs.set(uscc, org());
    other.gradeRows.push(gradeInForce);
    const s2 = lifecycleOver(other, new MovableClock(now));
    const rev = revoked();
    await s2.revoked(rev, tx);
    await s2.deregistered(dereg, tx);
    expect(other.orgs.get(uscc)?.registrationStatus).toBe('DEREGISTERED');
    expect([...other.caseRows.values()]).toEqual([expect.objectContaining({ cause: 'REGISTRATION_REVOKED', evidence: [rev.id, dereg.id] })]);
  });

  it('the organization view shows the registration status and refuses evaluation with ORGANIZATION_NOT_ACTIVE', async () => {
    store.orgs.set(uscc, org());
    const evaluator = { subject: 'e', roles: ['evaluator' as const], jurisdiction: '110000' };
    const view = new OrganizationViewQuery(new OrganizationAccess(store.organizations), store.grades, store.measures, new MovableClock(now), SHIPPED_CALENDARS, new InMemoryComplianceFactsStore());
    expect(await view.execute(uscc, evaluator)).toMatchObject({ registrationStatus: 'ACTIVE', registrationStatusAt: null, eligibility: { eligible: true } });
    await service.revoked(revoked(), tx);
    expect(await view.execute(uscc, evaluator)).toMatchObject({
      registrationStatus: 'REVOKED',
      registrationStatusAt: '2026-08-20T00:00:00.000Z',
      eligibility: { eligible: false, reason: { code: 'EVALUATION.NOT_ELIGIBLE', field: 'uscc', rule: 'ORGANIZATION_NOT_ACTIVE' } },
    });
  });
});

describe('OrganizationRegistered → the organization evaluation knows, eligible 2 full years later', () => {
  const uscc = '52110108MJ0000018M';
  const now = new Date('2026-09-01T00:00:00.000Z');
  const registered = (name: string): CloudEvent<OrganizationRegisteredV1> =>
    buildCloudEvent(
      'registration',
      dataschemaOf(OrganizationRegistered),
      {
        type: OrganizationRegistered.type,
        subject: uscc,
        data: organizationRegisteredData({ uscc, name, registeredAt: '2024-02-29T00:00:00.000Z' }),
      },
      now,
    );

  it('is saved with its eligibility date; a later report updates it and keeps a status registration ended meanwhile', async () => {
    const s = stores();
    const lifecycle = lifecycleOver(s, new MovableClock(now));
    await lifecycle.registered(registered('北京市海淀区测试社区服务中心'), {} as Tx);
    expect(s.orgs.get(uscc)).toMatchObject({ registeredAt: new Date('2024-02-29T00:00:00.000Z'), eligibleFrom: new Date('2026-02-28T16:00:00.000Z'), registrationStatus: 'ACTIVE' }); // 00:00 Beijing time on 1 March 2026 (was 00:00Z)
    await s.organizations.setRegistrationStatus({} as Tx, uscc, 'REVOKED', now, 'e-1');
    await lifecycle.registered(registered('北京市海淀区新名称社区服务中心'), {} as Tx);
    expect(s.orgs.get(uscc)).toMatchObject({ name: '北京市海淀区新名称社区服务中心', registrationStatus: 'REVOKED' });
  });
});
