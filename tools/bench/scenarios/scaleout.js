// Scale-out (issue 14): two registration instances behind one address (SERVICE_INSTANCES=2: node:cluster shares the
// port) against one, same machine, same run. The relay stays single-active: the relay lease (one row, one holder)
// names the instance publishing, and every event the instances committed is published afterwards.
'use strict';
const mysql = require('mysql2/promise');
const { startDistributed, submit, latencyNote } = require('./http');

async function run(ctx) {
  const { infra, row } = ctx;
  const token = infra.devToken(ctx.dir, 'registrar,applicant', '100000');
  const measured = {};
  for (const instances of [1, 2]) {
    const reg = await startDistributed(ctx, { instances });
    try {
      measured[instances] = await submit(ctx, reg.baseUrl, token);
      Object.assign(measured[instances], await drained());
    } finally {
      await reg.stop();
    }
  }
  const one = { id: 'registration-x1', value: measured[1].perSecond, unit: 'req/s' };
  return [
    row({ id: 'scaleout-x2', figure: 'submissions, 2 registration instances behind one address, one authority', value: measured[2].perSecond, unit: 'req/s', baseline: one,
      target: { on: 'ratio', op: '>=', value: 1.0 },
      note: `${latencyNote(measured[2])}; one instance: ${measured[1].perSecond.toFixed(0)}/s; relay lease held by ${measured[2].leaseHolder}; unpublished after drain ${measured[2].unpublished}` }),
  ];
}

/** Unpublished outbox rows once the relay has had up to 60 s to publish what was committed, and the lease's holder. */
async function drained() {
  const c = await mysql.createConnection({ ...require('../lib/infra').dbEndpoint(), database: 'bench_registration' });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [[{ n }]] = await c.query('SELECT COUNT(*) AS n FROM outbox_message WHERE published_at IS NULL');
      if (Number(n) === 0 || Date.now() > deadline) {
        const [leases] = await c.query('SELECT holder FROM relay_lease');
        return { unpublished: Number(n), leaseHolder: leases.map((l) => l.holder).join(', ') || 'nobody' };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await c.end();
  }
}

module.exports = { run };
