import { GradeExpired, OrganizationDeregistered, OrganizationRevoked, type OrganizationDeregisteredV1, type OrganizationRevokedV1 } from '@sop/contracts';
import { buildCloudEvent, dataschemaOf, type CloudEvent, type NewEvent, type Tx, type UnitOfWork } from '@sop/messaging';
import { MovableClock } from '@sop/util';
import type { EndedRegistrationStatus } from '../domain/registration-status';
import { gradeRecord } from '../test-support/grade-record.fixture';
import type { GradeRecord } from '../domain/grade';
import {
  EvaluationStore,
  type CaseStatus,
  type CreditMeasuresRecord,
  type EvaluationOrganization,
  type GradeAdjustmentRecord,
  type VerificationCase,
} from './evaluation.ports';
import { EvaluationService } from './evaluation.service';

/** Just enough of the store for the consumed registration events. */
class InMemoryStore extends EvaluationStore {
  readonly orgs = new Map<string, EvaluationOrganization>();
  readonly gradeRows: GradeRecord[] = [];
  readonly caseRows = new Map<string, VerificationCase>();
  async organization(_tx: Tx | null, uscc: string) {
    const o = this.orgs.get(uscc);
    return o ? { ...o } : null;
  }
  async lockOrganization(): Promise<void> {
    // one test at a time: nothing to lock
  }
  async setRegistrationStatus(_tx: Tx, uscc: string, status: EndedRegistrationStatus, at: Date, eventId: string): Promise<void> {
    const o = this.orgs.get(uscc);
    if (o) this.orgs.set(uscc, { ...o, registrationStatus: status, registrationStatusAt: at, registrationStatusEventId: eventId });
  }
  async grades(_tx: Tx | null, uscc: string) {
    return this.gradeRows.filter((g) => g.uscc === uscc);
  }
  async grade(_tx: Tx | null, gradeId: string) {
    return this.gradeRows.find((g) => g.gradeId === gradeId) ?? null;
  }
  async insertGrade(): Promise<void> {
    throw new Error('insertGrade: not used by these tests');
  }
  async updateGrade(): Promise<void> {
    throw new Error('updateGrade: not used by these tests');
  }
  async gradesDueToExpire(before: string, limit: number) {
    return this.gradeRows.filter((g) => g.status === 'ACTIVE' && g.validUntil < before && !g.expiryPublishedAt).slice(0, limit);
  }
  async markExpiryPublished(_tx: Tx, gradeId: string, at: Date): Promise<boolean> {
    const g = this.gradeRows.find((r) => r.gradeId === gradeId);
    if (!g || g.expiryPublishedAt) return false;
    g.expiryPublishedAt = at.toISOString();
    return true;
  }
  async insertAdjustment(): Promise<void> {
    throw new Error('insertAdjustment: not used by these tests');
  }
  async adjustmentsOf(): Promise<GradeAdjustmentRecord[]> {
    return [];
  }
  async creditMeasures(): Promise<CreditMeasuresRecord | null> {
    return null;
  }
  async saveCreditMeasures(): Promise<void> {
    throw new Error('saveCreditMeasures: not used by these tests');
  }
  async openCasesOfGrade(_tx: Tx, gradeId: string) {
    return [...this.caseRows.values()].filter((c) => c.gradeId === gradeId && c.status === 'OPEN');
  }
  async verificationCase(_tx: Tx | null, id: string) {
    return this.caseRows.get(id) ?? null;
  }
  async saveCase(_tx: Tx, c: VerificationCase): Promise<void> {
    this.caseRows.set(c.id, c);
  }
  async cases(_filter: { status?: CaseStatus }): Promise<VerificationCase[]> {
    return [...this.caseRows.values()];
  }
}

