// The platform through HTTP, as its users drive it (issue 14): submissions and approvals per second (closed loop,
// 16 connections; and open loop at fixed offered rates), on one registering authority and on many; the latency from
// an approval's commit to the organization's public credit profile under 50 % load; the same in the embedded mode;
// and two registration instances behind one address (SERVICE_INSTANCES=2) against one.
'use strict';
const { closedLoop, openLoop, request } = require('../lib/load');
const { submissions, approvals } = require('../lib/registration-load');
const http = require('node:http');

const CONNECTIONS = 16;
const SCHEMAS = ['bench_registration', 'bench_credit_supervision'];

async function startDistributed(ctx, { instances = 1 } = {}) {
  const { infra } = ctx;
  const reg = new infra.ServiceProcess({
    app: 'registration', label: `registration-x${instances}`, port: await infra.freePort(), dir: ctx.dir,
    env: infra.distributedEnv(ctx.secrets, 'bench_registration', { SERVICE_INSTANCES: String(instances) }),
  });
  await reg.start();
  return reg;
}

/** Closed loop of submissions: figures, and the accepted application ids. */
async function submit(ctx, base, token, { many = false, seconds, connections = CONNECTIONS } = {}) {
  const accepted = [];
  const r = await closedLoop({ connections, seconds: seconds ?? ctx.size(10, 1), warmupSeconds: ctx.size(2, 0.2), next: submissions(base, token, { many, accepted }) });
  return { ...r, accepted };
}

/** At least `count` pending applications (closed loop until then). */
async function pending(ctx, base, token, count, many = false) {
  const accepted = [];
  const next = submissions(base, token, { many, accepted });
  let sent = 0;
  await closedLoop({ connections: CONNECTIONS, seconds: 600, next: () => (sent++ < count ? next() : null) });
  return accepted;
}

const latencyNote = (r) => `p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, n=${r.count}`;

