import { CREDIT_SUPERVISION_SERVICE } from '@sop/credit-supervision';
import { CommandAuditLog, type CommandAuditRow, type ServiceDefinition } from '@sop/http';
import { REGISTRATION_SERVICE } from '@sop/registration';
import { waitFor } from '@sop/testing';
import { DataSource } from 'typeorm';
import { serviceOfPath } from './platform-endpoints';
import { startEmbeddedTestHost, type EmbeddedTestHost } from './test-support/embedded-test-host';

/**
 * Issue 13 item 8 on the embedded platform: every state-changing request, done, refused or unauthenticated, lands in
 * the command audit log of the service that owns its path, with who, what, when, from where and the outcome; GETs do
 * not; auditors read it page by page, no one else; the log refuses UPDATE and DELETE.
 */
const SERVICES: ServiceDefinition[] = [REGISTRATION_SERVICE, CREDIT_SUPERVISION_SERVICE];

describe('command audit log (embedded platform)', () => {
  let host: EmbeddedTestHost;
  let registrar: string;
  let auditor: string;

  beforeAll(async () => {
    host = await startEmbeddedTestHost(SERVICES, { serviceOf: serviceOfPath(SERVICES) });
    registrar = host.token(['registrar', 'applicant'], '110000', 'registrar-audit-1');
    auditor = host.token(['auditor'], '100000', 'auditor-1');
  });
  afterAll(() => host?.close());

  const call = (method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${host.base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  async function entries(prefix: string, query = ''): Promise<{ items: CommandAuditRow[]; next: number | null }> {
    const res = await call('GET', `/${prefix}/audit/commands${query}`, auditor);
    expect(res.status).toBe(200);
    return (await res.json()) as { items: CommandAuditRow[]; next: number | null };
  }

  it('records done, refused and unauthenticated commands with who, what, when, from where and the outcome', async () => {
    const before = new Date();
    const submitted = await call('POST', '/registration/applications', registrar, {
      proposedName: '北京市海淀区审计社区服务中心',
      form: 'SOCIAL_SERVICE_ORGANIZATION',
      category: 'URBAN_RURAL_COMMUNITY_SERVICE',
      registeringAuthority: '110108',
      domicile: '北京市海淀区中关村大街2号',
      purpose: '为社区老年人提供日间照料服务',
      legalRepresentativeName: '李四',
      legalRepresentativeIdNumber: '11010519491231002X',
      registeredCapitalFen: 3_000_000,
    }, { 'X-Request-Id': 'req-audit-1' });
    expect(submitted.status).toBe(201);
    const id = ((await submitted.json()) as { id: string }).id;
    expect((await call('POST', `/registration/applications/${id}/approve`, registrar, { unexpected: true })).status).toBe(400);
    expect((await call('POST', '/registration/applications', null, {})).status).toBe(401);
    expect((await call('GET', `/registration/applications/${id}`, registrar)).status).toBe(200);

    let items: CommandAuditRow[] = [];
    await waitFor(async () => (items = (await entries('registration')).items).length >= 3, 5_000, 'three audit entries');
    expect(items).toHaveLength(3); // the GET is not a command
    const [done, refused, anonymous] = items;
    expect(done).toMatchObject({
      subject: 'registrar-audit-1', roles: ['registrar', 'applicant'], jurisdiction: '110000', method: 'POST',
      route: '/registration/applications', target: {}, requestId: 'req-audit-1', status: 201, outcome: 'SUCCEEDED', problemCode: null,
    });
    expect(done.clientAddress).toMatch(/127\.0\.0\.1/);
    expect(new Date(done.at).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
    expect(refused).toMatchObject({ route: '/registration/applications/:id/approve', target: { id }, status: 400, outcome: 'REFUSED' });
    expect(refused.problemCode).toMatch(/^VALIDATION\./);
    expect(anonymous).toMatchObject({ subject: null, roles: [], status: 401, outcome: 'REFUSED', problemCode: expect.stringMatching(/^AUTH\./) });
    // Each service keeps its own log: nothing of registration's reached credit supervision's.
    expect((await entries('credit')).items).toEqual([]);
  });

  it('pages by id, filters by subject, and answers auditors only', async () => {
    const first = await entries('registration', '?limit=2');
    expect(first.items).toHaveLength(2);
    const rest = await entries('registration', `?after=${first.next}`);
    expect(rest.items.map((e) => e.id)).toEqual([3]);
    expect((await entries('registration', '?subject=registrar-audit-1')).items).toHaveLength(2);
    expect((await call('GET', '/registration/audit/commands', registrar)).status).toBe(403);
    expect((await call('GET', '/registration/audit/commands', null)).status).toBe(401);
    expect((await call('GET', '/registration/audit/commands?from=2026-13-01', auditor)).status).toBe(400);
  });

  it('refuses UPDATE and DELETE on the embedded log', async () => {
    const registration = host.app.select(host.modules[0]); // the registration module (SERVICES[0])
    expect(registration.get(CommandAuditLog, { strict: true }).serviceName).toBe('registration');
    const ds = registration.get(DataSource, { strict: true });
    expect(await ds.query('SELECT COUNT(*) AS n FROM command_audit_log')).toEqual([{ n: 3 }]);
    await expect(ds.query('UPDATE command_audit_log SET status = 200')).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM command_audit_log')).rejects.toThrow(/append-only/);
    expect(await ds.query('SELECT COUNT(*) AS n FROM command_audit_log WHERE status = 200')).toEqual([{ n: 0 }]);
  });
});
