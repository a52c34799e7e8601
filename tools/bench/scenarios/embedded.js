// The embedded platform (npm start: one process, SQLite, in-process bus) through HTTP: submissions and approvals per
// second beside its own liveness endpoint, measured on the same process (issue 14: ≥ 0.15× liveness).
'use strict';
const { closedLoop } = require('../lib/load');
const { approvals } = require('../lib/registration-load');
const { submit, latencyNote, CONNECTIONS } = require('./http');

/** What would point the embedded platform at servers: emptied (the configuration ignores empty values). */
const NO_SERVERS = { KAFKA_BROKERS: '', DB_TYPE: '', DB_HOST: '', DB_PORT: '', DB_USER: '', DB_PASSWORD: '', DB_NAME: '', AUTH_ALLOW_DEV_KEYS: '', MESSAGING_CHECKPOINT_KEY_FILE: '' };

async function run(ctx) {
  const { infra, row } = ctx;
  const rows = [];
  const platform = new infra.ServiceProcess({
    app: 'platform', label: 'embedded', port: await infra.freePort(), dir: ctx.dir,
    env: { ...NO_SERVERS, DATA_DIR: infra.tempDir('embedded-data'), AUTH_DEV_KEY_DIR: ctx.secrets.AUTH_DEV_KEY_DIR },
  });
  await platform.start();
  try {
    const token = infra.devToken(ctx.dir, 'registrar,applicant', '100000');
    const live = await closedLoop({ connections: CONNECTIONS, seconds: ctx.size(5, 0.5), warmupSeconds: ctx.size(1, 0.1), next: () => ({ url: `${platform.baseUrl}/health/live` }) });
    const baseline = { id: 'liveness-embedded', value: live.perSecond, unit: 'req/s' };
    ctx.baselines['liveness-embedded'] = baseline;
    rows.push(row({ id: 'liveness-embedded', figure: 'baseline: embedded GET /health/live, 16 connections', value: live.perSecond, unit: 'req/s', note: latencyNote(live) }));
    const base = `${platform.baseUrl}/registration`;
    const one = await submit(ctx, base, token);
    rows.push(row({ id: 'embedded-submit-one', figure: 'submissions, embedded, one authority, closed loop 16', value: one.perSecond, unit: 'req/s', baseline,
      target: { on: 'ratio', op: '>=', value: 0.15 }, note: latencyNote(one) }));
    const approve = await closedLoop({ connections: CONNECTIONS, seconds: ctx.size(10, 1), next: approvals(base, token, one.accepted) });
    rows.push(row({ id: 'embedded-approve-one', figure: 'approvals, embedded, one authority, closed loop 16', value: approve.perSecond, unit: 'req/s', baseline, note: latencyNote(approve) }));
  } finally {
    await platform.stop();
  }
  return rows;
}

module.exports = { run };
