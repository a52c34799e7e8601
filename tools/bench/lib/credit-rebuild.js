// A credit-supervision rebuild for the benchmarks: the service's consumer group set to the end of every topic,
// a generated event stream produced onto the real topics (the consumer refuses a type on any other topic than its
// contract's, so bench topics are not possible), then the built service started as an OS process on a fresh bench
// schema, and the time it takes until its group has committed every produced offset.
'use strict';
const { Kafka, logLevel } = require('kafkajs');
const { loadDist } = require('./credit-events');


function kafkaClient(infra, clientId) {
  return new Kafka({ clientId, brokers: infra.kafkaBrokers(), logLevel: logLevel.NOTHING, retry: { retries: 8 } });
}

/** Every topic of the platform that is not a dead-letter topic (the service subscribes to its handlers' topics). */
function platformTopics() {
  return loadDist().contracts.allTopicSpecs().filter((t) => !t.topic.endsWith('.dlq'));
}

/**
 * A fresh consumer group for the bench service (CREDIT_CONSUMER_GROUP_ID), with its dead-letter topic, its offsets
 * committed at the current end of every topic: the fresh schema is fed this run's events only, not earlier runs'
 * and tests' events on the shared broker, and a credit-supervision running beside it keeps its own group.
 */
async function freshGroupAtEnd(kafka, admin, group, topics) {
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: `${group}.dlq`, numPartitions: 1, replicationFactor: 1 }] });
  const starts = new Map();
  const offsets = [];
  for (const { topic } of topics) {
    for (const e of await admin.fetchTopicOffsets(topic)) {
      starts.set(`${topic}/${e.partition}`, Number(e.high));
      offsets.push({ topic, partition: e.partition, offset: e.high });
    }
  }
  // One member joins the new group for every topic and commits the ends (admin.setOffsets joins once per topic: 5 s each).
  const consumer = kafka.consumer({ groupId: group, allowAutoTopicCreation: false });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.connect();
  await consumer.subscribe({ topics: topics.map((t) => t.topic), fromBeginning: false });
  await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
  await joined;
  await consumer.commitOffsets(offsets);
  await consumer.disconnect();
  return starts;
}

async function dropGroup(admin, group) {
  await admin.deleteGroups([group]).catch(() => undefined);
  await admin.deleteTopics({ topics: [`${group}.dlq`] }).catch(() => undefined);
}

/** Produces the whole stream (batches of `batch`, two in flight), logging progress; returns { count, seconds, perSecond }. */
async function produceStream(producer, stream, log, label, batch = 800) {
  const t0 = Date.now();
  let count = 0;
  let lastLog = t0;
  let inFlight = Promise.resolve();
  for (;;) {
    const messages = stream.take(batch);
    if (messages.length === 0) break;
    const byTopic = new Map();
    for (const m of messages) {
      const { topic, ...rest } = m;
      if (!byTopic.has(topic)) byTopic.set(topic, []);
      byTopic.get(topic).push(rest);
    }
    await inFlight; // one batch being sent while the next is generated (order within a partition kept)
    inFlight = producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
    count += messages.length;
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`${label}: produced ${count.toLocaleString('en-US')} / ${stream.events.toLocaleString('en-US')} events`);
    }
  }
  await inFlight;
  const seconds = (Date.now() - t0) / 1000;
  return { count, seconds, perSecond: count / seconds };
}

/** The group's committed offsets summed against the targets: { done, remaining }. */
async function progressOf(admin, group, targets) {
  const topics = [...new Set(targets.map((t) => t.topic))];
  const committed = await admin.fetchOffsets({ groupId: group, topics });
  let remaining = 0;
  for (const t of targets) {
    const p = committed.find((c) => c.topic === t.topic)?.partitions.find((x) => x.partition === t.partition);
    const at = Number(p?.offset ?? -1);
    remaining += Math.max(0, t.end - Math.max(at, t.start));
  }
  return remaining;
}

/**
 * Produces `stream`, runs the service over it and waits until the group committed all of it. Returns
 * { events, produced, seconds (process start → all committed), consumeSeconds (first commit seen → all committed),
 *   perSecond (events after the first observed commit / consumeSeconds), complete, log }.
 * With `maxSeconds`, a rebuild still running then is stopped and measured as far as it got: complete false, events =
 * those applied, perSecond over that stretch, projectedSeconds = elapsed + remaining at that rate (so a run that would
 * take hours reports its rate and projection instead of holding the whole suite).
 */
