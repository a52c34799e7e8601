// What the benchmarks run against: the database and broker endpoints (as the tests take them: TEST_DB_*,
// TEST_KAFKA_BROKERS; else 127.0.0.1:3306 root and the project's own Kafka, started when it is not answering),
// and the platform's services as OS processes from their build (dist/), each on its own bench schema.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { generateKeyPairSync } = require('node:crypto');

const ROOT = path.resolve(__dirname, '../../..');

function dbEndpoint(env = process.env) {
  return {
    host: env.TEST_DB_HOST ?? '127.0.0.1',
    port: Number(env.TEST_DB_PORT ?? 3306),
    user: env.TEST_DB_USER ?? 'root',
    password: env.TEST_DB_PASSWORD ?? '',
  };
}

/**
 * The test broker only (TEST_KAFKA_BROKERS, else the project's local one), never KAFKA_BROKERS: the credit scenarios
 * delete the records they produced on the platform's topics (and with them everything before), so a shell pointed
 * at a real cluster must not point the benchmark there.
 */
function kafkaBrokers(env = process.env) {
  return (env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
}

const { canConnect } = require('../../../libs/shared/testing/src/global-setup');

function reachable(hostPort, timeoutMs = 1000) {
  const [host, port] = hostPort.split(':');
  return canConnect(host, port, timeoutMs);
}

/** Starts the project's Kafka (deploy/kafka/kafka-local.sh) when no broker answers; returns a stop function or null. */
async function ensureKafka(log) {
  const brokers = kafkaBrokers();
  if (await reachable(brokers[0])) return null;
  if (process.env.TEST_KAFKA_BROKERS) throw new Error(`TEST_KAFKA_BROKERS=${process.env.TEST_KAFKA_BROKERS} does not answer`);
  log('starting Kafka (deploy/kafka/kafka-local.sh start)');
  execFileSync('bash', [path.join(ROOT, 'deploy/kafka/kafka-local.sh'), 'start'], { stdio: 'inherit' });
  return () => execFileSync('bash', [path.join(ROOT, 'deploy/kafka/kafka-local.sh'), 'stop'], { stdio: 'inherit' });
}

/** The newest modification time of a non-test TypeScript source under `dir`. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts') && !/spec\.ts$/.test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the apps whose dist/ entry is missing or older than the sources (nx build, as npm test does). */
function ensureBuilt(apps, log) {
  const sources = Math.max(newestSource(path.join(ROOT, 'apps')), newestSource(path.join(ROOT, 'libs')));
  const stale = apps.filter((app) => {
    const main = path.join(ROOT, 'dist/apps', app, 'apps', app, 'src/main.js');
    return !fs.existsSync(main) || fs.statSync(main).mtimeMs < sources;
  });
  if (stale.length === 0) return;
  log(`building ${stale.join(', ')} (missing or older than the sources)`);
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', stale.join(','), '--output-style=static'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' } });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function tempDir(label) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sop-bench-${label}-`));
}

/** Keys and directories one bench run shares between its services (development keys: never production). */
function benchSecrets(dir) {
  const keyFile = path.join(dir, 'checkpoint.pem');
  if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return { AUTH_ALLOW_DEV_KEYS: 'true', AUTH_DEV_KEY_DIR: path.join(dir, 'dev-keys'), MESSAGING_CHECKPOINT_KEY_FILE: keyFile };
}

/** A bearer token signed with the run's development key. */
function devToken(dir, roles, jurisdiction = '100000', extra = []) {
  return execFileSync(process.execPath, [path.join(ROOT, 'tools/dev-token.js'), '--role', roles, '--jurisdiction', jurisdiction, ...extra], {
    encoding: 'utf8',
    env: { ...process.env, AUTH_DEV_KEY_DIR: path.join(dir, 'dev-keys') },
  }).trim();
}

/** Services started and not yet exited: killed if the benchmark itself ends abruptly. */
const running = new Set();
process.on('exit', () => {
  for (const s of running) s.child?.kill('SIGKILL');
});

/**
 * One service as its own OS process (tools/runtime/run.js <app>), distributed (Kafka + MySQL, schema `dbName`) or
 * the embedded platform (app 'platform', SQLite under `dataDir`). Logs go to <dir>/<label>.log.
 */
class ServiceProcess {
  constructor({ app, label = app, port, env, dir, nodeArgs = [] }) {
    Object.assign(this, { app, label, port, env, dir, nodeArgs });
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.logFile = path.join(dir, `${label}.log`);
  }

  async start(readyTimeoutMs = 90000) {
    const log = fs.openSync(this.logFile, 'a');
    running.add(this);
    this.child = spawn(process.execPath, [...this.nodeArgs, path.join(ROOT, 'tools/runtime/run.js'), this.app], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', NO_COLOR: '1', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', log, log],
    });
    this.exited = new Promise((r) => this.child.once('exit', r));
    this.exited.then(() => running.delete(this));
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`${this.label} exited with ${this.child.exitCode}; see ${this.logFile}`);
      const res = await fetch(`${this.baseUrl}/health/ready`).catch(() => undefined);
      if (res?.status === 200) return this;
      if (Date.now() > deadline) throw new Error(`${this.label} not ready after ${readyTimeoutMs} ms; see ${this.logFile}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Resident set size of the process in bytes (Linux /proc). */
  rssBytes() {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 15000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** The environment of a distributed service on its bench schema. */
function distributedEnv(secrets, dbName, extra = {}) {
  const db = dbEndpoint();
  return {
    ...secrets,
    KAFKA_BROKERS: kafkaBrokers().join(','),
    DB_TYPE: 'mysql', DB_HOST: db.host, DB_PORT: String(db.port), DB_USER: db.user, DB_PASSWORD: db.password, DB_NAME: dbName,
    ...extra,
  };
}

/** Drops the bench schemas (and their audit schemas) so each run starts from nothing. */
async function dropSchemas(names) {
  const mysql = require('mysql2/promise');
  const c = await mysql.createConnection(dbEndpoint());
  for (const n of names) {
    await c.query(`DROP DATABASE IF EXISTS \`${n}\``);
    await c.query(`DROP DATABASE IF EXISTS \`${n}_audit\``);
  }
  await c.end();
}

module.exports = { ROOT, dbEndpoint, kafkaBrokers, reachable, ensureKafka, ensureBuilt, freePort, tempDir, benchSecrets, devToken, ServiceProcess, distributedEnv, dropSchemas };
