import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Get, Module, Post, Query, type INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { ServiceUnavailableException } from '@nestjs/common';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import { Public, Roles, type Principal } from '@sop/auth';
import { IsInstant } from '@sop/util';
import { createHttpApp } from '../http-app';
import { sendReadiness } from '../health.controller';
import { RateLimit, RateLimitGuard, TokenBuckets } from './rate-limit';
import { nestingDepth } from './request-limits';

class EchoBody {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @ValidateNested() nested?: unknown;
}
class AsOfQuery {
  @IsOptional() @IsInstant() asOf?: string;
}

@Controller('probe')
class ProbeController {
  @Public() @Get('public') read(@Query() q: AsOfQuery) {
    return { ok: true, asOf: q.asOf ?? null };
  }
  @Public() @Post('echo') echo(@Body() body: EchoBody) {
    return body;
  }
  @Roles('auditor') @RateLimit('expensive') @Post('export') exportIt() {
    return { started: true };
  }
}
@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('the HTTP edge', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    app = await createHttpApp([ProbeModule], { publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: 'i', audience: 'a' }, [{ path: 'docs', title: 't', description: 'd' }], {
      logLevel: 'silent',
      edge: { HTTP_BODY_LIMIT_BYTES: 4096, HTTP_MAX_JSON_DEPTH: 8, RATE_LIMIT_PUBLIC_PER_MINUTE: 5, HTTP_HSTS: 'auto', HTTP_TRUST_PROXY: true },
    });
    await app.init();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('sends security headers and no X-Powered-By; the Swagger pages get their own policy', async () => {
    const res = await fetch(`${base}/probe/public`, { headers: { 'x-forwarded-for': '10.0.0.1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const behindTls = await fetch(`${base}/probe/public`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.0.0.2' } });
    expect(behindTls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    const missing = await fetch(`${base}/nowhere`, { headers: { 'x-forwarded-for': '10.0.0.3' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses an unreadable date as a 400 naming the field and the rule', async () => {
    for (const asOf of ['2027-W01-1', '20270101', '2027-01-01T10', '2027-123', '2027-02-31T00:00Z']) {
      const res = await fetch(`${base}/probe/public?asOf=${encodeURIComponent(asOf)}`, { headers: { 'x-forwarded-for': `10.1.0.${asOf.length}` } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'VALIDATION.FAILED', errors: [{ field: 'asOf', rule: 'isInstant' }] });
    }
  });

  it('answers 413 for a body over the limit and 400 for one nested too deep or malformed, before validation', async () => {
    const big = await post('/probe/echo', JSON.stringify({ name: 'x'.repeat(5000) }), { 'x-forwarded-for': '10.2.0.1' });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    expect(await big.json()).toMatchObject({ code: 'HTTP.PAYLOAD_TOO_LARGE', errors: [{ field: 'body', rule: 'maxBytes:4096' }] });

    const deep = await post('/probe/echo', '{"nested":'.repeat(9) + '1' + '}'.repeat(9), { 'x-forwarded-for': '10.2.0.2' });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({ code: 'HTTP.TOO_DEEP', errors: [{ field: 'body', rule: 'maxDepth:8' }] });
    const veryDeep = await post('/probe/echo', '['.repeat(2000) + ']'.repeat(2000), { 'x-forwarded-for': '10.2.0.3' });
    expect(veryDeep.status).toBe(400);

    const ok = await post('/probe/echo', '{"nested":'.repeat(7) + '1' + '}'.repeat(7), { 'x-forwarded-for': '10.2.0.4' });
    expect(ok.status).not.toBe(500);

    const malformed = await post('/probe/echo', '{"name": ', { 'x-forwarded-for': '10.2.0.5' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'HTTP.BAD_REQUEST', errors: [{ field: 'body', rule: 'entity.parse.failed' }] });
  });

  it('limits public requests per client with 429 problem+json and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await fetch(`${base}/probe/public`, { headers: { 'x-forwarded-for': '10.3.0.1' } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(last?.headers.get('content-type')).toContain('application/problem+json');
    expect(await last?.json()).toMatchObject({ status: 429, code: 'HTTP.RATE_LIMITED' });
    // Another client is not affected.
    expect((await fetch(`${base}/probe/public`, { headers: { 'x-forwarded-for': '10.3.0.2' } })).status).toBe(200);
  });

  it('needs a token for an expensive endpoint', async () => {
    const res = await post('/probe/export', '{}', { 'x-forwarded-for': '10.4.0.1' });
    expect(res.status).toBe(401);
  });
});

describe('rate limit buckets', () => {
  it('refill continuously: a minute gives back the whole capacity', () => {
    let now = 0;
    const buckets = new TokenBuckets(3, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(20);
    now += 20_000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('b')).toBe(0);
  });

  it('forget full buckets when there are too many keys', () => {
    let now = 0;
    const buckets = new TokenBuckets(60, () => now, 100);
    for (let i = 0; i < 100; i++) buckets.take(`k${i}`);
    now += 60_000;
    buckets.take('one-more');
    expect(buckets.size).toBeLessThanOrEqual(2);
  });

  function context(handler: () => void, principal?: Principal, finish: (() => void)[] = [], res: { statusCode: number; headers: Record<string, string> } = { statusCode: 200, headers: {} }) {
    const req = { ip: '10.9.9.9', principal };
    const response = { ...res, setHeader: (n: string, v: string) => (res.headers[n] = v), once: (_: string, l: () => void) => finish.push(l) };
    Object.defineProperty(response, 'statusCode', { get: () => res.statusCode });
    return new ExecutionContextHost([req, response], class {}, handler);
  }

  it('limit an expensive endpoint per token subject, also across IP addresses', () => {
    class C {
      @RateLimit('expensive') run() {
        return 'run';
      }
    }
    const guard = new RateLimitGuard(new Reflector(), { publicPerMinute: 0, expensivePerMinute: 2, sensitivePerMinute: 0 }, () => 0);
    const alice: Principal = { subject: 'alice', roles: ['auditor'], jurisdiction: '100000' };
    expect(guard.canActivate(context(C.prototype.run, alice))).toBe(true);
    expect(guard.canActivate(context(C.prototype.run, alice))).toBe(true);
    expect(() => guard.canActivate(context(C.prototype.run, alice))).toThrow(expect.objectContaining({ code: 'HTTP.RATE_LIMITED' }));
  });

  it('count only the answers of a probe that reveal something (422), per token subject', () => {
    class C {
      @RateLimit('sensitive', { countStatuses: [422] }) submit() {
        return 'submit';
      }
    }
    const guard = new RateLimitGuard(new Reflector(), { publicPerMinute: 0, expensivePerMinute: 0, sensitivePerMinute: 2 }, () => 0);
    const applicant: Principal = { subject: 'applicant-1', roles: ['applicant'], jurisdiction: '110000' };
    const answer = (status: number) => {
      const finish: (() => void)[] = [];
      const res = { statusCode: status, headers: {} as Record<string, string> };
      guard.canActivate(context(C.prototype.submit, applicant, finish, res));
      finish.forEach((f) => f());
      return res;
    };
    for (let i = 0; i < 5; i++) answer(201); // accepted submissions are not probes
    answer(422);
    answer(422);
    expect(() => answer(201)).toThrow(expect.objectContaining({ code: 'HTTP.RATE_LIMITED' }));
    // Another subject still may.
    const other: Principal = { ...applicant, subject: 'applicant-2' };
    expect(guard.canActivate(context(C.prototype.submit, other))).toBe(true);
  });
});

describe('readiness', () => {
  const down = () => Promise.reject(new ServiceUnavailableException({ status: 'error', info: {}, error: { database: { status: 'down', detail: "Access denied for user 'sop'@'10.0.0.5'" } }, details: { database: { status: 'down', detail: "Access denied for user 'sop'@'10.0.0.5'" } } }));
  const capture = () => {
    const out: { status?: number; body?: unknown } = {};
    const res = { status: (s: number) => ((out.status = s), res), json: (b: unknown) => (out.body = b) };
    return { res, out };
  };

  it('shows the public only the status of each component', async () => {
    const { res, out } = capture();
    await sendReadiness(res, down);
    expect(out.status).toBe(503);
    expect(out.body).toEqual({ status: 'error', info: {}, error: { database: { status: 'down' } }, details: { database: { status: 'down' } } });
    expect(JSON.stringify(out.body)).not.toContain('Access denied');
  });

  it('shows operators the details', async () => {
    const { res, out } = capture();
    await sendReadiness(res, down, true);
    expect(JSON.stringify(out.body)).toContain('Access denied');
  });
});

describe('nesting depth', () => {
  it('is measured without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nestingDepth(deep)).toBe(100_000);
    expect(nestingDepth({ a: [{ b: 1 }], c: 2 })).toBe(3);
    expect(nestingDepth('x')).toBe(0);
  });
});