async function rebuild(ctx, { label, schema, stream, timeoutMs, maxSeconds = Infinity, nodeArgs = [], env = {} }) {
  const { infra, log } = ctx;
  const kafka = kafkaClient(infra, `bench-${label}`);
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: false, maxInFlightRequests: 1 });
  await Promise.all([admin.connect(), producer.connect()]);
  const group = `bench-credit-${label}-${Date.now()}`;
  let service;
  try {
    await infra.dropSchemas([schema]);
    const starts = await freshGroupAtEnd(kafka, admin, group, platformTopics());
    log(`${label}: producing ${stream.events.toLocaleString('en-US')} events (${stream.organizations.toLocaleString('en-US')} organizations)`);
    const produced = await produceStream(producer, stream, log, label);
    log(`${label}: produced ${produced.count.toLocaleString('en-US')} in ${produced.seconds.toFixed(1)} s (${Math.round(produced.perSecond)}/s): ${JSON.stringify(stream.topicCounts)}`);
    const targets = [];
    for (const topic of Object.keys(stream.topicCounts)) {
      for (const o of await admin.fetchTopicOffsets(topic)) {
        const start = starts.get(`${topic}/${o.partition}`) ?? 0;
        if (Number(o.high) > start) targets.push({ topic, partition: o.partition, start, end: Number(o.high) });
      }
    }
    const total = targets.reduce((s, t) => s + t.end - t.start, 0); // ours, and any event another client appended meanwhile
    service = new infra.ServiceProcess({
      app: 'credit-supervision',
      label: `credit-${label}`,
      port: await infra.freePort(),
      dir: ctx.dir,
      // BENCH_CPU_PROF=<dir>: the service writes a V8 CPU profile there when it stops (node --cpu-prof).
      nodeArgs: [...nodeArgs, ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
      env: infra.distributedEnv(ctx.secrets, schema, { DB_MIGRATE_ON_START: 'true', DB_CREATE_DATABASE: 'true', CREDIT_TIMER_INTERVAL_MS: '0', CREDIT_CONSUMER_GROUP_ID: group, ...env }),
    });
    const t0 = Date.now();
    await service.start();
    log(`${label}: service ready after ${((Date.now() - t0) / 1000).toFixed(1)} s; consuming ${total.toLocaleString('en-US')} events`);
    let first;
    let lastLog = Date.now();
    for (;;) {
      const remaining = await progressOf(admin, group, targets);
      const now = Date.now();
      if (remaining < total && !first) first = { at: now, remaining };
      if (remaining === 0) break;
      if (first && now - t0 > maxSeconds * 1000) {
        const rate = (first.remaining - remaining) / ((now - first.at) / 1000);
        log(`${label}: stopped after ${maxSeconds} s with ${remaining.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} to go (${Math.round(rate)}/s)`);
        return { events: total - remaining, total, produced, seconds: (now - t0) / 1000, consumeSeconds: (now - first.at) / 1000, perSecond: rate, complete: false, projectedSeconds: (now - t0) / 1000 + remaining / rate, logFile: service.logFile };
      }
      if (service.child.exitCode !== null) throw new Error(`${service.label} exited with ${service.child.exitCode}; see ${service.logFile}`);
      if (now - t0 > timeoutMs) throw new Error(`${label}: ${remaining} of ${total} events still not consumed after ${timeoutMs / 1000} s; see ${service.logFile}`);
      if (now - lastLog > 10_000) {
        lastLog = now;
        const done = total - remaining;
        log(`${label}: consumed ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${Math.round((100 * done) / total)}%) after ${((now - t0) / 1000).toFixed(0)} s${first ? `, ${Math.round((first.remaining - remaining) / ((now - first.at) / 1000))}/s` : ''}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const end = Date.now();
    const consumeSeconds = first ? (end - first.at) / 1000 : NaN;
    return { events: total, total, produced, seconds: (end - t0) / 1000, consumeSeconds, perSecond: first ? first.remaining / consumeSeconds : NaN, complete: true, logFile: service.logFile };
  } finally {
    await service?.stop();
    const dead = await admin.fetchTopicOffsets(`${group}.dlq`).catch(() => []);
    const deadLettered = dead.reduce((s, o) => s + Number(o.high), 0);
    if (deadLettered > 0) log(`${label}: WARNING ${deadLettered} event(s) dead-lettered to ${group}.dlq; see ${service?.logFile}`);
    await dropGroup(admin, group);
    await deleteProducedRecords(admin, Object.keys(stream.topicCounts)).catch((err) => log(`${label}: could not delete the produced records: ${err.message}`));
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    if (!process.env.BENCH_KEEP_SCHEMAS) await infra.dropSchemas([schema]);
  }
}

/**
 * Deletes the records of the topics the benchmark produced to, up to their current end: disk space (the national
 * stream is about 5 GB), and the integration tests, whose fresh groups read these shared topics from the beginning
 * (a backlog of a million events would make every one of them time out). Kafka deletes a prefix, so earlier records
 * go too: on the project's development broker, earlier runs' and tests' events.
 */
async function deleteProducedRecords(admin, topics) {
  for (const topic of topics) {
    const partitions = (await admin.fetchTopicOffsets(topic)).map((o) => ({ partition: o.partition, offset: o.high }));
    await admin.deleteTopicRecords({ topic, partitions });
  }
}

module.exports = { rebuild, deleteProducedRecords, kafkaClient, platformTopics };
