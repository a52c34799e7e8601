#!/usr/bin/env node
// Benchmark: how long from an approved registration (HTTP 200 from registration) until the organization's
// public credit profile answers 200 in credit-supervision, i.e. outbox → relay → broker → consumer → projection.
//   node tools/bench/registration-propagation.js [count]          (count: positive integer, default 50)
// Targets: REGISTRATION_URL (default http://127.0.0.1:3000/registration), CREDIT_URL (default …:3000/credit);
// DIVISION: the registering authority (default 110105); BENCH_TIMEOUT_MS: how long one organization may take to
// appear in credit (default 30000). Works against the embedded platform (npm start) or the distributed services;
// tokens are signed with the development key (AUTH_DEV_KEY_DIR, else DATA_DIR/dev-keys: use the server's DATA_DIR),
// which both modes trust when AUTH_PUBLIC_KEY is not set.
// Prints one line: "registration → credit profile visible, n=…: p50 … ms, p90 … ms, p99 … ms, max … ms".
// Any failed request exits 1 with its status and response body; bad arguments exit 2.
// Smoke-tested against today's API by tools/smoke/tools.smoke-spec.ts (npm test), so an API change breaks the test.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const count = process.argv[2] === undefined ? 50 : Number(process.argv[2]);
if (!Number.isSafeInteger(count) || count < 1) {
  console.error(`usage: node tools/bench/registration-propagation.js [count]  (count must be a positive integer, got "${process.argv[2]}")`);
  process.exit(2);
}
const reg = process.env.REGISTRATION_URL ?? 'http://127.0.0.1:3000/registration';
const credit = process.env.CREDIT_URL ?? 'http://127.0.0.1:3000/credit';
const division = process.env.DIVISION ?? '110105';
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 30000);
const token = execFileSync(process.execPath, [path.join(__dirname, '../dev-token.js'), '--role', 'registrar,applicant', '--jurisdiction', '100000'], { encoding: 'utf8' }).trim();

// Names: division + field + form word (MCA Order 69), unique per run and iteration, without ASCII:
// the run id (time and pid) and the iteration are spelled in Chinese digits, e.g. 基准测试一九…〇第三号社区服务中心.
const DIGITS = '〇一二三四五六七八九';
const chinese = (n) => String(n).replace(/\d/g, (d) => DIGITS[Number(d)]);
const run = chinese(`${Date.now()}${process.pid}`);

class RequestFailed extends Error {}

async function call(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text };
}

function expect(step, res, status) {
  if (res.status !== status) throw new RequestFailed(`${step}: expected HTTP ${status}, got ${res.status}: ${res.text}`);
  return res.body;
}

(async () => {
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const submitted = expect(
      'submit application',
      await call('POST', `${reg}/applications`, {
        proposedName: `北京市朝阳区基准测试${run}第${chinese(i + 1)}号社区服务中心`,
        form: 'SOCIAL_SERVICE_ORGANIZATION',
        category: 'URBAN_RURAL_COMMUNITY_SERVICE',
        registeringAuthority: division,
        domicile: '北京市朝阳区建国路1号',
        purpose: '基准测试：从登记批准到公共信用档案可见的时延',
        legalRepresentativeName: '张三',
        legalRepresentativeIdNumber: '11010519491231002X', // GB 11643, valid check character
        registeredCapitalFen: 1000000,
      }),
      201,
    );
    const approved = expect('approve application', await call('POST', `${reg}/applications/${submitted.id}/approve`), 200);
    const uscc = approved?.organization?.uscc;
    if (!uscc) throw new RequestFailed(`approve application: no organization.uscc in the response: ${JSON.stringify(approved)}`);
    const t0 = process.hrtime.bigint();
    for (;;) {
      const res = await call('GET', `${credit}/profiles/${uscc}`);
      if (res.status === 200) break;
      if (res.status !== 404) throw new RequestFailed(`credit profile ${uscc}: expected HTTP 200 or 404 while propagating, got ${res.status}: ${res.text}`);
      if (Number(process.hrtime.bigint() - t0) / 1e6 > timeoutMs) {
        throw new RequestFailed(`credit profile ${uscc}: still ${res.status} after ${timeoutMs} ms: ${res.text}`);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  console.log(`registration → credit profile visible, n=${count}: p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`);
})().catch((err) => {
  console.error(`[bench] failed: ${err instanceof RequestFailed ? err.message : (err?.stack ?? err)}`);
  process.exit(1);
});
