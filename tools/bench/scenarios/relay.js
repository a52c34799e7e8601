// Outbox relay drain (issue 14): a backlog of N outbox rows (~1 KB envelopes) left as OutboxWriter leaves them
// (unchained, unpublished), drained by the real OutboxRelay from the build (dist/apps/registration) with its default
// options, onto a fresh 6-partition topic. Figure: msg/s from start to the last row marked published, beside the raw
// kafkajs producer of the same run (baselines scenario; measured here the same way when that scenario did not run).
// Checked afterwards: every row published and chained (sequences 1..N, the hash chain over a window, or all in the
// smoke run), and N messages on the broker.
//   RELAY_BENCH_DIST: another build of the registration app to run (default dist/apps/registration);
//   RELAY_BENCH_ROWS: another backlog size (default 1,000,000; smoke 2,000).
'use strict';
const path = require('node:path');
const mysql = require('mysql2/promise');
const { Kafka, logLevel } = require('kafkajs');

const SCHEMA = 'bench_relay';
const TOPIC = 'bench.relay.v1';
const SERVICE = 'bench-relay';
const PARTITIONS = 6;
const INSERT_ROWS = 1000; // rows per INSERT statement (~1.1 MB, under max_allowed_packet)

/** The messaging and persistence libraries as the built service runs them (its path aliases resolved in dist/). */
function loadBuilt(ROOT) {
  const distRoot = process.env.RELAY_BENCH_DIST ? path.resolve(process.env.RELAY_BENCH_DIST) : path.join(ROOT, 'dist/apps/registration');
  const { compilerOptions } = require(path.join(ROOT, 'tsconfig.base.json'));
  const paths = {};
  for (const [alias, targets] of Object.entries(compilerOptions.paths)) paths[alias] = targets.map((t) => t.replace(/\.ts$/, '.js'));
  const unregister = require('tsconfig-paths').register({ baseUrl: distRoot, paths });
  try {
    const lib = (p) => require(path.join(distRoot, 'libs/shared', p));
    return {
      distRoot,
      persistence: lib('persistence/src/index.js'),
      cloudEvent: lib('messaging/src/envelope/cloud-event.js'),
      entity: lib('messaging/src/outbox/outbox-message.orm-entity.js'),
      quarantine: lib('messaging/src/outbox/outbox-quarantine.orm-entity.js'),
      migrations: [
        lib('messaging/src/messaging-tables.migration.js').MessagingTables1732500000000,
        lib('messaging/src/outbox/outbox-quarantine.migration.js').OutboxQuarantine1733000000000,
        lib('messaging/src/outbox/relay-lease.migration.js').RelayLease1733000000100,
      ],
      relay: lib('messaging/src/outbox/outbox.relay.js'),
      transport: lib('messaging/src/transport/kafka.transport.js'),
    };
  } finally {
    unregister();
  }
}

/** One event as a registration service would write it: ~1 KB envelope, keyed by the organization (1,000 keys). */
function envelopeOf(built, i, now) {
  const org = `ORG-${String(i % 1000).padStart(6, '0')}`;
  const event = built.cloudEvent.buildCloudEvent('registration', 'https://schemas.example.org/registration/organization-registered/v1', {
    type: 'registration.organization.registered',
    subject: org,
    data: { organizationId: org, uscc: `52110105MJ${String(i).padStart(8, '0')}`, name: `北京市东城区基准测试第${i}号社区服务中心`, division: '110105', note: 'x'.repeat(700) },
  }, now);
  return { event, json: JSON.stringify(event) };
}

async function prepareSchema(ctx, built, n) {
  const db = { type: 'mysql', ...ctx.infra.dbEndpoint(), username: ctx.infra.dbEndpoint().user, database: SCHEMA };
  await ctx.infra.dropSchemas([SCHEMA]);
  await built.persistence.ensureDatabase(db);
  const ds = built.persistence.createDataSource(db, [built.entity.OutboxMessageOrmEntity, built.quarantine.OutboxQuarantineOrmEntity], built.migrations);
  await ds.initialize();
  await ds.runMigrations();
  // The backlog: rows exactly as OutboxWriter inserts them (unchained, unpublished, attempts 0), many per statement.
  const c = await mysql.createConnection({ ...ctx.infra.dbEndpoint(), database: SCHEMA, charset: 'utf8mb4_unicode_ci', timezone: 'Z' });
  const t0 = Date.now();
  let bytes = 0;
  for (let i = 0; i < n; i += INSERT_ROWS) {
    const now = new Date();
    const values = [];
    for (let j = i; j < Math.min(n, i + INSERT_ROWS); j++) {
      const { event, json } = envelopeOf(built, j, now);
      bytes += Buffer.byteLength(json);
      values.push([event.id, TOPIC, event.subject, event.type, json, now, null, null, null, 0, null]);
    }
    await c.query('INSERT INTO outbox_message (event_id, topic, message_key, event_type, envelope, created_at, sequence, hash, published_at, attempts, last_error) VALUES ?', [values]);
  }
  await c.end();
  ctx.log(`relay: backlog of ${n} rows written in ${((Date.now() - t0) / 1000).toFixed(1)} s (envelopes ${Math.round(bytes / n)} bytes on average)`);
  return { ds, db };
}

async function recreateTopic(admin, topic) {
  if ((await admin.listTopics()).includes(topic)) {
    await admin.deleteTopics({ topics: [topic] });
    for (let i = 0; i < 50 && (await admin.listTopics()).includes(topic); i++) await new Promise((r) => setTimeout(r, 200));
  }
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
}

