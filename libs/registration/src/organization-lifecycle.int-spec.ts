import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { OutboxMessageOrmEntity, type CloudEvent } from '@sop/messaging';
import { waitFor } from '@sop/testing';
import { civilDate, type CivilDate } from '@sop/util';
import { ApplicationDecisions } from './application/applications/application-decisions.use-cases';
import { SubmitApplication } from './application/applications/submit-application.use-case';
import { SupervisingUnitConsent } from './application/applications/supervising-unit-consent.use-cases';
import { ChangeOrganization } from './application/organizations/change-organization.use-case';
import { DeregistrationAndRevocation } from './application/organizations/deregistration-and-revocation.use-cases';
import { LegalRepresentatives } from './application/organizations/legal-representatives.use-case';
import { OrganizationReads } from './application/organizations/organization-reads.use-cases';
import { OrganizationStore } from './application/organizations/organizations.ports';
import { PiiProtector } from './application/personal-data/personal-data.ports';
import { residentIdCheckCharacter } from './domain/resident-id';
import { OrganizationOrmEntity, PersonalDataOrmEntity } from './infrastructure/registration.orm-entities';
import { registrationOnMysqlAndKafka } from './test-support/registration-int.fixture';

/** Change registration, deregistration, revocation, history and asOf reads (MySQL + Kafka). */
describe('organization lifecycle (MySQL + Kafka)', () => {
  const f = registrationOnMysqlAndKafka('registration_lifecycle', '2026-11-25T08:00:00Z');
  const { clock } = f;
  let submission: SubmitApplication;
  let consent: SupervisingUnitConsent;
  let decisions: ApplicationDecisions;
  let changes: ChangeOrganization;
  let endings: DeregistrationAndRevocation;
  let organizationRegister: OrganizationReads;
  let legalRepresentatives: LegalRepresentatives;
  let ds: DataSource;
  let pii: PiiProtector;

  const applicant: Principal = { subject: 'applicant-1', roles: ['applicant'], jurisdiction: '110108' };
  const haidian: Principal = { subject: 'registrar-haidian', roles: ['registrar'], jurisdiction: '110108' };
  const shanghai: Principal = { subject: 'registrar-sh', roles: ['registrar'], jurisdiction: '310000' };
  let serial = 0;
  const idNumber = (body17: string) => body17 + residentIdCheckCharacter(body17);
  async function register(name: string, category: 'SCIENCE_TECHNOLOGY' | 'HEALTH' = 'SCIENCE_TECHNOLOGY', legalRepresentativeIdNumber?: string): Promise<string> {
    const body = `110108198001${String(10 + (serial % 18)).padStart(2, '0')}${String(serial++).padStart(3, '0')}`;
    const a = await submission.submit(
      {
        proposedName: name,
        form: 'SOCIAL_GROUP',
        category,
        registeringAuthority: '110108',
        domicile: '北京市海淀区中关村南大街5号',
        purpose: '组织科技志愿服务',
        legalRepresentativeName: '郑九',
        legalRepresentativeIdNumber: legalRepresentativeIdNumber ?? body + residentIdCheckCharacter(body),
        registeredCapitalFen: 3_000_000,
        individualMembers: 60,
        ...(category === 'HEALTH' ? { supervisingUnit: { id: 'unit-health', name: '海淀区卫生健康委员会' } } : {}),
      },
      applicant,
    );
    if (category === 'HEALTH') await consent.giveConsent(a.snapshot.id, { subject: 'u', roles: ['supervising-unit'], jurisdiction: '110108', unitId: 'unit-health' });
    return (await decisions.approve(a.snapshot.id, haidian)).organization.uscc;
  }
  const events = async (type: string, uscc: string) =>
    (await ds.getRepository(OutboxMessageOrmEntity).findBy({ eventType: type, messageKey: uscc })).map((r) => JSON.parse(r.envelope) as CloudEvent<Record<string, unknown>>);

  beforeAll(() => {
    submission = f.app.get(SubmitApplication);
    consent = f.app.get(SupervisingUnitConsent);
    decisions = f.app.get(ApplicationDecisions);
    changes = f.app.get(ChangeOrganization);
    endings = f.app.get(DeregistrationAndRevocation);
    organizationRegister = f.app.get(OrganizationReads);
    legalRepresentatives = f.app.get(LegalRepresentatives);
    ds = f.ds;
    pii = f.app.get(PiiProtector);
  });

  it('records changes and revocation as events with a full history readable asOf', async () => {
    const uscc = await register('北京市海淀区人工智能协会');
    clock.set(new Date('2026-12-10T00:00:00Z'));
    await expect(changes.change(uscc, { domicile: '上海市' }, shanghai)).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.ORGANIZATION_NOT_FOUND' });
    expect(await events('registration.organization.changed', uscc)).toHaveLength(0);
    await changes.change(uscc, { domicile: '北京市海淀区学院路1号', purpose: '组织科技志愿服务' }, haidian);
    expect((await events('registration.organization.changed', uscc))[0].data).toMatchObject({
      changes: [{ field: 'domicile', from: '北京市海淀区中关村南大街5号', to: '北京市海淀区学院路1号' }],
    });

    clock.set(new Date('2027-01-10T00:00:00Z'));
    const fraud = { ground: 'FRAUD_IN_REGISTRATION', revocationKind: 'REGISTRATION_CANCELLED', reason: '弄虚作假骗取登记' };
    await expect(endings.revoke(uscc, { ...fraud, reason: ' ' }, haidian)).rejects.toMatchObject({ code: 'REGISTRATION.REVOCATION_GROUNDS_REQUIRED' });
    // Grounds are enumerated per form (regulations §1): a social group has no 民非条例 Art. 24 ground.
    await expect(endings.revoke(uscc, { ...fraud, ground: 'SUPERVISING_UNIT_WITHDREW_APPROVAL' }, haidian)).rejects.toMatchObject({ code: 'REGISTRATION.REVOCATION_GROUND_NOT_LISTED' });
    expect(await events('registration.organization.revoked', uscc)).toHaveLength(0);
    expect(await endings.revoke(uscc, fraud, haidian)).toMatchObject({ status: 'REVOKED', revocationKind: 'REGISTRATION_CANCELLED' });
    expect((await events('registration.organization.revoked', uscc))[0].data).toMatchObject({
      reason: '弄虚作假骗取登记', legalBasis: '社团条例 Art. 29', ground: 'FRAUD_IN_REGISTRATION', revocationKind: 'REGISTRATION_CANCELLED',
    });
    expect(await f.app.get(OrganizationStore).findOrganization(uscc)).toMatchObject({ status: 'REVOKED', revocationKind: 'REGISTRATION_CANCELLED' });
    await expect(changes.change(uscc, { domicile: '北京市海淀区学院路2号' }, haidian)).rejects.toMatchObject({ kind: 'CONFLICT', code: 'REGISTRATION.ORGANIZATION_NOT_ACTIVE' });

    const history = await organizationRegister.history(uscc);
    expect(history.map((v) => v.changeType)).toEqual(['REGISTERED', 'CHANGED', 'REVOKED']);
    expect((await organizationRegister.asOf(uscc, new Date('2026-12-01T00:00:00Z'))).entry).toMatchObject({ domicile: '北京市海淀区中关村南大街5号', status: 'REGISTERED' });
    expect((await organizationRegister.asOf(uscc, new Date('2026-12-31T00:00:00Z'))).entry).toMatchObject({ domicile: '北京市海淀区学院路1号', status: 'REGISTERED' });
    expect((await organizationRegister.asOf(uscc, new Date('2027-01-10T00:00:00Z'))).entry).toMatchObject({ status: 'REVOKED', revocationKind: 'REGISTRATION_CANCELLED' });
    expect(history[2].details).toMatchObject({ ground: 'FRAUD_IN_REGISTRATION', revocationKind: 'REGISTRATION_CANCELLED', legalBasis: '社团条例 Art. 29' });
    await expect(organizationRegister.asOf(uscc, new Date('2026-01-01T00:00:00Z'))).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.ORGANIZATION_NOT_REGISTERED_AT' });
  });

  it('deregisters after liquidation (late filing recorded) and needs the supervising unit approval for changes under dual management', async () => {
    // Inside the published calendar years (2018–2026): a late filing needs the calendar to place the period's last day.
    clock.set(new Date('2026-11-02T00:00:00Z'));
    const dual = await register('北京市海淀区康复医学会', 'HEALTH');
    clock.set(new Date('2026-12-01T00:00:00Z'));
    await expect(changes.change(dual, { domicile: '北京市海淀区新址' }, haidian)).rejects.toMatchObject({ code: 'REGISTRATION.SUPERVISING_UNIT_APPROVAL_REQUIRED' });
    await changes.change(dual, { domicile: '北京市海淀区新址', supervisingUnitApprovedOn: civilDate('2026-11-20') }, haidian);
    await expect(endings.deregister(dual, { reason: '自行解散', liquidationCompletedOn: civilDate('2027-01-01') }, haidian)).rejects.toMatchObject({
      code: 'REGISTRATION.LIQUIDATION_NOT_COMPLETED',
    });
    // 15 days from 11 November run until 24:00 Beijing time on 25 November (Civil Code Art. 201, 203).
    await endings.deregister(dual, { reason: '自行解散', liquidationCompletedOn: civilDate('2026-11-10') }, haidian);
    expect((await events('registration.organization.deregistered', dual))[0].data).toMatchObject({ filedLate: true, liquidationCompletedOn: '2026-11-10' });
    expect((await organizationRegister.history(dual)).at(-1)?.details).toMatchObject({ liquidationCompletedOn: '2026-11-10', filingDueOn: '2026-11-25', filedLate: true });
    expect(await ds.getRepository(OrganizationOrmEntity).findOneByOrFail({ uscc: dual })).toMatchObject({ status: 'DEREGISTERED', domicile: '北京市海淀区新址' });
    await waitFor(async () => (await ds.getRepository(OutboxMessageOrmEntity).find()).every((r) => r.publishedAt !== null), 20000, 'relay published to Kafka');
  });

  it('changes the legal representative: ID number encrypted and masked, names in event and history, one social group per person (社团条例 Art. 12, 18, 27)', async () => {
    clock.set(new Date('2027-04-01T08:00:00Z'));
    const oldRep = idNumber('11010819900101001');
    const otherGroupRep = idNumber('11010819900101002');
    const newRep = idNumber('11010819900101003');
    const uscc = await register('北京市海淀区机器人学会', 'SCIENCE_TECHNOLOGY', oldRep);
    await register('北京市海淀区无人机协会', 'SCIENCE_TECHNOLOGY', otherGroupRep);
    clock.set(new Date('2027-05-10T08:00:00Z'));

    const change = (legalRepresentative: { name: string; idNumber: string }, extra: { auditReportReference?: string; effectiveOn?: CivilDate } = {}) =>
      changes.change(uscc, { legalRepresentative, ...extra }, haidian);
    await expect(change({ name: '王五', idNumber: newRep })).rejects.toMatchObject({ kind: 'REFUSED', code: 'REGISTRATION.AUDIT_REQUIRED' });
    await expect(change({ name: '王五', idNumber: newRep.slice(0, 17) + (newRep[17] === '1' ? '2' : '1') }, { auditReportReference: 'A' })).rejects.toMatchObject({
      kind: 'INVALID',
      code: 'REGISTRATION.ID_NUMBER_INVALID',
    });
    await expect(change({ name: '孙七', idNumber: otherGroupRep }, { auditReportReference: '京审字〔2027〕第011号' })).rejects.toMatchObject({
      kind: 'REFUSED',
      code: 'REGISTRATION.LEGAL_REPRESENTATIVE_OF_ANOTHER_GROUP',
    });
    await expect(change({ name: '王五', idNumber: newRep }, { auditReportReference: 'A', effectiveOn: civilDate('2027-06-01') })).rejects.toMatchObject({
      code: 'REGISTRATION.CHANGE_EFFECTIVE_DATE',
    });
    await expect(change({ name: '王五', idNumber: newRep }, { auditReportReference: 'A', effectiveOn: civilDate('2027-03-31') })).rejects.toMatchObject({
      code: 'REGISTRATION.CHANGE_EFFECTIVE_DATE',
    });
    await expect(changes.change(uscc, { legalRepresentative: { name: '王五', idNumber: newRep }, auditReportReference: 'A' }, shanghai)).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    expect(await events('registration.organization.changed', uscc)).toHaveLength(0);

    const updated = await change({ name: '王五', idNumber: newRep }, { auditReportReference: '京审字〔2027〕第012号', effectiveOn: civilDate('2027-05-01') });
    expect(updated.legalRepresentativeName).toBe('王五');
    const [event] = await events('registration.organization.changed', uscc);
    expect(event.data).toEqual({
      uscc,
      registeringAuthority: '110108',
      changes: [{ field: 'legalRepresentativeName', from: '郑九', to: '王五' }],
      effectiveAt: '2027-04-30T16:00:00.000Z', // 1 May, 00:00 Beijing time
    });
    const outbox = JSON.stringify(await ds.getRepository(OutboxMessageOrmEntity).find());
    for (const id of [oldRep, newRep]) expect(outbox).not.toContain(id);

    // Stored encrypted (like the application's), never in plain text; the old representative is superseded at the effective date.
    const rows = await ds.getRepository(PersonalDataOrmEntity).find({ where: { personRole: 'LEGAL_REPRESENTATIVE', name: '王五' } });
    expect(rows).toHaveLength(1);
    expect(rows[0].idNumberCipher).not.toContain(newRep);
    expect(pii.decrypt(rows[0].idNumberCipher)).toBe(newRep);
    expect(rows[0]).toMatchObject({ uscc, effectiveFrom: new Date('2027-04-30T16:00:00Z'), supersededAt: null });

    // History and asOf show the name change; reads never carry the ID number.
    const history = await organizationRegister.history(uscc);
    expect(history.map((v) => v.changeType)).toEqual(['REGISTERED', 'CHANGED']);
    expect(history[1]).toMatchObject({ effectiveAt: new Date('2027-04-30T16:00:00Z'), details: { auditReportReference: '京审字〔2027〕第012号' } });
    expect(JSON.stringify(history)).not.toContain(newRep);
    expect((await organizationRegister.asOf(uscc, new Date('2027-04-30T15:59:59.999Z'))).entry.legalRepresentativeName).toBe('郑九');
    expect((await organizationRegister.asOf(uscc, new Date('2027-04-30T16:00:00Z'))).entry.legalRepresentativeName).toBe('王五');

    // Masked for registrars in jurisdiction; names only for auditors; nothing outside the jurisdiction.
    const forRegistrar = await legalRepresentatives.list(uscc, haidian);
    expect(forRegistrar).toEqual([
      expect.objectContaining({ name: '郑九', current: false, supersededAt: new Date('2027-04-30T16:00:00Z'), idNumberMasked: `${oldRep.slice(0, 3)}***********${oldRep.slice(-4)}` }),
      expect.objectContaining({ name: '王五', current: true, supersededAt: null, idNumberMasked: `${newRep.slice(0, 3)}***********${newRep.slice(-4)}` }),
    ]);
    const forAuditor = await legalRepresentatives.list(uscc, { subject: 'aud', roles: ['auditor'], jurisdiction: '110000' });
    expect(forAuditor.map((r) => r.name)).toEqual(['郑九', '王五']);
    expect(JSON.stringify(forAuditor)).not.toMatch(/idNumber/);
    await expect(legalRepresentatives.list(uscc, shanghai)).rejects.toMatchObject({ kind: 'NOT_FOUND' });

    // 社团条例 Art. 12 follows the current legal representative: the new one is taken, the former one is free again.
    const group = (name: string, rep: string) => ({
      proposedName: name,
      form: 'SOCIAL_GROUP' as const,
      category: 'SCIENCE_TECHNOLOGY' as const,
      registeringAuthority: '110108',
      domicile: '北京市海淀区',
      purpose: '学术交流',
      legalRepresentativeName: 'x',
      legalRepresentativeIdNumber: rep,
      registeredCapitalFen: 3_000_000,
      individualMembers: 60,
    });
    await expect(submission.submit(group('北京市海淀区传感器学会', newRep), applicant)).rejects.toMatchObject({ code: 'REGISTRATION.LEGAL_REPRESENTATIVE_OF_ANOTHER_GROUP' });
    await expect(submission.submit(group('北京市海淀区传感器学会', oldRep), applicant)).resolves.toBeDefined();
    await waitFor(async () => (await ds.getRepository(OutboxMessageOrmEntity).find()).every((r) => r.publishedAt !== null), 20000, 'relay published to Kafka');
  });
});