describe('evaluation follows registration status (OrganizationRevoked / OrganizationDeregistered)', () => {
  const uscc = '52110108MJ0000018M';
  const now = new Date('2026-09-01T00:00:00.000Z');
  const tx = {} as Tx;
  let store: InMemoryStore;
  let service: EvaluationService;

  const org = (): EvaluationOrganization => ({
    uscc,
    name: '北京市海淀区测试社区服务中心',
    form: 'SOCIAL_SERVICE_ORGANIZATION',
    category: 'URBAN_RURAL_COMMUNITY_SERVICE',
    registeringAuthority: '110108',
    registeredAt: new Date('2020-01-02T00:00:00Z'),
    eligibleFrom: new Date('2022-01-02T00:00:00Z'),
    registrationStatus: 'ACTIVE',
    registrationStatusAt: null,
    registrationStatusEventId: null,
  });
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
    store = new InMemoryStore();
    service = new EvaluationService({} as UnitOfWork, store, new MovableClock(now));
  });

  it('an unknown organization: records nothing, opens nothing, does not throw', async () => {
    await expect(service.onOrganizationRevoked(revoked(), tx)).resolves.toBeUndefined();
    await expect(service.onOrganizationDeregistered(deregistered(), tx)).resolves.toBeUndefined();
    expect(store.orgs.size).toBe(0);
    expect(store.caseRows.size).toBe(0);
  });

  it('revoked without a grade in force: status and time recorded, no case', async () => {
    store.orgs.set(uscc, org());
    const event = revoked();
    await service.onOrganizationRevoked(event, tx);
    expect(store.orgs.get(uscc)).toMatchObject({ registrationStatus: 'REVOKED', registrationStatusAt: new Date('2026-08-20T00:00:00.000Z'), registrationStatusEventId: event.id });
    expect(store.caseRows.size).toBe(0);
  });

  it('revoked with a grade in force: the grade is kept and one REGISTRATION_REVOKED case cites the event; again changes nothing', async () => {
    store.orgs.set(uscc, org());
    store.gradeRows.push(gradeInForce);
    const event = revoked();
    await service.onOrganizationRevoked(event, tx);
    const cases = [...store.caseRows.values()];
    expect(cases).toEqual([expect.objectContaining({ uscc, gradeId: 'g-1', status: 'OPEN', cause: 'REGISTRATION_REVOKED', evidence: [event.id], openedAt: now, ruleVersion: 'evaluation/measures-2026@v1' })]);
    expect(store.gradeRows[0]).toMatchObject({ status: 'ACTIVE', grade: '4A' });

    await service.onOrganizationRevoked(event, tx);
    await service.onOrganizationRevoked(revoked(), tx); // another revocation report: status unchanged, nothing added
    expect([...store.caseRows.values()]).toEqual(cases);
    expect(store.orgs.get(uscc)?.registrationStatusEventId).toBe(event.id);
  });

  it('deregistered with a grade in force: DEREGISTERED case; after a revocation the event joins the open case; deregistration is final', async () => {
    store.orgs.set(uscc, org());
    store.gradeRows.push(gradeInForce);
    const dereg = deregistered();
    await service.onOrganizationDeregistered(dereg, tx);
    expect(store.orgs.get(uscc)).toMatchObject({ registrationStatus: 'DEREGISTERED', registrationStatusAt: new Date('2026-08-25T00:00:00.000Z') });
    expect([...store.caseRows.values()]).toEqual([expect.objectContaining({ cause: 'DEREGISTERED', evidence: [dereg.id] })]);
    await service.onOrganizationRevoked(revoked(), tx);
    expect(store.orgs.get(uscc)?.registrationStatus).toBe('DEREGISTERED');
    expect([...store.caseRows.values()]).toEqual([expect.objectContaining({ cause: 'DEREGISTERED', evidence: [dereg.id] })]);

    const other = new InMemoryStore();
    other.orgs.set(uscc, org());
    other.gradeRows.push(gradeInForce);
    const s2 = new EvaluationService({} as UnitOfWork, other, new MovableClock(now));
    const rev = revoked();
    await s2.onOrganizationRevoked(rev, tx);
    await s2.onOrganizationDeregistered(dereg, tx);
    expect(other.orgs.get(uscc)?.registrationStatus).toBe('DEREGISTERED');
    expect([...other.caseRows.values()]).toEqual([expect.objectContaining({ cause: 'REGISTRATION_REVOKED', evidence: [rev.id, dereg.id] })]);
  });

  it('the organization view shows the registration status and refuses evaluation with ORGANIZATION_NOT_ACTIVE', async () => {
    store.orgs.set(uscc, org());
    const evaluator = { subject: 'e', roles: ['evaluator' as const], jurisdiction: '110000' };
    expect(await service.organizationView(uscc, evaluator)).toMatchObject({ registrationStatus: 'ACTIVE', registrationStatusAt: null, eligibility: { eligible: true } });
    await service.onOrganizationRevoked(revoked(), tx);
    expect(await service.organizationView(uscc, evaluator)).toMatchObject({
      registrationStatus: 'REVOKED',
      registrationStatusAt: '2026-08-20T00:00:00.000Z',
      eligibility: { eligible: false, reason: { code: 'EVALUATION.NOT_ELIGIBLE', field: 'uscc', rule: 'ORGANIZATION_NOT_ACTIVE' } },
    });
  });
});