/** The raw producer as the baselines scenario measures it, for a run without that scenario. */
async function rawProducer(ctx, kafka, admin) {
  const topic = 'bench.relay.baseline';
  await recreateTopic(admin, topic);
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const value = 'x'.repeat(1024);
  const batch = (i) => Array.from({ length: 100 }, (_, j) => ({ key: `k${(i + j) % 1000}`, value }));
  const total = ctx.size(200_000, 2_000);
  for (let i = 0; i < 2_000 && !ctx.smoke; i += 100) await producer.send({ topic, acks: -1, messages: batch(i) });
  const t0 = Date.now();
  for (let i = 0; i < total; i += 100) await producer.send({ topic, acks: -1, messages: batch(i) });
  const perSecond = total / ((Date.now() - t0) / 1000);
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  return perSecond;
}

/** Every row published, sequences 1..N, the hash chain unbroken (all of it in the smoke run, else a window). */
async function checkChain(ctx, built, ds, n) {
  const [counts] = await ds.query('SELECT COUNT(*) AS total, SUM(published_at IS NULL) AS unpublished, COUNT(DISTINCT sequence) AS sequences, MIN(sequence) AS lo, MAX(sequence) AS hi FROM outbox_message');
  const ok = Number(counts.total) === n && Number(counts.unpublished) === 0 && Number(counts.sequences) === n && Number(counts.lo) === 1 && Number(counts.hi) === n;
  if (!ok) throw new Error(`relay: outbox after the drain is not one published chain of ${n}: ${JSON.stringify(counts)}`);
  const window = ctx.smoke ? n : Math.min(n, 20_000);
  const from = Math.max(1, Math.floor((n - window) / 2));
  const rows = await ds.query('SELECT envelope FROM outbox_message WHERE sequence >= ? ORDER BY sequence LIMIT ?', [from, window]);
  const verdict = built.cloudEvent.verifyChain(rows.map((r) => JSON.parse(r.envelope)));
  if (!verdict.ok) throw new Error(`relay: hash chain broken at sequence ${from + verdict.at}: ${verdict.reason}`);
  return { from, window };
}

async function run(ctx) {
  const n = Number(process.env.RELAY_BENCH_ROWS) || ctx.size(1_000_000, 2_000);
  const built = loadBuilt(ctx.infra.ROOT);
  const kafka = new Kafka({ clientId: 'sop-bench-relay', brokers: ctx.infra.kafkaBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  let ds;
  let transport;
  let relay;
  try {
    const baseline = ctx.baselines['kafka-producer'] ?? { value: await rawProducer(ctx, kafka, admin), unit: 'msg/s', measuredHere: true };
    if (baseline.measuredHere) ctx.log(`relay: raw producer baseline measured here: ${Math.round(baseline.value)} msg/s`);
    await recreateTopic(admin, TOPIC);
    ({ ds } = await prepareSchema(ctx, built, n));

    transport = new built.transport.KafkaTransport({ brokers: ctx.infra.kafkaBrokers(), clientId: 'sop-bench-relay', logLevel: 'error' });
    relay = new built.relay.OutboxRelay(ds, transport, { serviceName: SERVICE });
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    relay.start();
    let nextReport = 0.1;
    for (;;) {
      const { published, lastError } = relay.status();
      if (published >= n) break;
      if (lastError && Date.now() - t0 > 1000 && relay.status().failingForMs > 30_000) throw new Error(`relay: failing for 30 s: ${lastError}`);
      if (published >= nextReport * n) {
        ctx.log(`relay: ${Math.round((published / n) * 100)}% (${published}/${n}) after ${((Date.now() - t0) / 1000).toFixed(1)} s, ${Math.round(published / ((Date.now() - t0) / 1000))} msg/s`);
        while (published >= nextReport * n) nextReport += 0.1;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (Date.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuShare = (cpu.user + cpu.system) / 1e6 / seconds;
    await relay.stop();
    relay = undefined;
    const perSecond = n / seconds;
    ctx.log(`relay: drained ${n} rows in ${seconds.toFixed(1)} s, ${Math.round(perSecond)} msg/s; the relay's process used ${Math.round(cpuShare * 100)}% of a core`);

    const offsets = await admin.fetchTopicOffsets(TOPIC);
    const onBroker = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    if (onBroker !== n) throw new Error(`relay: ${onBroker} messages on ${TOPIC}, expected ${n}`);
    const chain = await checkChain(ctx, built, ds, n);
    const note = `N=${n}, ~1 KB envelopes, ${PARTITIONS} partitions, default relay options; ${onBroker} on the broker; sequences 1..${n}, hash chain verified over ${chain.window} events from ${chain.from}; relay process CPU ${Math.round(cpuShare * 100)}% of a core`;
    return [
      ctx.row({
        id: 'relay-drain',
        figure: 'relay drain of a 1 KB outbox backlog',
        value: perSecond,
        unit: 'msg/s',
        baseline: { id: baseline.measuredHere ? 'kafka-producer (measured by relay)' : 'kafka-producer', value: baseline.value, unit: 'msg/s' },
        target: { on: 'ratio', op: '>=', value: 0.5 },
        note,
      }),
      ctx.row({ id: 'relay-drain-time', figure: `relay: time to drain ${n.toLocaleString('en-US')} rows`, value: seconds, unit: 's' }),
    ];
  } finally {
    if (relay) await relay.stop().catch(() => undefined);
    if (transport) await transport.close().catch(() => undefined);
    if (ds?.isInitialized) await ds.destroy();
    await admin.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
    await admin.disconnect();
    await ctx.infra.dropSchemas([SCHEMA]).catch(() => undefined);
  }
}

module.exports = { run };
