import type { Principal } from '@sop/auth';
import { OutboxMessageOrmEntity } from '@sop/messaging';
import { ApplicationDecisions } from './application/applications/application-decisions.use-cases';
import { SubmitApplication } from './application/applications/submit-application.use-case';
import { residentIdCheckCharacter } from './domain/resident-id';
import { registrationOverHttp } from './test-support/registration-http.fixture';

/**
 * Bitemporal reads of the register over HTTP (MySQL + Kafka): GET /organizations/:uscc?asOf=&knownAt= shows the entry
 * in effect at asOf as it had been recorded by knownAt (regulations §1.1, 社团条例 Art. 23 public announcement).
 */
describe('register entry knownAt over HTTP (MySQL + Kafka)', () => {
  process.env['REGISTRATION_SCHEDULER_INTERVAL_MS'] = '0';
  const f = registrationOverHttp('registration_known_at', '2026-11-25T08:00:00Z');
  const { clock, http: call } = f;
  const applicant: Principal = { subject: 'applicant-1', roles: ['applicant'], jurisdiction: '110108' };
  const haidian: Principal = { subject: 'registrar-haidian', roles: ['registrar'], jurisdiction: '110108' };
  const registrar = f.token(['registrar'], '110108', haidian.subject);
  const entry = (uscc: string, query: Record<string, string>) => call('GET', `/organizations/${uscc}?${new URLSearchParams(query).toString()}`);

  it('hides a change and a revocation before they were recorded and shows them after; knownAt in the future is 400', async () => {
    const body = '11010819800110001';
    const submitted = await f.app.get(SubmitApplication).submit(
      {
        proposedName: '北京市海淀区机器人协会',
        form: 'SOCIAL_GROUP',
        category: 'SCIENCE_TECHNOLOGY',
        registeringAuthority: '110108',
        domicile: '北京市海淀区中关村南大街5号',
        purpose: '组织科技志愿服务',
        legalRepresentativeName: '郑九',
        legalRepresentativeIdNumber: body + residentIdCheckCharacter(body),
        registeredCapitalFen: 3_000_000,
        individualMembers: 60,
      },
      applicant,
    );
    const uscc = (await f.app.get(ApplicationDecisions).approve(submitted.snapshot.id, haidian)).organization.uscc; // recorded 25 Nov 16:00 Beijing

    // A change recorded on 10 Dec (Beijing) with effect from 1 Dec.
    clock.set(new Date('2026-12-10T02:00:00Z'));
    expect((await call('POST', `/organizations/${uscc}/changes`, registrar, { domicile: '北京市海淀区学院路1号', effectiveOn: '2026-12-01' })).status).toBe(200);

    const before = await entry(uscc, { asOf: '2026-12-03T00:00:00+08:00', knownAt: '2026-12-05T00:00:00+08:00' });
    expect(before).toMatchObject({ status: 200, body: { domicile: '北京市海淀区中关村南大街5号', version: 1, asOf: '2026-12-03T00:00:00+08:00', knownAt: '2026-12-05T00:00:00+08:00' } });
    const after = await entry(uscc, { asOf: '2026-12-03T00:00:00+08:00', knownAt: '2026-12-10T10:00:00+08:00' });
    expect(after).toMatchObject({ status: 200, body: { domicile: '北京市海淀区学院路1号', version: 2 } });
    // Without knownAt: everything recorded so far (unchanged behaviour), no knownAt in the answer.
    const plain = await entry(uscc, { asOf: '2026-12-03T00:00:00+08:00' });
    expect(plain.body).toMatchObject({ domicile: '北京市海淀区学院路1号', version: 2 });
    expect(plain.body.knownAt).toBeUndefined();
    // asOf defaults to knownAt.
    expect((await entry(uscc, { knownAt: '2026-12-09T00:00:00+08:00' })).body).toMatchObject({ domicile: '北京市海淀区中关村南大街5号', asOf: '2026-12-09T00:00:00+08:00', version: 1 });

    // A revocation recorded on 5 Jan 10:00 Beijing.
    clock.set(new Date('2027-01-05T02:00:00Z'));
    const revoked = await call('POST', `/organizations/${uscc}/revocation`, registrar, { ground: 'FRAUD_IN_REGISTRATION', revocationKind: 'REGISTRATION_CANCELLED', reason: '弄虚作假骗取登记' });
    expect(revoked).toMatchObject({ status: 200, body: { status: 'REVOKED' } });
    expect(await f.ds.getRepository(OutboxMessageOrmEntity).countBy({ eventType: 'registration.organization.revoked', messageKey: uscc })).toBe(1);

    clock.set(new Date('2027-02-01T00:00:00Z'));
    expect((await entry(uscc, { knownAt: '2027-01-05T09:59:59+08:00' })).body).toMatchObject({ status: 'REGISTERED', version: 2 });
    expect((await entry(uscc, { asOf: '2027-01-31T00:00:00+08:00', knownAt: '2027-01-05T09:59:59+08:00' })).body).toMatchObject({ status: 'REGISTERED', version: 2 });
    expect((await entry(uscc, { knownAt: '2027-01-05T10:00:00+08:00' })).body).toMatchObject({ status: 'REVOKED', revocationKind: 'REGISTRATION_CANCELLED', version: 3 });
    expect((await entry(uscc, { asOf: '2027-01-31T00:00:00+08:00' })).body).toMatchObject({ status: 'REVOKED', version: 3 });

    // Refusals: a knownAt in the future, a knownAt without its offset, a knownAt before the registration was recorded.
    expect(await entry(uscc, { knownAt: '2027-02-01T08:00:00.001+08:00' })).toMatchObject({ status: 400, body: { code: 'REGISTRATION.KNOWN_AT_IN_FUTURE' } });
    expect((await entry(uscc, { knownAt: '2027-01-05T10:00:00' })).status).toBe(400);
    expect(await entry(uscc, { asOf: '2027-01-31T00:00:00+08:00', knownAt: '2026-11-20T00:00:00+08:00' })).toMatchObject({
      status: 404,
      body: { code: 'REGISTRATION.ORGANIZATION_NOT_REGISTERED_AT' },
    });
  });
});
