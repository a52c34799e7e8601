// National scale: 900,000 organizations and 5,000,000 events (the national mix of lib/credit-events.js: registrations,
// annual reports submitted/reviewed/overdue, changes, grades, government contracts, revocations, deregistrations)
// rebuilt from scratch into credit supervision; seconds from the service's process start to the last commit.
'use strict';
const { CreditEventStream, NATIONAL_MIX } = require('../lib/credit-events');
const { rebuild } = require('../lib/credit-rebuild');

async function run(ctx) {
  const organizations = ctx.size(900_000, 900);
  const events = ctx.size(5_000_000, 5_000);
  const stream = new CreditEventStream({ organizations, events, mix: NATIONAL_MIX });
  // Capped (BENCH_REBUILD_MAX_MINUTES, default 8): past it, the rate so far and the projected total time are reported.
  const maxSeconds = ctx.size(Number(process.env.BENCH_REBUILD_MAX_MINUTES ?? 8) * 60, Infinity);
  const r = await rebuild(ctx, { label: 'national', schema: 'bench_credit_national', stream, timeoutMs: ctx.size(3_600_000, 120_000), maxSeconds });
  ctx.log(`national: ${r.events} events in ${r.seconds.toFixed(1)} s from process start (${Math.round(r.perSecond)}/s)${r.complete ? '' : `, stopped; projected ${Math.round(r.projectedSeconds)} s`}`);
  return [
    ctx.row({
      id: 'national-rebuild',
      figure: r.complete ? 'national-scale rebuild' : 'national-scale rebuild (PROJECTED from the rate when stopped)',
      value: r.complete ? r.seconds : r.projectedSeconds,
      unit: 's',
      target: { on: 'value', op: '<=', value: 300 },
      note: `${r.complete ? '' : `stopped after ${Math.round(r.seconds)} s with ${r.events.toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')} applied; `}${organizations.toLocaleString('en-US')} organizations, ${r.total.toLocaleString('en-US')} events (${JSON.stringify(stream.topicCounts)}) from scratch into credit supervision; ${Math.round(r.perSecond)} events/s; produced in ${r.produced.seconds.toFixed(0)} s (not counted)`,
    }),
  ];
}

module.exports = { run };
