import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fc from 'fast-check';
import { startEmbeddedTestHost, type EmbeddedTestHost } from './test-support/embedded-test-host';
import { operationsOf, requestsFor, residentIdsIn, type FuzzRequest, type OpenApiDocument } from './test-support/openapi-fuzz';
import { residentId, seedRegisteredOrganization } from './test-support/seed-organization';
import { EMBEDDED_SERVICES } from './services';

/**
 * Issue 10 §3: the embedded platform under requests generated from its own OpenAPI document, every operation, with
 * and without tokens, with hostile values (wrong types, huge strings, deep nesting, odd dates, unicode, missing and
 * unknown fields): no answer is a 5xx, and no answer carries personal data (the legal representative's ID number
 * seeded here, or an ID number the request itself sent).
 * FUZZ_RUNS requests per run (default 4000 in the unit suite; `npm run fuzz` runs 30000); FUZZ_SEED replays a run.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 4000);
const SEED = process.env['FUZZ_SEED'] !== undefined ? Number(process.env['FUZZ_SEED']) : Date.now() % 2 ** 31;

describe('the embedded platform under requests generated from its OpenAPI document', () => {
  let host: EmbeddedTestHost;
  let doc: OpenApiDocument;
  const representativeId = residentId('11010819850315123');
  const knownPathValues: Record<string, string[]> = { jurisdiction: ['110108', '110000', '100000'], year: ['2026', '2027'] };

  const send = async (req: FuzzRequest) => {
    try {
      const res = await fetch(host.base + req.url, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(20_000) });
      return { status: res.status, text: await res.text() };
    } catch (err) {
      // No answer at all (the connection dropped): as bad as a 5xx.
      return { status: 599, text: `no answer: ${err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err)}` };
    }
  };

  beforeAll(async () => {
    host = await startEmbeddedTestHost(EMBEDDED_SERVICES, {
      logLevel: 'silent',
      // The limits themselves are fuzzed too, but high enough that the endpoints behind them are reached.
      edge: { RATE_LIMIT_PUBLIC_PER_MINUTE: 1_000_000, RATE_LIMIT_EXPENSIVE_PER_MINUTE: 1_000, RATE_LIMIT_SENSITIVE_PER_MINUTE: 1_000 },
    });
    doc = SwaggerModule.createDocument(host.app, new DocumentBuilder().setTitle('fuzz').addBearerAuth().build()) as unknown as OpenApiDocument;

    // One registered organization whose legal representative's ID number must never come back.
    const seeded = await seedRegisteredOrganization(host, '北京市海淀区模糊测试科技协会', representativeId);
    knownPathValues['uscc'] = [seeded.uscc];
    knownPathValues['id'] = [seeded.applicationId];
    for (const text of seeded.texts) expect(text).not.toContain(representativeId);
  }, 60_000);
  afterAll(() => host?.close());

  it(`answers ${RUNS} generated requests without a 5xx or personal data`, async () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(50);
    const statuses = new Map<number, number>();
    const reached = new Set<string>();
    const failures: string[] = [];
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(requestsFor(doc, { knownPathValues, token: (roles, j, sub) => host.token(roles, j, sub) }), async (req) => {
        const res = await send(req);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status < 400) reached.add(req.operation);
        const leaked = [representativeId, ...residentIdsIn(req.body)].filter((id) => res.text.includes(id) || res.text.includes(id.toLowerCase()));
        if (res.status >= 500 || leaked.length) {
          failures.push(`${req.method} ${req.url.slice(0, 300)} [${req.headers['authorization'] ? 'token' : 'no token'}] body ${(req.body ?? '').slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}${leaked.length ? ` LEAKED ${leaked.join(',')}` : ''}`);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(' ');
    console.log(
      `[fuzz] seed ${SEED}: ${RUNS} requests over ${operations.length} operations in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${summary}; ` +
        `${reached.size} operations answered 2xx/3xx; ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
  }, 600_000);
});
