#!/usr/bin/env node
// Smoke test of the local broker with kafkajs (run: bash deploy/kafka/kafka-local.sh smoke).
// admin create topic (3 partitions, no auto-create) -> idempotent keyed produce ->
// consume in a group (eachMessage, auto commit) + explicit commit -> disconnect ->
// produce more -> reconnect same group: must get only the new messages.
'use strict';

const { Kafka, Partitioners, logLevel } = require('kafkajs');

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const version = process.env.KAFKA_VERSION || '?';
const run = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const topic = `smoke-${run}`;
const groupId = `smoke-group-${run}`;
const FIRST = 30;
const SECOND = 6;

const kafka = new Kafka({
  clientId: 'kafka-local-smoke',
  brokers,
  logLevel: process.env.SMOKE_DEBUG ? logLevel.INFO : logLevel.WARN,
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
}

async function produce(producer, from, count) {
  const messages = [];
  for (let i = from; i < from + count; i++) {
    messages.push({ key: `key-${i % 5}`, value: `msg-${i}` });
  }
  const res = await producer.send({ topic, acks: -1, messages });
  assert(res.every((r) => r.errorCode === 0), `produce errors ${JSON.stringify(res)}`);
}

// consume until `expected` messages arrived, then linger to catch extras
async function consumeOnce(expected, { commitExplicitly }) {
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    sessionTimeout: 10000,
    heartbeatInterval: 1000,
  });
  const got = [];
  const next = new Map(); // partition -> next offset to commit
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: 500,
    eachMessage: async ({ partition, message }) => {
      got.push({ partition, key: message.key.toString(), value: message.value.toString() });
      next.set(partition, (BigInt(message.offset) + 1n).toString());
    },
  });
  const deadline = Date.now() + 45000;
  while (got.length < expected && Date.now() < deadline) await sleep(100);
  await sleep(1500); // anything re-read would show up here
  if (commitExplicitly && next.size) {
    await consumer.commitOffsets([...next].map(([partition, offset]) => ({ topic, partition, offset })));
  }
  await consumer.disconnect();
  return got;
}

async function main() {
  const admin = kafka.admin();
  await admin.connect();
  const created = await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
  });
  assert(created, 'createTopics returned false');
  const md = await admin.fetchTopicMetadata({ topics: [topic] });
  assert(md.topics[0].partitions.length === 3, 'topic should have 3 partitions');

  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  await produce(producer, 0, FIRST);

  const first = await consumeOnce(FIRST, { commitExplicitly: true });
  assert(first.length === FIRST, `first pass read ${first.length}, expected ${FIRST}`);
  const partOfKey = new Map();
  for (const m of first) {
    if (partOfKey.has(m.key)) assert(partOfKey.get(m.key) === m.partition, `key ${m.key} on two partitions`);
    partOfKey.set(m.key, m.partition);
  }
  assert(new Set(first.map((m) => m.partition)).size > 1, 'keyed messages all landed on one partition');

  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = offsets[0].partitions.reduce((s, p) => s + Math.max(0, Number(p.offset)), 0);
  assert(committed === FIRST, `committed offsets sum ${committed}, expected ${FIRST}`);

  await produce(producer, FIRST, SECOND);
  await producer.disconnect();

  const second = await consumeOnce(SECOND, { commitExplicitly: false });
  const values = second.map((m) => m.value).sort();
  const want = Array.from({ length: SECOND }, (_, i) => `msg-${FIRST + i}`).sort();
  assert(
    JSON.stringify(values) === JSON.stringify(want),
    `after reconnect expected only ${want.join(',')}, got ${values.join(',')}`,
  );

  await admin.deleteGroups([groupId]).catch(() => {});
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
  console.log(`kafka smoke ok ${version}`);
}

const timer = setTimeout(() => {
  console.error('kafka smoke FAILED: timed out after 120s');
  process.exit(1);
}, 120000);
main().then(
  () => {
    clearTimeout(timer);
    process.exit(0);
  },
  (err) => {
    console.error(`kafka smoke FAILED (${version}): ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
