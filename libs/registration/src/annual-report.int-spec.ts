import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { OutboxMessageOrmEntity, type CloudEvent } from '@sop/messaging';
import { waitFor } from '@sop/testing';
import { AnnualReports } from './application/annual-reports/annual-reports.use-cases';
import { DetectOverdueAnnualReports } from './application/annual-reports/detect-overdue-annual-reports.use-case';
import { ApplicationDecisions } from './application/applications/application-decisions.use-cases';
import { SubmitApplication } from './application/applications/submit-application.use-case';
import { RegistrationScheduler } from './application/schedulers/registration.scheduler';
import { residentIdCheckCharacter } from './domain/resident-id';
import { registrationOnMysqlAndKafka } from './test-support/registration-int.fixture';

/** Annual reports and overdue detection by the scheduler on a movable clock (MySQL + Kafka). */
describe('annual reports (MySQL + Kafka)', () => {
  const f = registrationOnMysqlAndKafka('registration_annual', '2025-03-01T08:00:00Z');
  const { clock } = f;
  let submission: SubmitApplication;
  let decisions: ApplicationDecisions;
  let reports: AnnualReports;
  let overdue: DetectOverdueAnnualReports;
  let scheduler: RegistrationScheduler;
  let ds: DataSource;

  const applicant: Principal = { subject: 'applicant-1', roles: ['applicant'], jurisdiction: '110108' };
  const haidian: Principal = { subject: 'registrar-haidian', roles: ['registrar'], jurisdiction: '110108' };
  const shanghai: Principal = { subject: 'registrar-sh', roles: ['registrar'], jurisdiction: '310000' };
  const rep = (uscc: string): Principal => ({ subject: `rep-${uscc}`, roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc });
  let serial = 0;
  async function register(name: string): Promise<string> {
    const body = `110108198001${String(10 + (serial % 18)).padStart(2, '0')}${String(serial++).padStart(3, '0')}`;
    const a = await submission.submit(
      {
        proposedName: name,
        form: 'SOCIAL_SERVICE_ORGANIZATION',
        category: 'URBAN_RURAL_COMMUNITY_SERVICE',
        registeringAuthority: '110108',
        domicile: '北京市海淀区',
        purpose: '社区服务',
        legalRepresentativeName: '吴八',
        legalRepresentativeIdNumber: body + residentIdCheckCharacter(body),
        registeredCapitalFen: 1_000_000,
      },
      applicant,
    );
    return (await decisions.approve(a.snapshot.id, haidian)).organization.uscc;
  }
  const overdueEvents = async () =>
    (await ds.getRepository(OutboxMessageOrmEntity).findBy({ eventType: 'registration.annual-report.overdue' })).map(
      (r) => JSON.parse(r.envelope) as CloudEvent<Record<string, unknown>>,
    );

  beforeAll(() => {
    submission = f.app.get(SubmitApplication);
    decisions = f.app.get(ApplicationDecisions);
    reports = f.app.get(AnnualReports);
    overdue = f.app.get(DetectOverdueAnnualReports);
    scheduler = f.app.get(RegistrationScheduler);
    ds = f.ds;
  });

  it('publishes AnnualReportOverdue the day after the deadline, exactly once per organization and cycle', async () => {
    const reported = await register('北京市海淀区第一社区服务中心');
    const silent1 = await register('北京市海淀区第二社区服务中心');
    const silent2 = await register('北京市海淀区第三社区服务中心');
    clock.set(new Date('2025-08-01T08:00:00Z'));
    const young = await register('北京市海淀区第四社区服务中心'); // < 6 months at 31 Dec 2025: not in the 2025 cycle

    clock.set(new Date('2026-05-20T08:00:00Z'));
    await expect(reports.submit(reported, 2026, rep(reported))).rejects.toMatchObject({ code: 'REGISTRATION.ANNUAL_REPORT_YEAR' });
    await expect(reports.submit(young, 2025, rep(young))).rejects.toMatchObject({ code: 'REGISTRATION.ANNUAL_REPORT_NOT_IN_SCOPE' });
    await expect(reports.submit(reported, 2025, rep(silent1))).rejects.toMatchObject({ kind: 'FORBIDDEN', code: 'REGISTRATION.NOT_OWN_ORGANIZATION' });
    expect(await reports.submit(reported, 2025, rep(reported))).toMatchObject({ dueDate: '2026-05-31', ruleVersion: 'annual-report-cycle/national-default@v2' });

    clock.set(new Date('2026-05-31T15:59:59.999Z')); // 23:59:59.999 Beijing on 31 May: still due
    await scheduler.tick();
    expect(await overdueEvents()).toHaveLength(0);

    clock.set(new Date('2026-05-31T16:00:00.000Z')); // 00:00 Beijing on 1 June
    // Two instances' schedulers at once, then again: still one event per organization.
    await Promise.all([overdue.detectOverdue(), overdue.detectOverdue()]);
    await scheduler.tick();
    const events = await overdueEvents();
    expect(events.map((e) => e.subject).sort()).toEqual([silent1, silent2].sort());
    expect(events[0].data).toEqual({
      uscc: events[0].subject,
      registeringAuthority: '110108',
      reportYear: 2025,
      dueDate: '2026-05-31',
      detectedAt: '2026-05-31T16:00:00.000Z',
      overdueOn: '2026-06-01',
      ruleVersion: 'annual-report-cycle/national-default@v2',
    });

    // A late report does not undo the finding, and the next day's run adds nothing.
    clock.set(new Date('2026-06-10T00:00:00Z'));
    await reports.submit(silent1, 2025, rep(silent1));
    await scheduler.tick();
    expect(await overdueEvents()).toHaveLength(2);
    const late = (await ds.getRepository(OutboxMessageOrmEntity).findBy({ eventType: 'registration.annual-report.submitted', messageKey: silent1 })).map(
      (r) => JSON.parse(r.envelope) as CloudEvent<{ late: boolean }>,
    );
    expect(late[0].data.late).toBe(true);

    // Next cycle: the young organization is in scope for 2026. The scheduler was down until 20 June: detected late,
    // but the default took effect on 1 June, as it would have for a platform that never stopped.
    clock.set(new Date('2027-06-20T02:00:00Z'));
    await scheduler.tick();
    const cycle2026 = (await overdueEvents()).filter((e) => e.data['reportYear'] === 2026);
    expect(cycle2026.map((e) => e.subject).sort()).toEqual([reported, silent1, silent2, young].sort());
    expect(new Set(cycle2026.map((e) => `${String(e.data['overdueOn'])} ${String(e.data['detectedAt'])}`))).toEqual(new Set(['2027-06-01 2027-06-20T02:00:00.000Z']));
    await waitFor(async () => (await ds.getRepository(OutboxMessageOrmEntity).find()).every((r) => r.publishedAt !== null), 20000, 'relay published to Kafka');
  });

  it('concludes a report pass / basic pass / fail inside the jurisdiction only', async () => {
    clock.set(new Date('2027-02-01T00:00:00Z'));
    const uscc = await register('北京市海淀区第五社区服务中心');
    // The 2027 report can be submitted from 00:00 Beijing time on 1 January 2028 (16:00 UTC on 31 December).
    clock.set(new Date('2027-12-31T15:59:59.999Z'));
    await expect(reports.submit(uscc, 2027, rep(uscc))).rejects.toMatchObject({ code: 'REGISTRATION.ANNUAL_REPORT_YEAR' });
    clock.set(new Date('2027-12-31T16:00:00.000Z'));
    expect(await reports.submit(uscc, 2027, rep(uscc))).toMatchObject({ reportYear: 2027, dueDate: '2028-05-31' });
    clock.set(new Date('2028-03-01T00:00:00Z'));
    await expect(reports.review(uscc, 2027, 'PASS', shanghai)).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.ANNUAL_REPORT_NOT_FOUND' });
    expect(await reports.review(uscc, 2027, 'BASIC_PASS', haidian)).toMatchObject({ outcome: 'BASIC_PASS' });
    await expect(reports.review(uscc, 2027, 'FAIL', haidian)).rejects.toMatchObject({ kind: 'CONFLICT', code: 'REGISTRATION.ANNUAL_REPORT_REVIEWED' });
    expect(await reports.list(uscc, rep(uscc))).toEqual([expect.objectContaining({ reportYear: 2027, outcome: 'BASIC_PASS' })]);
    // Another organization's representative in the same division: out of reach, answered as missing (issue 10).
    await expect(reports.list(uscc, rep('51110108MJ0000018N'))).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.ORGANIZATION_NOT_FOUND' });
    await expect(reports.list(uscc, shanghai)).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.ORGANIZATION_NOT_FOUND' });
  });

  it('applies the due date of the form: a foundation is overdue on 1 April, a social group only on 1 June (基金会条例 Art. 36; 社团条例 Art. 28)', async () => {
    const beijing: Principal = { subject: 'registrar-bj', roles: ['registrar'], jurisdiction: '110000' };
    clock.set(new Date('2028-03-01T00:00:00Z'));
    const person = (body17: string) => body17 + residentIdCheckCharacter(body17);
    const common = { category: 'SCIENCE_TECHNOLOGY' as const, domicile: '北京市海淀区', purpose: '资助科技创新', legalRepresentativeName: '钱六' };
    const f = await submission.submit(
      { ...common, proposedName: '北京市海淀区科创基金会', form: 'FOUNDATION', foundationType: 'NON_PUBLIC', registeringAuthority: '110000', legalRepresentativeIdNumber: person('11010819910101001'), registeredCapitalFen: 200_000_000 },
      applicant,
    );
    const foundation = (await decisions.approve(f.snapshot.id, beijing)).organization.uscc;
    const g = await submission.submit(
      { ...common, proposedName: '北京市海淀区科创协会', form: 'SOCIAL_GROUP', registeringAuthority: '110108', legalRepresentativeIdNumber: person('11010819910101002'), registeredCapitalFen: 3_000_000, individualMembers: 60 },
      applicant,
    );
    const group = (await decisions.approve(g.snapshot.id, haidian)).organization.uscc;
    const overdueOf = async (uscc: string) => (await overdueEvents()).filter((e) => e.subject === uscc && e.data['reportYear'] === 2028);

    clock.set(new Date('2029-03-31T15:59:59.999Z')); // 23:59:59.999 Beijing on 31 March
    await scheduler.tick();
    expect(await overdueOf(foundation)).toHaveLength(0);

    clock.set(new Date('2029-03-31T16:00:00.000Z')); // 00:00 Beijing on 1 April
    await scheduler.tick();
    expect((await overdueOf(foundation)).map((e) => e.data)).toEqual([
      { uscc: foundation, registeringAuthority: '110000', reportYear: 2028, dueDate: '2029-03-31', detectedAt: '2029-03-31T16:00:00.000Z', overdueOn: '2029-04-01', ruleVersion: 'annual-report-cycle/national-default@v2' },
    ]);
    expect(await overdueOf(group)).toHaveLength(0);
    // A foundation's late report records its own due date.
    expect(await reports.submit(foundation, 2028, rep(foundation))).toMatchObject({ dueDate: '2029-03-31' });

    clock.set(new Date('2029-05-31T15:59:59.999Z'));
    await scheduler.tick();
    expect(await overdueOf(group)).toHaveLength(0);

    clock.set(new Date('2029-05-31T16:00:00.000Z'));
    await scheduler.tick();
    expect((await overdueOf(group)).map((e) => e.data)).toEqual([expect.objectContaining({ uscc: group, dueDate: '2029-05-31', detectedAt: '2029-05-31T16:00:00.000Z', overdueOn: '2029-06-01' })]);
    expect(await overdueOf(foundation)).toHaveLength(1);
    await waitFor(async () => (await ds.getRepository(OutboxMessageOrmEntity).find()).every((r) => r.publishedAt !== null), 20000, 'relay published to Kafka');
  });
});
