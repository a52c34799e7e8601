import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ROLES, type Role } from '@sop/auth';
import { AUTHORIZATION_MATRIX, type Decision, type Reach } from './authorization-matrix';
import { startEmbeddedTestHost, type EmbeddedTestHost } from './test-support/embedded-test-host';
import { residentId, seedRegisteredOrganization } from './test-support/seed-organization';
import { EMBEDDED_SERVICES } from './services';

/**
 * Issue 10 §2: the authorization matrix, generated from the platform's own OpenAPI document and checked against the
 * running embedded platform.
 *  - every operation has a decision in AUTHORIZATION_MATRIX (a new endpoint without one fails here);
 *  - roles: no token → 401 unless public; each role outside the decision → 403 AUTH.ROLE_REQUIRED; each role in it
 *    passes the role check;
 *  - objects: for the decisions with a relation, each allowed role × (own / same jurisdiction / other jurisdiction)
 *    on a seeded organization (Haidian, 110108) and its application: what the reach allows is not refused, what it
 *    does not allow is 404 (or 403 where the reach is the caller's own organization or unit).
 */
type Relation = 'own' | 'same' | 'other';
interface Cell {
  operation: string;
  caller: string;
  expected: 'allowed' | 'denied' | 'unauthenticated' | 'wrong-role';
  status: number;
  code?: string;
  reach?: Reach;
}

const SAME = '110108';
const OTHER = '310000';
const OTHER_USCC = '51310000MJ0000018X';

