import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { OutboxMessageOrmEntity, type CloudEvent } from '@sop/messaging';
import { AnnualReports } from './application/annual-reports/annual-reports.use-cases';
import { ApplicationDecisions } from './application/applications/application-decisions.use-cases';
import { SubmitApplication } from './application/applications/submit-application.use-case';
import { ChangeOrganization } from './application/organizations/change-organization.use-case';
import { OrganizationReads } from './application/organizations/organization-reads.use-cases';
import { RevokeChange } from './application/organizations/revoke-change.use-case';
import { DetectOverduePartyOrganizations } from './application/party-organization/detect-overdue-party-organizations.use-case';
import { PartyOrganizations } from './application/party-organization/party-organizations.use-cases';
import { residentIdCheckCharacter } from './domain/resident-id';
import { registrationOnMysqlAndKafka } from './test-support/registration-int.fixture';

/**
 * Party-organization coverage (regulations §5.1 trigger 2) and the revocation of a fraudulent change registration
 * (§5.2 trigger 2) on MySQL/MariaDB with the outbox relayed to Kafka, on a movable clock.
 */
describe('Party-organization coverage and change revocation (MySQL + Kafka)', () => {
  // Registered at 10:00 Beijing time on Monday 3 March 2025: the 6-month deadline is Wednesday 3 September 2025.
  const f = registrationOnMysqlAndKafka('registration_party', '2025-03-03T02:00:00Z');
  const { clock } = f;
  let submission: SubmitApplication;
  let decisions: ApplicationDecisions;
  let reports: AnnualReports;
  let party: PartyOrganizations;
  let overdue: DetectOverduePartyOrganizations;
  let changes: ChangeOrganization;
  let revocations: RevokeChange;
  let reads: OrganizationReads;
  let ds: DataSource;

  const applicant: Principal = { subject: 'applicant-1', roles: ['applicant'], jurisdiction: '110108' };
  const haidian: Principal = { subject: 'registrar-haidian', roles: ['registrar'], jurisdiction: '110108' };
  const beijing: Principal = { subject: 'registrar-bj', roles: ['registrar'], jurisdiction: '110000' };
  const shanghai: Principal = { subject: 'registrar-sh', roles: ['registrar'], jurisdiction: '310000' };
  const rep = (uscc: string): Principal => ({ subject: `rep-${uscc}`, roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc });
  let serial = 0;
  const idNumber = () => {
    const body = `110108198002${String(10 + (serial % 18)).padStart(2, '0')}${String(serial++).padStart(3, '0')}`;
    return body + residentIdCheckCharacter(body);
  };
  async function register(name: string, partyOrganization?: Parameters<ApplicationDecisions['approve']>[2]): Promise<string> {
    const a = await submission.submit(
      {
        proposedName: name,
        form: 'SOCIAL_SERVICE_ORGANIZATION',
        category: 'URBAN_RURAL_COMMUNITY_SERVICE',
        registeringAuthority: '110108',
        domicile: '北京市海淀区',
        purpose: '社区服务',
        legalRepresentativeName: '吴八',
        legalRepresentativeIdNumber: idNumber(),
        registeredCapitalFen: 1_000_000,
      },
      applicant,
    );
    return (await decisions.approve(a.snapshot.id, haidian, partyOrganization)).organization.uscc;
  }
  const events = async (type: string, uscc: string) =>
    (await ds.getRepository(OutboxMessageOrmEntity).findBy({ eventType: type, messageKey: uscc })).map((r) => JSON.parse(r.envelope) as CloudEvent<Record<string, unknown>>);

  beforeAll(() => {
    submission = f.app.get(SubmitApplication);
    decisions = f.app.get(ApplicationDecisions);
    reports = f.app.get(AnnualReports);
    party = f.app.get(PartyOrganizations);
    overdue = f.app.get(DetectOverduePartyOrganizations);
    changes = f.app.get(ChangeOrganization);
    revocations = f.app.get(RevokeChange);
    reads = f.app.get(OrganizationReads);
    ds = f.ds;
  });

  it('registration records coverage; the deadline passes at 24:00 Beijing time, once; a late run reports the same overdueOn', async () => {
    clock.set(new Date('2025-03-03T02:00:00Z'));
    const bare = await register('北京市海淀区党建甲社区服务中心');
    const covered = await register('北京市海淀区党建乙社区服务中心', { form: 'OWN', fullPartyMembers: 3, organizationName: '中共北京市海淀区党建乙社区服务中心支部' });
    const [recorded] = await events('registration.party-organization.recorded', bare);
    expect(recorded.data).toMatchObject({ form: 'NONE', fullPartyMembers: 0, requiredCoverage: 'ANY', covered: false, dueOn: '2025-09-03', source: 'REGISTRATION', ruleVersion: 'party-building/national@v1' });
    expect((await events('registration.party-organization.recorded', covered))[0].data).toMatchObject({ covered: true, requiredCoverage: 'OWN' });
    expect((await events('registration.party-organization.recorded', covered))[0].data['dueOn']).toBeUndefined();

    clock.set(new Date('2025-09-03T15:59:59.999Z')); // 23:59:59.999 Beijing on the last day
    await overdue.detectOverdue();
    expect(await events('registration.party-organization.overdue', bare)).toHaveLength(0);
    clock.set(new Date('2025-12-01T03:00:00Z')); // the scheduler was down for three months
    await overdue.detectOverdue();
    await overdue.detectOverdue();
    const found = await events('registration.party-organization.overdue', bare);
    expect(found).toHaveLength(1);
    expect(found[0].data).toMatchObject({ dueOn: '2025-09-03', overdueOn: '2025-09-04', detectedAt: '2025-12-01T03:00:00.000Z', requiredCoverage: 'ANY', form: 'NONE' });
    expect(await events('registration.party-organization.overdue', covered)).toHaveLength(0);
  });

  it('the first instant of the next Beijing day is overdue; an annual report and a change update the record; losing coverage starts a new deadline', async () => {
    clock.set(new Date('2025-03-04T02:00:00Z'));
    const uscc = await register('北京市海淀区党建丙社区服务中心');
    clock.set(new Date('2025-09-04T16:00:00.000Z')); // 00:00 Beijing on 5 September, the day after the 4 September deadline
    await overdue.detectOverdue();
    expect((await events('registration.party-organization.overdue', uscc)).map((e) => e.data['overdueOn'])).toEqual(['2025-09-05']);

    // The annual report for 2025 carries an instructor: covered (no full members); then 4 full members join with only a joint organization.
    clock.set(new Date('2026-03-10T02:00:00Z'));
    await reports.submit(uscc, 2025, rep(uscc), { form: 'INSTRUCTOR', fullPartyMembers: 0, organizationName: '王指导员' });
    clock.set(new Date('2026-03-12T02:00:00Z'));
    const change = await party.recordChange(uscc, { form: 'JOINT', fullPartyMembers: 4, organizationName: '海淀区社会组织联合支部' }, '2026-03-11' as never, rep(uscc));
    // Effective 00:00 Beijing on Wednesday 11 March: 6 months later is Friday 11 September 2026.
    expect(change).toMatchObject({ covered: false, requiredCoverage: 'OWN', dueOn: '2026-09-11', source: 'CHANGE' });
    const view = await party.view(uscc, haidian);
    expect(view.history.map((r) => [r.source, r.covered])).toEqual([
      ['REGISTRATION', false],
      ['ANNUAL_REPORT', true],
      ['CHANGE', false],
    ]);
    // A second episode gets its own overdue event.
    clock.set(new Date('2026-09-11T16:00:00Z'));
    await overdue.detectOverdue();
    expect((await events('registration.party-organization.overdue', uscc)).map((e) => e.data['overdueOn'])).toEqual(['2025-09-05', '2026-09-12']);
    await expect(party.recordChange(uscc, { form: 'OWN', fullPartyMembers: 2, organizationName: '支部' }, undefined, rep(uscc))).rejects.toMatchObject({
      code: 'REGISTRATION.PARTY_ORGANIZATION_INVALID',
    });
    await expect(party.recordChange(uscc, { form: 'OWN', fullPartyMembers: 4, organizationName: '支部' }, '2026-01-01' as never, rep(uscc))).rejects.toMatchObject({
      code: 'REGISTRATION.PARTY_ORGANIZATION_EFFECTIVE_DATE',
    });
    await expect(party.view(uscc, shanghai)).rejects.toMatchObject({ code: 'REGISTRATION.ORGANIZATION_NOT_FOUND' });
    await expect(party.view(uscc, rep('51110108MJ0000018N'))).rejects.toMatchObject({ code: 'REGISTRATION.NOT_OWN_ORGANIZATION' });
  });

  it('coverage per registering authority inside a jurisdiction, never outside it', async () => {
    const report = await party.coverage('110000', beijing);
    const haidianRow = report.byRegisteringAuthority.find((r) => r.registeringAuthority === '110108');
    expect(haidianRow).toMatchObject({ organizations: 3, coveredOwn: 1, coveredJoint: 0, coveredInstructor: 0, uncovered: 2, notRecorded: 0, overdue: 2 });
    expect(report.totals.coverageRate).toBeCloseTo(1 / 3, 4);
    await expect(party.coverage('310000', beijing)).rejects.toMatchObject({ code: 'REGISTRATION.COVERAGE_JURISDICTION' });
  });

  it('a fraudulent change registration is revoked: items restored, the history shows it, OrganizationChangeRevoked published; not twice', async () => {
    clock.set(new Date('2026-10-12T02:00:00Z'));
    const uscc = await register('北京市海淀区党建丁社区服务中心');
    await changes.change(uscc, { domicile: '北京市海淀区假地址1号', legalRepresentative: { name: '冒名人', idNumber: idNumber() } }, haidian);
    const changeSeq = (await reads.history(uscc)).find((v) => v.changeType === 'CHANGED')!.seq;
    clock.set(new Date('2026-10-20T02:00:00Z'));
    const restored = await revocations.revoke(uscc, changeSeq, { fraudulent: true, reason: '提交虚假的理事会决议办理变更登记' }, haidian);
    expect(restored).toMatchObject({ domicile: '北京市海淀区', legalRepresentativeName: '吴八' });
    const [revoked] = await events('registration.organization.change-revoked', uscc);
    expect(revoked.data).toMatchObject({ changeSeq, fraudulent: true, changeEffectiveAt: '2026-10-12T02:00:00.000Z', revokedAt: '2026-10-20T02:00:00.000Z' });
    expect((revoked.data['restored'] as { field: string }[]).map((r) => r.field).sort()).toEqual(['domicile', 'legalRepresentativeName']);
    expect((await reads.history(uscc)).map((v) => v.changeType)).toEqual(['REGISTERED', 'CHANGED', 'CHANGE_REVOKED']);
    await expect(revocations.revoke(uscc, changeSeq, { fraudulent: true, reason: 'again' }, haidian)).rejects.toMatchObject({ code: 'REGISTRATION.CHANGE_ALREADY_REVOKED' });
    await expect(revocations.revoke(uscc, changeSeq, { fraudulent: true, reason: 'x' }, shanghai)).rejects.toMatchObject({ code: 'REGISTRATION.ORGANIZATION_NOT_FOUND' });
  });
});
