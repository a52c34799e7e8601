// Projection replay: credit supervision rebuilding its projections from scratch (fresh bench schema, its consumer
// group at the start of a produced stream) over 1,000,000 events of the national mix (lib/credit-events.js) on all
// partitions of registration's, evaluation's and purchasing's topics; events per second from the first commit to the last.
'use strict';
const { CreditEventStream } = require('../lib/credit-events');
const { rebuild } = require('../lib/credit-rebuild');

async function run(ctx) {
  const events = ctx.size(1_000_000, 4_000);
  const stream = new CreditEventStream({ organizations: Math.round(events * 0.18), events });
  // Capped (BENCH_REBUILD_MAX_MINUTES, default 8): past it, the rate over the stretch applied so far is the figure.
  const maxSeconds = ctx.size(Number(process.env.BENCH_REBUILD_MAX_MINUTES ?? 8) * 60, Infinity);
  const r = await rebuild(ctx, { label: 'replay', schema: 'bench_credit_replay', stream, timeoutMs: ctx.size(1_800_000, 120_000), maxSeconds });
  ctx.log(`replay: ${r.events} events, ${Math.round(r.perSecond)}/s (${r.consumeSeconds.toFixed(1)} s after the first commit, ${r.seconds.toFixed(1)} s from process start)`);
  return [
    ctx.row({
      id: 'projection-replay',
      figure: 'projection replay',
      value: r.perSecond,
      unit: 'events/s',
      target: { on: 'value', op: '>=', value: 20000 },
      note: `${r.complete ? '' : `stopped after ${Math.round(r.seconds)} s with ${r.events.toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')} applied (projected ${Math.round(r.projectedSeconds)} s); `}${r.total.toLocaleString('en-US')} events (${stream.organizations.toLocaleString('en-US')} organizations, national mix) into a fresh credit-supervision schema; ${r.seconds.toFixed(0)} s from process start`,
    }),
  ];
}

module.exports = { run };
