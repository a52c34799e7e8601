#!/usr/bin/env node
// Benchmark: how long from an approved registration (HTTP 200 from registration) until the organization's
// public credit profile answers 200 in credit-supervision, i.e. outbox → relay → broker → consumer → projection.
//   node tools/bench/registration-propagation.js [count]
// Targets: REGISTRATION_URL (default http://127.0.0.1:3000/registration), CREDIT_URL (default …:3000/credit).
// Works against the embedded platform (npm start) or the distributed services; tokens are signed with the
// development key in DATA_DIR/dev-keys, which both modes trust when AUTH_PUBLIC_KEY is not set.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const count = Number(process.argv[2] ?? 50);
const reg = process.env.REGISTRATION_URL ?? 'http://127.0.0.1:3000/registration';
const credit = process.env.CREDIT_URL ?? 'http://127.0.0.1:3000/credit';
const token = execFileSync(process.execPath, [path.join(__dirname, '../dev-token.js'), '--role', 'registrar,applicant', '--jurisdiction', '100000'], { encoding: 'utf8' }).trim();
const division = process.env.DIVISION ?? '110105';

async function call(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

(async () => {
  const latencies = [];
  const run = Date.now().toString(36);
  for (let i = 0; i < count; i++) {
    const app = await call('POST', `${reg}/applications`, {
      proposedName: `基准测试社区服务中心-${run}-${i}`,
      form: 'SOCIAL_SERVICE_ORGANIZATION',
      category: 'URBAN_RURAL_COMMUNITY_SERVICE',
      registeringAuthority: division,
      domicile: '北京市朝阳区',
      purpose: 'benchmark',
      legalRepresentativeName: '基准',
      registeredCapitalFen: 1000000,
    });
    if (app.status !== 201) throw new Error(`submit ${app.status} ${JSON.stringify(app.body)}`);
    const approved = await call('POST', `${reg}/applications/${app.body.id}/approve`);
    if (approved.status !== 200) throw new Error(`approve ${approved.status} ${JSON.stringify(approved.body)}`);
    const t0 = process.hrtime.bigint();
    for (;;) {
      const res = await fetch(`${credit}/profiles/${approved.body.organization.uscc}`);
      if (res.status === 200) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  console.log(`registration → credit profile visible, n=${count}: p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
