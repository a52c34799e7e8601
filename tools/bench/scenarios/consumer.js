// Idempotent consumer throughput on one partition: credit supervision (a built service process on a fresh bench
// schema) consuming registration's organization events that all land on partition 0 of registration.organization.v1
// (half OrganizationRegistered, half OrganizationChanged of organizations registered before), beside a raw kafkajs
// consumer doing nothing on one partition (scenarios/baselines.js) in the same run.
'use strict';
const { CreditEventStream } = require('../lib/credit-events');
const { rebuild } = require('../lib/credit-rebuild');

async function run(ctx) {
  const events = ctx.size(200_000, 3_000);
  const stream = new CreditEventStream({ organizations: events / 2, events, onlyPartition: 0 });
  const r = await rebuild(ctx, { label: 'consumer', schema: 'bench_credit_consumer', stream, timeoutMs: ctx.size(900_000, 120_000) });
  ctx.log(`consumer: ${r.events} events on one partition, ${Math.round(r.perSecond)}/s (${r.consumeSeconds.toFixed(1)} s after the first commit, ${r.seconds.toFixed(1)} s from process start)`);
  return [
    ctx.row({
      id: 'idempotent-consumer',
      figure: 'idempotent consumer',
      value: r.perSecond,
      unit: 'msg/s',
      baseline: ctx.baselines['kafka-consumer'] ? { id: 'kafka-consumer', ...ctx.baselines['kafka-consumer'] } : undefined,
      target: { on: 'value', op: '>=', value: 5000 },
      note: `per partition: ${r.events.toLocaleString('en-US')} organization events (registered/changed) on one partition of registration.organization.v1, credit supervision on a fresh schema; inbox row, projection and commit per message`,
    }),
  ];
}

module.exports = { run };