describe('the authorization matrix (every endpoint × role × relation)', () => {
  let host: EmbeddedTestHost;
  let operations: { method: string; path: string; key: string }[];
  let uscc: string;
  let applicationId: string;
  const cells: Cell[] = [];

  const call = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const res = await fetch(host.base + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { code?: string }).code;
    } catch {
      code = undefined;
    }
    return { status: res.status, code };
  };

  /** A concrete path: the seeded organization and application; other parameters get a syntactically valid stand-in. */
  const concrete = (path: string) =>
    path
      .replace('{uscc}', uscc)
      .replace('{id}', applicationId)
      .replace('{jurisdiction}', SAME)
      .replace('{version}', '1')
      .replace('{year}', '2025')
      .replace('{seq}', '1')
      .replace('{unitId}', 'unit-haidian-finance');

  const tokenFor = (role: Role, relation: Relation) => {
    const jurisdiction = relation === 'other' ? OTHER : SAME;
    if (role === 'org-representative') return host.token([role], jurisdiction, `rep-${relation}`, { organizationUscc: relation === 'own' ? uscc : OTHER_USCC });
    if (role === 'applicant') return host.token([role], jurisdiction, relation === 'own' ? 'applicant-1' : `applicant-${relation}`);
    if (role === 'supervising-unit' || role === 'purchaser') return host.token([role], jurisdiction, `${role}-${relation}`, { unitId: `unit-${relation}` });
    return host.token([role], jurisdiction, `${role}-${relation}`);
  };

  /** What the reach lets through for a relation: own objects always; same jurisdiction unless own-only; other only anywhere. */
  const allows = (reach: Reach, relation: Relation) => reach === 'anywhere' || (relation !== 'other' && reach !== 'own') || relation === 'own';

  beforeAll(async () => {
    host = await startEmbeddedTestHost(EMBEDDED_SERVICES, {
      logLevel: 'silent',
      edge: { RATE_LIMIT_PUBLIC_PER_MINUTE: 1_000_000, RATE_LIMIT_EXPENSIVE_PER_MINUTE: 1_000_000, RATE_LIMIT_SENSITIVE_PER_MINUTE: 1_000_000 },
    });
    const doc = SwaggerModule.createDocument(host.app, new DocumentBuilder().addBearerAuth().build()) as unknown as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` })));
    const seeded = await seedRegisteredOrganization(host, '北京市海淀区权限矩阵科技协会', residentId('11010819900101123'));
    ({ uscc, applicationId } = seeded);
    // Credit supervision and evaluation learn of the organization from registration's event on the in-process bus.
    for (const probe of [`/credit/profiles/${uscc}`, `/evaluation/organizations/${uscc}`]) {
      const auditor = host.token(['auditor'], '100000');
      for (let i = 0; i < 100 && (await call('GET', probe, auditor)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);
  afterAll(() => host?.close());

  it('has a decision for every operation of the OpenAPI document, and none for an operation that does not exist', () => {
    const keys = operations.map((o) => o.key);
    expect(keys.filter((k) => !AUTHORIZATION_MATRIX[k])).toEqual([]);
    expect(Object.keys(AUTHORIZATION_MATRIX).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('roles: no token is 401 unless public, a role outside the decision is 403, a role inside passes the role check', async () => {
    for (const op of operations) {
      const decision: Decision = AUTHORIZATION_MATRIX[op.key];
      const path = concrete(op.path);
      const body = op.method === 'GET' ? undefined : {};
      const anonymous = await call(op.method, path, undefined, body);
      if (decision.access === 'public') {
        cells.push({ operation: op.key, caller: 'none', expected: 'allowed', ...anonymous });
        continue;
      }
      cells.push({ operation: op.key, caller: 'none', expected: 'unauthenticated', ...anonymous });
      for (const role of ROLES) {
        const res = await call(op.method, path, tokenFor(role, 'same'), body);
        cells.push({ operation: op.key, caller: role, expected: decision.access[role] ? 'allowed' : 'wrong-role', ...res });
      }
    }
    const wrong = cells.filter((c) => {
      if (c.expected === 'unauthenticated') return c.status !== 401;
      if (c.expected === 'wrong-role') return c.status !== 403 || c.code !== 'AUTH.ROLE_REQUIRED';
      return c.status === 401 || c.code === 'AUTH.ROLE_REQUIRED';
    });
    expect(wrong.map((c) => `${c.operation} as ${c.caller}: expected ${c.expected}, got ${c.status} ${c.code ?? ''}`)).toEqual([]);
  }, 300_000);

  it('objects: each allowed role reaches its own and (by reach) its jurisdiction’s objects; outside its reach it gets 404 (or 403 for what is not its own)', async () => {
    const results: Cell[] = [];
    for (const op of operations) {
      const decision = AUTHORIZATION_MATRIX[op.key];
      if (decision.access === 'public' || !decision.relation) continue;
      const body = decision.relation.body?.(uscc) ?? (op.method === 'GET' ? undefined : {});
      // The refusals first: an allowed call may change the object (a change registration), a refused one never does.
      for (const relation of ['other', 'same', 'own'] as Relation[]) {
        for (const [role, reach] of Object.entries(decision.access) as [Role, Reach][]) {
          if (relation === 'own' && !['org-representative', 'applicant', 'supervising-unit', 'purchaser'].includes(role)) continue;
          const caller = `${role} (${relation})`;
          // A representative's own object is its organization; for an application, the applicant's.
          const ownObject = (role === 'org-representative' && decision.relation.object === 'organization') || (role === 'applicant' && decision.relation.object === 'application');
          if (relation === 'own' && !ownObject) continue;
          const res = await call(op.method, concrete(op.path), tokenFor(role, relation), body);
          results.push({ operation: op.key, caller, reach, expected: allows(reach, relation) ? 'allowed' : 'denied', ...res });
        }
      }
    }
    const denied = (c: Cell) => c.status === 404 || c.status === 403;
    const wrong = results.filter((c) => (c.expected === 'allowed' ? denied(c) || c.status === 400 || c.status === 401 : !denied(c)));
    expect(wrong.map((c) => `${c.operation} as ${c.caller}: expected ${c.expected}, got ${c.status} ${c.code ?? ''}`)).toEqual([]);
    // An officer's object outside its jurisdiction is answered as missing: 404, never a 403 that tells it exists.
    // (Whether an organization exists is public, so a representative may be told it is not its own: 403.)
    const outside = results.filter((c) => c.caller.endsWith('(other)') && c.expected === 'denied' && c.reach === 'jurisdiction');
    expect(outside.length).toBeGreaterThan(10);
    expect(outside.filter((c) => c.status !== 404).map((c) => `${c.operation} as ${c.caller}: ${c.status} ${c.code ?? ''}`)).toEqual([]);
    cells.push(...results);
    console.log(
      `[authorization matrix] ${operations.length} operations × ${ROLES.length} roles + none; ${cells.length} cells checked ` +
        `(${results.length} object relations on ${new Set(results.map((r) => r.operation)).size} operations)`,
    );
  }, 300_000);
});