/** Polls the credit profile of sampled approvals: approval answer → profile answers 200. */
function projectionSampler(creditBase, token, every) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const latencies = [];
  const waits = [];
  let seen = 0;
  return {
    onApproved({ uscc, at }) {
      if (seen++ % every !== 0) return;
      // Caught here and rethrown by done(): a rejection nobody awaits yet would end the process without cleanup.
      const outcome = (async () => {
        for (;;) {
          const res = await request(agent, `${creditBase}/profiles/${uscc}`, { headers: { authorization: `Bearer ${token}` } });
          if (res.status === 200) return latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
          if (res.status !== 404) throw new Error(`credit profile ${uscc}: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
          if (Number(process.hrtime.bigint() - at) > 60e9) throw new Error(`credit profile ${uscc} not visible after 60 s`);
          await new Promise((r) => setTimeout(r, 2));
        }
      })().then(() => null, (err) => err);
      waits.push(outcome);
    },
    async done() {
      const failure = (await Promise.all(waits)).find((e) => e);
      if (failure) throw failure;
      agent.destroy();
      return latencies;
    },
  };
}

async function distributed(ctx) {
  const { infra, row } = ctx;
  const rows = [];
  await infra.dropSchemas(SCHEMAS);
  const token = infra.devToken(ctx.dir, 'registrar,applicant,credit-officer', '100000');
  const reg = await startDistributed(ctx);
  const credit = await new infra.ServiceProcess({
    // The instrument polls public profiles from one address far above the public rate limit: no limit for it here.
    app: 'credit-supervision', port: await infra.freePort(), dir: ctx.dir, env: infra.distributedEnv(ctx.secrets, 'bench_credit_supervision', { RATE_LIMIT_PUBLIC_PER_MINUTE: '0' }),
  }).start();
  try {
    const live = await closedLoop({ connections: CONNECTIONS, seconds: ctx.size(5, 0.5), warmupSeconds: ctx.size(1, 0.1), next: () => ({ url: `${reg.baseUrl}/health/live` }) });
    ctx.baselines['liveness-distributed'] = { value: live.perSecond, unit: 'req/s' };
    rows.push(row({ id: 'liveness-distributed', figure: 'baseline: registration GET /health/live, 16 connections', value: live.perSecond, unit: 'req/s', note: latencyNote(live) }));

    const tx16 = ctx.baselines['mysql-tx-16'];
    const one = await submit(ctx, reg.baseUrl, token);
    rows.push(row({ id: 'submit-one', figure: 'submissions, distributed, one authority, closed loop 16', value: one.perSecond, unit: 'req/s', baseline: tx16 && { id: 'mysql-tx-16', ...tx16 },
      target: [{ on: 'value', op: '>=', value: 1000 }, { on: 'ratio', op: '>=', value: 0.25 }], note: latencyNote(one) }));
    const many = await submit(ctx, reg.baseUrl, token, { many: true });
    rows.push(row({ id: 'submit-many', figure: 'submissions, distributed, 61 authorities, closed loop 16', value: many.perSecond, unit: 'req/s', baseline: tx16 && { id: 'mysql-tx-16', ...tx16 }, note: latencyNote(many) }));

    const approveOne = await closedLoop({ connections: CONNECTIONS, seconds: ctx.size(10, 1), next: approvals(reg.baseUrl, token, one.accepted) });
    rows.push(row({ id: 'approve-one', figure: 'approvals, distributed, one authority, closed loop 16', value: approveOne.perSecond, unit: 'req/s', baseline: tx16 && { id: 'mysql-tx-16', ...tx16 }, note: latencyNote(approveOne) }));
    const approveMany = await closedLoop({ connections: CONNECTIONS, seconds: ctx.size(10, 1), next: approvals(reg.baseUrl, token, many.accepted) });
    rows.push(row({ id: 'approve-many', figure: 'approvals, distributed, 61 authorities, closed loop 16', value: approveMany.perSecond, unit: 'req/s', baseline: tx16 && { id: 'mysql-tx-16', ...tx16 }, note: latencyNote(approveMany) }));

    // Open loop: offered rates as fractions of the closed-loop maximum; latency counted from each request's intended start.
    for (const fraction of [0.25, 0.5, 0.75]) {
      const rate = Math.max(1, Math.round(one.perSecond * fraction));
      const r = await openLoop({ rate, seconds: ctx.size(10, 1), next: submissions(reg.baseUrl, token) });
      rows.push(row({ id: `submit-open-${fraction * 100}`, figure: `submissions, open loop at ${fraction * 100} % of the maximum (${rate}/s): p99`, value: r.p99Ms, unit: 'ms',
        target: fraction === 0.5 ? { on: 'value', op: '<=', value: 25 } : undefined, note: `p50 ${r.p50Ms.toFixed(1)} ms, achieved ${r.perSecond.toFixed(0)}/s, n=${r.count}` }));
    }

    // Commit → projection: approvals offered at 50 % of their maximum; every 5th organization's public credit profile
    // polled every 2 ms from the approval's answer until it is there.
    await waitForConsumerIdle(credit, token);
    const rate = Math.max(1, Math.round(approveOne.perSecond * 0.5));
    const seconds = ctx.size(15, 1);
    const queue = await pending(ctx, reg.baseUrl, token, Math.ceil(rate * seconds) + 10);
    await waitForConsumerIdle(credit, token);
    const sampler = projectionSampler(credit.baseUrl, token, ctx.smoke ? 1 : 5);
    const load = await openLoop({ rate, seconds, next: approvals(reg.baseUrl, token, queue, sampler.onApproved) });
    const latencies = (await sampler.done()).sort((a, b) => a - b);
    const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
    rows.push(row({ id: 'projection-p99', figure: `approval → credit profile visible, approvals at 50 % (${rate}/s): p99`, value: q(0.99), unit: 'ms', target: { on: 'value', op: '<=', value: 100 },
      note: `p50 ${q(0.5).toFixed(1)} ms, n=${latencies.length} sampled of ${load.count}; approvals p99 ${load.p99Ms.toFixed(1)} ms` }));
    ctx.baselines['submit-one-x1'] = { value: one.perSecond, unit: 'req/s' };
  } finally {
    await reg.stop();
    await credit.stop();
  }
  return rows;
}

/** Waits until credit supervision has applied what registration published so far (its consumer lag is 0). */
async function waitForConsumerIdle(credit, token) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${credit.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
    const text = res?.ok ? await res.text() : '';
    const lags = [...text.matchAll(/^sop_consumer_lag_events\{[^}]*\} (\d+)/gm)].map((m) => Number(m[1]));
    if (lags.length > 0 && lags.every((l) => l === 0)) return;
    if (lags.length === 0) return void (await new Promise((r) => setTimeout(r, 2000))); // no lag metric: settle briefly
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('credit supervision still lags after 120 s');
}

module.exports = { run: async (ctx) => [...(await distributed(ctx))], startDistributed, submit, latencyNote, CONNECTIONS };
