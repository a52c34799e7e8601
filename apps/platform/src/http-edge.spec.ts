import { startEmbeddedTestHost, type EmbeddedTestHost } from './test-support/embedded-test-host';
import { residentId, seedRegisteredOrganization, socialGroupApplication } from './test-support/seed-organization';
import { EMBEDDED_SERVICES } from './services';

/**
 * Issue 10 §3 on the embedded platform: dates read exactly or refused, bodies limited in size and depth, security
 * headers, exports only for officers and limited per caller, the ID-number probe limited per token subject, and
 * readiness details only for operators.
 */
const METRICS_TOKEN = 'operators-only-token-0123456789';

describe('the HTTP edge of the embedded platform', () => {
  let host: EmbeddedTestHost;
  let uscc: string;
  const representativeId = residentId('11010819790704001');

  const call = async (method: string, path: string, options: { token?: string; body?: string; headers?: Record<string, string> } = {}) => {
    const res = await fetch(host.base + path, {
      method,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.body,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  beforeAll(async () => {
    host = await startEmbeddedTestHost(EMBEDDED_SERVICES, {
      logLevel: 'silent',
      metricsToken: METRICS_TOKEN,
      edge: { RATE_LIMIT_PUBLIC_PER_MINUTE: 10_000, RATE_LIMIT_EXPENSIVE_PER_MINUTE: 2, RATE_LIMIT_SENSITIVE_PER_MINUTE: 2 },
    });
    ({ uscc } = await seedRegisteredOrganization(host, '北京市海淀区边界测试科技协会', representativeId));
  }, 60_000);
  afterAll(() => host?.close());

  it.each(['2027-W01-1', '20270101', '2027-01-01T10', '2027-123', '2027-02-31T10:00:00Z', '2027-01-01T10:00:00'])(
    'refuses asOf=%s on the public profile and register entry: 400 naming the field and the rule',
    async (asOf) => {
      for (const path of [`/credit/profiles/${uscc}`, `/registration/organizations/${uscc}`]) {
        const res = await call('GET', `${path}?asOf=${encodeURIComponent(asOf)}`);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.body).toMatchObject({ code: 'VALIDATION.FAILED', errors: [{ field: 'asOf', rule: 'isInstant' }] });
      }
    },
  );

  it('reads an exact instant, and refuses 31 February as a civil date instead of storing 3 March', async () => {
    expect((await call('GET', `/registration/organizations/${uscc}?asOf=${encodeURIComponent(new Date(Date.now() + 1000).toISOString().replace('Z', '+00:00'))}`)).status).not.toBe(400);
    const officer = host.token(['credit-officer'], '110000', 'credit-officer-beijing');
    const res = await call('POST', '/credit/rule-sets/110000/versions', {
      token: officer,
      body: JSON.stringify({ effectiveFrom: '2027-02-31', jointMeasures: { ABNORMAL: [], SERIOUS: [] }, source: 'test' }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ field: 'effectiveFrom', rule: 'isCivilDate' }] });
  });

  it('answers a deeply nested body with 400 and an oversized one with 413, never 500', async () => {
    const officer = host.token(['credit-officer'], '110000', 'credit-officer-beijing');
    const deep = await call('POST', '/credit/rule-sets/110000/versions', { token: officer, body: '{"jointMeasures":'.repeat(5000) + '{}' + '}'.repeat(5000) });
    expect(deep.status).toBe(400);
    expect(deep.body).toMatchObject({ code: 'HTTP.TOO_DEEP' });
    const big = await call('POST', '/credit/rule-sets/110000/versions', { token: officer, body: JSON.stringify({ source: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'HTTP.PAYLOAD_TOO_LARGE' });
  });

  it('sends the security headers and no X-Powered-By', async () => {
    const res = await call('GET', `/credit/profiles/${uscc}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(Object.fromEntries(['x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-resource-policy'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('starts register exports only for officers, and limits them per caller with 429 and Retry-After', async () => {
    expect((await call('POST', '/credit/register/exports')).status).toBe(401);
    expect((await call('POST', '/credit/register/exports', { token: host.token(['applicant'], '110108', 'someone') })).body).toMatchObject({ code: 'AUTH.ROLE_REQUIRED' });
    const officer = host.token(['credit-officer'], '110000', 'exporting-officer');
    const first = await call('POST', '/credit/register/exports', { token: officer });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: expect.any(String), status: expect.stringMatching(/RUNNING|DONE/) });
    expect((await call('GET', `/credit/register/exports/${first.body['id'] as string}`)).status).toBe(401);
    expect((await call('POST', '/credit/register/exports', { token: officer })).status).toBe(201);
    const third = await call('POST', '/credit/register/exports', { token: officer });
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ code: 'HTTP.RATE_LIMITED' });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('limits per token subject the refusals that tell whether an ID number already is a legal representative', async () => {
    const prober = host.token(['applicant'], '110108', 'prober');
    const probe = (n: number) => call('POST', '/registration/applications', { token: prober, body: JSON.stringify(socialGroupApplication(`北京市海淀区探测第${n}协会`, representativeId)) });
    const answers = [await probe(1), await probe(2), await probe(3)];
    expect(answers.map((a) => a.status)).toEqual([422, 422, 429]);
    expect(answers[0].body).toMatchObject({ code: 'REGISTRATION.LEGAL_REPRESENTATIVE_OF_ANOTHER_GROUP' });
    for (const a of answers) expect(a.text).not.toContain(representativeId);
    // Another applicant is not held back by the prober.
    const other = await call('POST', '/registration/applications', { token: host.token(['applicant'], '110108', 'another-applicant'), body: JSON.stringify(socialGroupApplication('北京市海淀区探测第4协会', representativeId)) });
    expect(other.status).toBe(422);
  });

  it('shows readiness details only to operators', async () => {
    const anyone = await call('GET', '/credit/health/ready');
    expect(anyone.status).toBe(200);
    const components = Object.values(anyone.body['details'] as Record<string, Record<string, unknown>>);
    expect(components.length).toBeGreaterThan(2);
    for (const c of components) expect(Object.keys(c)).toEqual(['status']);
    const operator = await call('GET', '/credit/health/ready', { token: METRICS_TOKEN });
    expect(JSON.stringify(operator.body['details'])).toContain('"detail"');
  });
});