describe('GradeExpired once per grade whose validity ended (publishDueExpiries)', () => {
  const base: GradeRecord = gradeRecord({ gradeId: 'g-a' });
  let store: InMemoryStore;
  let events: NewEvent<object>[];
  let service: EvaluationService;
  const clock = new MovableClock(new Date('2031-12-31T23:59:59.999Z'));

  beforeEach(() => {
    store = new InMemoryStore();
    events = [];
    // A unit of work whose outbox is a list; a failing transaction leaves it unchanged.
    const uow = {
      run: async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
        const pending: NewEvent<object>[] = [];
        const publish: Tx['publish'] = async (contract, e) => (pending.push({ type: contract.type, ...e }), { id: 'x' } as CloudEvent<never>);
        const result = await work({ publish } as unknown as Tx);
        events.push(...pending);
        return result;
      },
    } as unknown as UnitOfWork;
    service = new EvaluationService(uow, store, clock);
  });

  it('publishes the payload of the contract once; a second run publishes nothing; SUPERSEDED and CANCELLED grades never', async () => {
    store.gradeRows.push(
      { ...base },
      { ...base, gradeId: 'g-lowered', uscc: '52110108MJ0000026F', grade: '2A', validUntil: '2030-11-17', ruleVersion: 'evaluation/order-39@v1' },
      { ...base, gradeId: 'g-superseded', status: 'SUPERSEDED', supersededByGradeId: 'g-a' },
      { ...base, gradeId: 'g-cancelled', status: 'CANCELLED' },
      { ...base, gradeId: 'g-later', validUntil: '2032-12-31' },
    );
    expect(await service.publishDueExpiries()).toBe(1); // only the lowered one, ended 2030-11-17
    clock.set(new Date('2032-01-01T00:00:00.000Z'));
    expect(await service.publishDueExpiries()).toBe(1);
    expect(events).toEqual([
      {
        type: GradeExpired.type,
        subject: '52110108MJ0000026F',
        policyVersion: 'evaluation/order-39@v1',
        data: { gradeId: 'g-lowered', uscc: '52110108MJ0000026F', grade: '2A', validUntil: '2030-11-17', expiredAt: '2030-11-18T00:00:00.000Z', ruleVersion: 'evaluation/order-39@v1' },
      },
      {
        type: GradeExpired.type,
        subject: base.uscc,
        policyVersion: 'evaluation/measures-2026@v1',
        data: { gradeId: 'g-a', uscc: base.uscc, grade: '4A', validUntil: '2031-12-31', expiredAt: '2032-01-01T00:00:00.000Z', ruleVersion: 'evaluation/measures-2026@v1' },
      },
    ]);
    expect(await service.publishDueExpiries(new Date('2040-01-01T00:00:00.000Z'))).toBe(1); // g-later only
    expect(await service.publishDueExpiries(new Date('2040-01-01T00:00:00.000Z'))).toBe(0);
    expect(events.map((e) => (e.data as { gradeId: string }).gradeId)).toEqual(['g-lowered', 'g-a', 'g-later']);
  });

  it('a grade superseded between the look-up and its transaction is re-read and skipped', async () => {
    store.gradeRows.push({ ...base });
    const listed = store.gradesDueToExpire.bind(store);
    store.gradesDueToExpire = async (before, limit) => {
      const due = (await listed(before, limit)).map((g) => ({ ...g }));
      store.gradeRows[0] = { ...store.gradeRows[0], status: 'SUPERSEDED', supersededByGradeId: 'g-b' };
      return due;
    };
    expect(await service.publishDueExpiries(new Date('2032-01-02T00:00:00.000Z'))).toBe(0);
    expect(events).toEqual([]);
  });
});
