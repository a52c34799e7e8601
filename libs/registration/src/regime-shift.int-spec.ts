import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { type OrganizationCategory } from '@sop/contracts';
import { OutboxMessageOrmEntity, type CloudEvent } from '@sop/messaging';
import { waitFor } from '@sop/testing';
import { ApplicationDecisions } from './application/applications/application-decisions.use-cases';
import { SubmitApplication, type SubmitCommand } from './application/applications/submit-application.use-case';
import { SupervisingUnitConsent } from './application/applications/supervising-unit-consent.use-cases';
import { OrganizationStore } from './application/organizations/organizations.ports';
import { PublishPolicyVersion } from './application/policy/publish-policy-version.use-case';
import { ApplyDueRegimeChanges } from './application/regime-shift/apply-due-regime-changes.use-case';
import { CompareRegimes } from './application/regime-metrics/compare-regimes.use-case';
import { residentIdCheckCharacter } from './domain/resident-id';
import { ApplicationOrmEntity, OrganizationOrmEntity, PolicyActivationOrmEntity } from './infrastructure/registration.orm-entities';
import { registrationOnMysqlAndKafka } from './test-support/registration-int.fixture';

/** The shift from dual management to direct registration at a policy version's effective date (MySQL + Kafka). */
describe('regime shift (MySQL + Kafka)', () => {
  const f = registrationOnMysqlAndKafka('registration_shift', '2026-11-25T08:00:00Z');
  const { clock } = f;
  let submission: SubmitApplication;
  let consent: SupervisingUnitConsent;
  let decisions: ApplicationDecisions;
  let policy: PublishPolicyVersion;
  let shift: ApplyDueRegimeChanges;
  let ds: DataSource;

  const applicant: Principal = { subject: 'applicant-1', roles: ['applicant'], jurisdiction: '110108' };
  const registrar: Principal = { subject: 'registrar-national', roles: ['registrar'], jurisdiction: '100000' };
  const beijing: Principal = { subject: 'registrar-beijing', roles: ['registrar'], jurisdiction: '110000' };
  const unit = (id: string): Principal => ({ subject: `${id}-user`, roles: ['supervising-unit'], jurisdiction: '110108', unitId: id });
  /** Dual-management applications approved in Beijing by the first test: 6 health, 1 education. */
  const N_DUAL_BEIJING = 7;
  let serial = 0;
  const command = (name: string, authority: string, category: OrganizationCategory, unitId: string): SubmitCommand => {
    const body = `110108198001${String(10 + (serial % 18)).padStart(2, '0')}${String(serial++).padStart(3, '0')}`;
    return {
      proposedName: name,
      form: 'SOCIAL_SERVICE_ORGANIZATION',
      category,
      registeringAuthority: authority,
      domicile: '某区某路1号',
      purpose: '服务',
      legalRepresentativeName: '周七',
      legalRepresentativeIdNumber: body + residentIdCheckCharacter(body),
      registeredCapitalFen: 5_000_000,
      supervisingUnit: { id: unitId, name: `${unitId} 名称` },
    };
  };
  async function registerDual(name: string, authority: string, category: OrganizationCategory, unitId: string): Promise<string> {
    const a = await submission.submit(command(name, authority, category, unitId), applicant);
    await consent.giveConsent(a.snapshot.id, unit(unitId));
    return (await decisions.approve(a.snapshot.id, registrar)).organization.uscc;
  }
  const outbox = async (type: string) =>
    (await ds.getRepository(OutboxMessageOrmEntity).findBy({ eventType: type })).map((r) => JSON.parse(r.envelope) as CloudEvent<Record<string, unknown>>);

  beforeAll(() => {
    submission = f.app.get(SubmitApplication);
    consent = f.app.get(SupervisingUnitConsent);
    decisions = f.app.get(ApplicationDecisions);
    policy = f.app.get(PublishPolicyVersion);
    shift = f.app.get(ApplyDueRegimeChanges);
    ds = f.ds;
  });

  it('converts each affected organization exactly once, re-routes pending applications, and replays change nothing', async () => {
    const N = 6;
    const affected: string[] = [];
    for (let i = 0; i < N; i++) affected.push(await registerDual(`北京市海淀区第${i}康复中心`, i % 2 ? '110108' : '110105', 'HEALTH', 'unit-health'));
    const shanghai = await registerDual('上海市徐汇区康复中心', '310104', 'HEALTH', 'unit-sh-health');
    const education = await registerDual('北京市海淀区教育培训中心', '110108', 'EDUCATION', 'unit-edu');
    const awaiting = await submission.submit(command('北京市海淀区待同意康复中心', '110108', 'HEALTH', 'unit-health'), applicant);
    const consented = await submission.submit(command('北京市海淀区已同意康复中心', '110108', 'HEALTH', 'unit-health'), applicant);
    await consent.giveConsent(consented.snapshot.id, unit('unit-health'));

    await policy.publish(
      {
        jurisdiction: '110000',
        effectiveFrom: new Date('2027-01-01T00:00:00Z'),
        rules: [{ form: null, category: 'HEALTH', regime: 'DIRECT', source: '北京市卫生健康类社会组织直接登记通知 (test)' }],
        note: null,
      },
      beijing,
    );

    // Effective 1 January (Beijing): from 00:00 Beijing time, 16:00 UTC on 31 December.
    clock.set(new Date('2026-12-31T15:59:59.999Z'));
    const early = await shift.applyDueChanges();
    expect(early.filter((r) => r.policyVersion === 'registration-regime/110000@v1')).toEqual([]);

    clock.set(new Date('2026-12-31T16:00:00.000Z'));
    // A run that crashes half-way (third conversion) leaves nothing behind: one transaction per version.
    const store = f.app.get(OrganizationStore);
    const original = store.updateOrganizationUnit.bind(store);
    let calls = 0;
    const spy = jest.spyOn(store, 'updateOrganizationUnit').mockImplementation(async (...args) => {
      if (++calls === 3) throw new Error('simulated crash');
      return original(...args);
    });
    await expect(shift.applyDueChanges()).rejects.toThrow('simulated crash');
    spy.mockRestore();
    expect(await outbox('registration.organization.supervision-converted-to-guidance')).toHaveLength(0);
    expect(await outbox('registration.policy.regime-changed')).toHaveLength(0);
    expect(await ds.getRepository(PolicyActivationOrmEntity).countBy({ ruleSetId: 'registration-regime/110000' })).toBe(0);
    expect(await ds.getRepository(OrganizationOrmEntity).countBy({ unitRole: 'BUSINESS_GUIDANCE_UNIT' })).toBe(0);

    // Two scheduler instances firing at once: one applies, the other finds the version taken.
    const [a, b] = await Promise.all([shift.applyDueChanges(), shift.applyDueChanges()]);
    const reports = [...a, ...b].filter((r) => r.policyVersion === 'registration-regime/110000@v1');
    expect(reports).toEqual([{ policyVersion: 'registration-regime/110000@v1', regimeChanges: 3, organizationsConverted: N, applicationsRerouted: 2 }]);

    const regimeChanged = await outbox('registration.policy.regime-changed');
    expect(regimeChanged.map((e) => e.data['form']).sort()).toEqual(['FOUNDATION', 'SOCIAL_GROUP', 'SOCIAL_SERVICE_ORGANIZATION']);
    expect(regimeChanged.find((e) => e.data['form'] === 'SOCIAL_SERVICE_ORGANIZATION')?.data).toMatchObject({
      jurisdiction: '110000',
      category: 'HEALTH',
      fromRegime: 'DUAL_MANAGEMENT',
      toRegime: 'DIRECT',
      fromPolicyVersion: 'registration-regime/national-default@v1',
      policyVersion: 'registration-regime/110000@v1',
      organizationsConverted: N,
      applicationsRerouted: 2,
      effectiveFrom: '2026-12-31T16:00:00.000Z',
    });
    const converted = await outbox('registration.organization.supervision-converted-to-guidance');
    expect(converted.map((e) => e.subject).sort()).toEqual([...affected].sort());
    expect(converted[0]).toMatchObject({ policyversion: 'registration-regime/110000@v1', data: { unitId: 'unit-health', fromPolicyVersion: 'registration-regime/national-default@v1' } });

    const orgs = ds.getRepository(OrganizationOrmEntity);
    for (const uscc of affected) expect(await orgs.findOneByOrFail({ uscc })).toMatchObject({ unitRole: 'BUSINESS_GUIDANCE_UNIT', regime: 'DIRECT', unitId: 'unit-health' });
    expect(await orgs.findOneByOrFail({ uscc: shanghai })).toMatchObject({ unitRole: 'BUSINESS_SUPERVISING_UNIT', regime: 'DUAL_MANAGEMENT' });
    expect(await orgs.findOneByOrFail({ uscc: education })).toMatchObject({ unitRole: 'BUSINESS_SUPERVISING_UNIT', regime: 'DUAL_MANAGEMENT' });

    // Pending applications: re-routed to direct registration; the version they were submitted under stays recorded.
    const apps = ds.getRepository(ApplicationOrmEntity);
    expect(await apps.findOneByOrFail({ id: awaiting.snapshot.id })).toMatchObject({
      status: 'SUBMITTED',
      regime: 'DIRECT',
      consentStatus: 'NOT_REQUIRED',
      unitRole: 'BUSINESS_GUIDANCE_UNIT',
      policyVersion: 'registration-regime/110000@v1',
      reroutedFromPolicyVersion: 'registration-regime/national-default@v1',
    });
    expect(await apps.findOneByOrFail({ id: consented.snapshot.id })).toMatchObject({ status: 'SUBMITTED', regime: 'DIRECT', consentStatus: 'GIVEN' });
    const rerouted = await outbox('registration.application.rerouted');
    expect(rerouted).toHaveLength(2);
    // The application that was awaiting consent gets a fresh 60 days from the Beijing day after 1 January: 2 March, to 24:00 Beijing.
    expect(rerouted.find((e) => e.subject === awaiting.snapshot.id)?.data).toMatchObject({ decisionDueBy: '2027-03-02T16:00:00.000Z' });
    // The re-routed application is approved without consent and registers with a guidance unit.
    const { organization } = await decisions.approve(awaiting.snapshot.id, registrar);
    expect(organization).toMatchObject({ regime: 'DIRECT', unitRole: 'BUSINESS_GUIDANCE_UNIT' });

    // Re-running (the scheduler fires again, on any instance) changes nothing.
    const outboxCount = await ds.getRepository(OutboxMessageOrmEntity).count();
    expect(await shift.applyDueChanges()).toEqual([]);
    clock.set(new Date('2027-03-01T00:00:00Z'));
    expect(await shift.applyDueChanges()).toEqual([]);
    expect(await ds.getRepository(OutboxMessageOrmEntity).count()).toBe(outboxCount);
    expect(await outbox('registration.organization.supervision-converted-to-guidance')).toHaveLength(N);
    expect(await ds.getRepository(PolicyActivationOrmEntity).findOneByOrFail({ ruleSetId: 'registration-regime/110000', version: 1 })).toMatchObject({
      organizationsConverted: N,
      applicationsRerouted: 2,
    });

    await waitFor(async () => (await ds.getRepository(OutboxMessageOrmEntity).find()).every((r) => r.publishedAt !== null), 20000, 'relay published the shift to Kafka');
  });

  it('reports the re-routed applications as their own group in the regime comparison: direct registration is not charged with their wait (regulations §2)', async () => {
    // After the shift (state of the test above): a HEALTH application now registers directly, decided in 10 days.
    clock.set(new Date('2027-03-01T00:00:00Z'));
    const direct = await submission.submit({ ...command('北京市海淀区直接登记康复中心', '110108', 'HEALTH', 'unit-health'), supervisingUnit: undefined }, applicant);
    expect(direct.snapshot.regime).toBe('DIRECT');
    clock.set(new Date('2027-03-11T00:00:00Z'));
    await decisions.approve(direct.snapshot.id, beijing);

    const metrics = await f.app.get(CompareRegimes).compare({ jurisdiction: '110000', from: new Date('2026-01-01T00:00:00+08:00'), to: new Date('2028-01-01T00:00:00+08:00') }, beijing);
    const { DIRECT, DUAL_MANAGEMENT, REROUTED } = metrics.periods[0].regimes;
    // Only the application that was direct from the start: 10 days.
    expect(DIRECT).toMatchObject({ regime: 'DIRECT', submitted: 1, approved: 1, pending: 0, meanDaysToRegister: 10, medianDaysToRegister: 10 });
    // The two re-routed ones: the one awaiting consent was approved at the shift, 36 days 8 hours after submission
    // (its wait under dual management counts here, not under DIRECT); the consented one is still pending.
    expect(REROUTED).toMatchObject({ regime: 'DIRECT', reroutedFrom: 'DUAL_MANAGEMENT', submitted: 2, approved: 1, pending: 1, meanDaysToRegister: 36.33, meanDaysToConsent: 0 });
    // Dual management: the Beijing organizations registered under it before the shift (6 health, 1 education).
    expect(DUAL_MANAGEMENT).toMatchObject({ regime: 'DUAL_MANAGEMENT', submitted: N_DUAL_BEIJING, approved: N_DUAL_BEIJING });
  });
});
