// Jest globalSetup for integration and end-to-end suites: finds a real MySQL/MariaDB and a real Kafka broker.
// Order (ARCHITECTURE.md "Tests"): endpoints given in the environment → testcontainers where Docker runs →
// the project's own deploy scripts (Kafka from Maven Central jars, the local MySQL/MariaDB server).
// If none works the run fails and says what is missing; it never skips.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const path = require('node:path');
const net = require('node:net');

const root = path.resolve(__dirname, '../../../..');

function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function dockerAvailable() {
  const r = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 10000 });
  return r.status === 0 && r.stdout.trim().length > 0;
}

async function mysqlVersion(cfg) {
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection({ host: cfg.host, port: Number(cfg.port), user: cfg.user, password: cfg.password, connectTimeout: 5000 });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return rows[0].v;
  } finally {
    await conn.end();
  }
}

async function fromEnvironment() {
  const e = process.env;
  if (!e.TEST_KAFKA_BROKERS || !e.TEST_DB_HOST) return null;
  return {
    source: 'environment',
    kafka: e.TEST_KAFKA_BROKERS,
    db: { host: e.TEST_DB_HOST, port: e.TEST_DB_PORT || '3306', user: e.TEST_DB_USER || 'root', password: e.TEST_DB_PASSWORD || '' },
  };
}

async function fromTestcontainers() {
  if (!dockerAvailable()) return null;
  const { MySqlContainer } = require('@testcontainers/mysql');
  const { KafkaContainer } = require('@testcontainers/kafka');
  const mysql = await new MySqlContainer('mysql:8.4').withRootPassword('test').start();
  const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
  globalThis.__SOP_CONTAINERS__ = [mysql, kafka];
  return {
    source: 'testcontainers',
    kafka: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    db: { host: mysql.getHost(), port: String(mysql.getPort()), user: 'root', password: 'test' },
  };
}

async function fromDeployScripts() {
  const db = {
    host: process.env.TEST_DB_HOST || '127.0.0.1',
    port: process.env.TEST_DB_PORT || '3306',
    user: process.env.TEST_DB_USER || 'root',
    password: process.env.TEST_DB_PASSWORD || '',
  };
  const missing = [];
  if (!(await canConnect(db.host, db.port))) missing.push(`no MySQL/MariaDB at ${db.host}:${db.port}`);
  const javaOk = spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0;
  const mvnOk = spawnSync('mvn', ['-v'], { encoding: 'utf8' }).status === 0;
  if (!javaOk || !mvnOk) missing.push('deploy/kafka needs Java 17+ and Maven to start Kafka');
  if (missing.length) return { missing };
  const port = process.env.KAFKA_PORT || '9092';
  execFileSync('bash', [path.join(root, 'deploy/kafka/kafka-local.sh'), 'start'], { stdio: 'inherit', env: { ...process.env, KAFKA_PORT: port } });
  return { source: 'deploy scripts (Kafka from Maven Central jars, local MySQL/MariaDB)', kafka: `127.0.0.1:${port}`, db };
}

module.exports = async function globalSetup() {
  const tried = [];
  let infra = await fromEnvironment();
  if (!infra) {
    tried.push('TEST_KAFKA_BROKERS/TEST_DB_HOST not set');
    infra = await fromTestcontainers().catch((err) => {
      tried.push(`testcontainers failed: ${err.message}`);
      return null;
    });
    if (!infra) tried.push('no Docker engine for testcontainers');
  }
  if (!infra) {
    const local = await fromDeployScripts();
    if (local.missing) {
      throw new Error(`integration infrastructure unavailable: ${[...tried, ...local.missing].join('; ')}`);
    }
    infra = local;
  }
  if (!(await canConnect(...infra.kafka.split(',')[0].split(':')))) {
    throw new Error(`Kafka broker ${infra.kafka} does not accept connections`);
  }
  const version = await mysqlVersion(infra.db);
  process.env.TEST_KAFKA_BROKERS = infra.kafka;
  process.env.TEST_DB_HOST = infra.db.host;
  process.env.TEST_DB_PORT = infra.db.port;
  process.env.TEST_DB_USER = infra.db.user;
  process.env.TEST_DB_PASSWORD = infra.db.password;
  console.log(`\n[infra] source: ${infra.source}\n[infra] kafka: ${infra.kafka}\n[infra] database: ${infra.db.host}:${infra.db.port} (${version})`);
};

// The benchmarks (tools/bench/lib/infra.js) probe the same endpoints the same way.
module.exports.canConnect = canConnect;
