import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { signAccessToken, type Role } from '@sop/auth';
import { allTopicSpecs, AUDIT_REBUILDERS } from '@sop/contracts';
import { createHttpApp, startServices } from '@sop/http';
import { KafkaTransport, runAuditRebuild, type RebuildReport } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { CreditSupervisionModule } from './credit-supervision.module';
import { CreditOrganizationOrmEntity } from './infrastructure/credit.orm-entities';

const ISSUER = 'int-issuer';
const AUDIENCE = 'social-org-platform';
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const token = (roles: Role[], jurisdiction: string, organizationUscc?: string) =>
  signAccessToken({ subject: `${roles.join('+')}-${jurisdiction}`, roles, jurisdiction, organizationUscc }, privateKeyPem, ISSUER, AUDIENCE);

/**
 * The auditor's rebuild of the credit lists (issue 13 item 7): list decisions taken through the credit service go out
 * through its outbox to Kafka; `audit:verify --rebuild credit-lists` folds credit.list.v1 from the beginning and compares
 * each organization's entries with its public credit profile (GET /profiles/{uscc}, no token).
 */
describe('auditor rebuild of the credit lists from the topic (MariaDB + Kafka + HTTP)', () => {
  const db = testMysqlConfig('credit_rebuild');
  const brokers = testKafkaBrokers();
  const transport = new KafkaTransport({ brokers, clientId: uniqueName('credit-rebuild') });
  const clock = new MovableClock(new Date('2026-11-25T08:00:00Z'));
  const serial = Math.floor(Math.random() * 800_000_000);
  const [warned, unreachable, objected] = [0, 1, 2].map((i) => buildCivilAffairsUscc('SOCIAL_GROUP', '110108', serial + i));
  const officer = token(['credit-officer'], '110000');
  const auditor = token(['auditor'], '100000');
  let app: INestApplication;
  let ds: DataSource;
  let base: string;

  async function call(method: string, path: string, bearer?: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async function rebuild(): Promise<{ status: number; report: RebuildReport }> {
    const out: string[] = [];
    const err: string[] = [];
    const argv = ['--rebuild', 'credit-lists', '--compare', base, '--subjects', [warned, unreachable, objected].join(','), '--brokers', brokers.join(','), '--json'];
    const status = await runAuditRebuild(argv, { rebuilders: AUDIT_REBUILDERS, out: (l) => out.push(l), err: (l) => err.push(l) });
    if (status === 2) throw new Error(err.join('\n'));
    return { status, report: JSON.parse(out.join('\n')) as RebuildReport };
  }
  const unpublished = async () => Number((await ds.query('SELECT COUNT(*) AS n FROM outbox_message WHERE published_at IS NULL'))[0].n);

  beforeAll(async () => {
    await transport.ensureTopics(allTopicSpecs());
    app = await createHttpApp(
      [CreditSupervisionModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: uniqueName('credit-rebuild-group'), timerIntervalMs: 0 })],
      { publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: ISSUER, audience: AUDIENCE },
      [],
    );
    await startServices(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    ds = app.get(DataSource, { strict: false });
    for (const uscc of [warned, unreachable, objected]) {
      await ds.getRepository(CreditOrganizationOrmEntity).insert({
        uscc,
        name: `北京市测试协会${uscc}`,
        form: 'SOCIAL_GROUP',
        category: 'SCIENCE_TECHNOLOGY',
        registeringAuthority: '110108',
        domicile: '北京市',
        registrationStatus: 'REGISTERED',
        registeredAt: new Date('2025-01-01T00:00:00Z'),
        updatedAt: new Date('2025-01-01T00:00:00Z'),
      });
    }
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  it('rebuilds each organization\'s list entries from the events, equal to its public profile; a changed row shows', async () => {
    const warning = (uscc: string) => ({ uscc, kind: 'WARNING', decidedAt: '2026-11-20T00:00:00.000Z', decidingBody: '北京市海淀区民政局', basis: '社团条例 Art. 30' });
    expect((await call('POST', '/penalties', officer, warning(warned))).status).toBe(201);
    const letters = [{ reference: 'L-1', mailedOn: '2026-09-01' }, { reference: 'L-2', mailedOn: '2026-10-15' }];
    expect((await call('POST', '/list-triggers', officer, { uscc: unreachable, list: 'ABNORMAL', reason: 'UNREACHABLE_AT_DOMICILE', evidence: ['doc-1'], occurredAt: '2026-11-01T00:00:00.000Z', unsignedLetters: letters })).status).toBe(201);
    // A listing annulled after an upheld objection stays in the history, not on the public profile.
    expect((await call('POST', '/penalties', officer, warning(objected))).status).toBe(201);
    const entryId = (await call('GET', `/records/${objected}`, auditor)).body.entries[0].entryId as string;
    const objection = await call('POST', `/entries/${entryId}/objections`, token(['org-representative'], '110108', objected), { grounds: '处罚决定已撤销' });
    expect((await call('POST', `/objections/${objection.body.id}/decision`, officer, { upheld: true, reason: '确认有误' })).body).toMatchObject({ status: 'UPHELD' });
    await waitFor(async () => (await unpublished()) === 0, 60000, 'the outbox published');

    const { status, report } = await rebuild();
    expect(report.differences).toEqual([]);
    expect([status, report.compared, report.equal]).toEqual([0, 3, 3]);
    const profile = (await call('GET', `/profiles/${warned}`)).body;
    expect(profile.lists.abnormalActivity).toEqual([expect.objectContaining({ reason: 'WARNING_OR_SMALL_FINE', status: 'ACTIVE' })]);

    // The list view changed behind the events' back (an entry deleted): the rebuild names it.
    const [row] = await ds.query('SELECT entry_id FROM credit_list_entry WHERE uscc = ?', [unreachable]);
    await ds.query('DELETE FROM credit_list_entry WHERE uscc = ?', [unreachable]);
    const after = await rebuild();
    expect(after.status).toBe(1);
    expect(after.report.differences).toEqual([{ subject: unreachable, differences: [`ABNORMAL entry ${row.entry_id}: missing in the service's answer`] }]);
  });
});
