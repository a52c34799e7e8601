// Same-run baselines: what the raw components do on this machine, without the platform (issue 14).
//   mysql-tx-16 / mysql-tx-32  raw mysql2: BEGIN; INSERT a state row; INSERT a 1 KB outbox row; COMMIT (closed loop)
//   mysql-upsert               raw mysql2 multi-row upsert, 500 rows per statement
//   kafka-producer             kafkajs producer, acks=all, 1 KB messages, batches of 100, one batch in flight
//   kafka-consumer             kafkajs consumer doing nothing, one partition
// The liveness endpoints' baselines are measured by the http scenario, with the services it starts.
'use strict';
const { randomUUID } = require('node:crypto');
const mysql = require('mysql2/promise');
const { Kafka, logLevel } = require('kafkajs');
const { summarize } = require('../lib/load');

const SCHEMA = 'bench_baseline';
const KB = 'x'.repeat(1024);

async function rawTransactions(ctx, connections) {
  const pool = mysql.createPool({ ...ctx.infra.dbEndpoint(), database: SCHEMA, connectionLimit: connections });
  const seconds = ctx.size(10, 1);
  const warmEnd = Date.now() + ctx.size(2, 0.2) * 1000;
  const end = warmEnd + seconds * 1000;
  const latencies = [];
  async function worker() {
    const c = await pool.getConnection();
    try {
      while (Date.now() < end) {
        const startedAt = Date.now();
        const t0 = process.hrtime.bigint();
        const id = randomUUID();
        await c.query('BEGIN');
        await c.query('INSERT INTO state_row (id, name, status, created_at) VALUES (?, ?, ?, ?)', [id, `组织${id}`, 'SUBMITTED', new Date()]);
        await c.query('INSERT INTO outbox_row (event_id, topic, message_key, envelope, created_at) VALUES (?, ?, ?, ?, ?)', [randomUUID(), 'bench.v1', id, KB, new Date()]);
        await c.query('COMMIT');
        if (startedAt >= warmEnd) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    } finally {
      c.release();
    }
  }
  const from = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  await pool.end();
  return summarize(latencies, (Date.now() - Math.max(from, warmEnd)) / 1000);
}

async function rawUpsert(ctx) {
  const c = await mysql.createConnection({ ...ctx.infra.dbEndpoint(), database: SCHEMA });
  const rows = ctx.size(200_000, 5_000);
  const per = 500;
  const t0 = Date.now();
  for (let i = 0; i < rows; i += per) {
    const values = [];
    for (let j = i; j < Math.min(rows, i + per); j++) values.push([`U${String(j % (rows / 2)).padStart(17, '0')}`, j, `名称${j}`, new Date()]);
    // Half the keys repeat: inserts and updates both happen, as in a projection rebuild.
    await c.query('INSERT INTO upsert_row (uscc, version, name, updated_at) VALUES ? ON DUPLICATE KEY UPDATE version = VALUES(version), name = VALUES(name), updated_at = VALUES(updated_at)', [values]);
  }
  const seconds = (Date.now() - t0) / 1000;
  await c.end();
  return { rows, perSecond: rows / seconds };
}

async function prepareSchema(ctx) {
  const c = await mysql.createConnection(ctx.infra.dbEndpoint());
  await c.query(`DROP DATABASE IF EXISTS ${SCHEMA}`);
  await c.query(`CREATE DATABASE ${SCHEMA} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.query(`USE ${SCHEMA}`);
  await c.query('CREATE TABLE state_row (id CHAR(36) PRIMARY KEY, name VARCHAR(200) NOT NULL, status VARCHAR(30) NOT NULL, created_at DATETIME(6) NOT NULL) ENGINE=InnoDB');
  await c.query('CREATE TABLE outbox_row (id BIGINT AUTO_INCREMENT PRIMARY KEY, event_id CHAR(36) NOT NULL UNIQUE, topic VARCHAR(200) NOT NULL, message_key VARCHAR(200) NOT NULL, envelope MEDIUMTEXT NOT NULL, created_at DATETIME(6) NOT NULL, published_at DATETIME(6) NULL, KEY (published_at, id)) ENGINE=InnoDB');
  await c.query('CREATE TABLE upsert_row (uscc CHAR(18) PRIMARY KEY, version INT NOT NULL, name VARCHAR(200) NOT NULL, updated_at DATETIME(6) NOT NULL) ENGINE=InnoDB');
  await c.end();
}

async function withTopic(ctx, topic, partitions, work) {
  const kafka = new Kafka({ clientId: 'sop-bench', brokers: ctx.infra.kafkaBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) {
      await admin.deleteTopics({ topics: [topic] });
      await new Promise((r) => setTimeout(r, 1000));
    }
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
    return await work(kafka);
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

/** Sequential sends of 100 × 1 KB messages, acks=all: what one ordered publisher can do. */
async function rawProducer(ctx) {
  return withTopic(ctx, 'bench.baseline.producer', 6, async (kafka) => {
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const total = ctx.size(200_000, 2_000);
    const batch = (i) => Array.from({ length: 100 }, (_, j) => ({ key: `k${(i + j) % 1000}`, value: KB }));
    for (let i = 0; i < 2_000 && !ctx.smoke; i += 100) await producer.send({ topic: 'bench.baseline.producer', acks: -1, messages: batch(i) }); // warm-up
    const t0 = Date.now();
    for (let i = 0; i < total; i += 100) await producer.send({ topic: 'bench.baseline.producer', acks: -1, messages: batch(i) });
    const seconds = (Date.now() - t0) / 1000;
    await producer.disconnect();
    return { messages: total, perSecond: total / seconds };
  });
}

/** A consumer that does nothing with each message, on a one-partition topic filled beforehand. */
async function rawConsumer(ctx) {
  const topic = 'bench.baseline.consumer';
  return withTopic(ctx, topic, 1, async (kafka) => {
    const total = ctx.size(200_000, 2_000);
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < total; i += 1000) await producer.send({ topic, acks: -1, messages: Array.from({ length: Math.min(1000, total - i) }, (_, j) => ({ key: `k${j}`, value: KB })) });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: `bench-baseline-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    let t0;
    const seconds = await new Promise((resolve, reject) => {
      consumer
        .run({
          eachMessage: async () => {
            if (seen === 0) t0 = Date.now();
            if (++seen === total) resolve((Date.now() - t0) / 1000);
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    return { messages: total, perSecond: total / seconds };
  });
}

async function run(ctx) {
  await prepareSchema(ctx);
  const rows = [];
  for (const connections of [16, 32]) {
    const r = await rawTransactions(ctx, connections);
    ctx.baselines[`mysql-tx-${connections}`] = { value: r.perSecond, unit: 'tx/s', p99Ms: r.p99Ms };
    rows.push(ctx.row({ id: `mysql-tx-${connections}`, figure: `baseline: raw mysql2 state + 1 KB outbox tx, ${connections} connections`, value: r.perSecond, unit: 'tx/s', note: `p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms` }));
    ctx.baselines[`mysql-tx-${connections}-p99`] = { value: r.p99Ms, unit: 'ms' };
  }
  const upsert = await rawUpsert(ctx);
  ctx.baselines['mysql-upsert'] = { value: upsert.perSecond, unit: 'rows/s' };
  rows.push(ctx.row({ id: 'mysql-upsert', figure: 'baseline: raw mysql2 multi-row upsert (500 rows/statement)', value: upsert.perSecond, unit: 'rows/s', note: `${upsert.rows} rows` }));
  const producer = await rawProducer(ctx);
  ctx.baselines['kafka-producer'] = { value: producer.perSecond, unit: 'msg/s' };
  rows.push(ctx.row({ id: 'kafka-producer', figure: 'baseline: kafkajs producer, acks=all, 1 KB, batches of 100', value: producer.perSecond, unit: 'msg/s', note: `${producer.messages} messages` }));
  const consumer = await rawConsumer(ctx);
  ctx.baselines['kafka-consumer'] = { value: consumer.perSecond, unit: 'msg/s' };
  rows.push(ctx.row({ id: 'kafka-consumer', figure: 'baseline: kafkajs consumer doing nothing, 1 partition', value: consumer.perSecond, unit: 'msg/s', note: `${consumer.messages} messages` }));
  const c = await mysql.createConnection(ctx.infra.dbEndpoint());
  await c.query(`DROP DATABASE IF EXISTS ${SCHEMA}`);
  await c.end();
  return rows;
}

module.exports = { run };
