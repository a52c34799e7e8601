#!/usr/bin/env node
// The benchmark suite (issue 14): every figure beside a baseline measured in the same run on the same machine.
//   npm run bench [-- --only baselines,http,...] [--smoke] [--soak-minutes N]
// Needs what the tests need: MySQL/MariaDB (TEST_DB_*, default 127.0.0.1:3306 root) and Kafka (TEST_KAFKA_BROKERS,
// else the project's own broker, started by deploy/kafka/kafka-local.sh when none answers); builds dist/ if missing.
// Prints one table (figure, platform, baseline, ratio, target) and writes tools/bench/results/<time>.json.
// --smoke: every scenario at a tiny size (npm test runs it, so the suite cannot rot); its figures mean nothing.
// Scenarios run one after another, never in parallel: each has the machine to itself.
'use strict';
const path = require('node:path');
const infra = require('./lib/infra');
const { row, table, writeResult } = require('./lib/report');

const SCENARIOS = ['baselines', 'http', 'embedded', 'scaleout', 'relay', 'consumer', 'replay', 'national', 'soak'];

function parseArgs(argv) {
  const opts = { only: SCENARIOS, smoke: false, soakMinutes: 30, resultsDir: path.join(__dirname, 'results') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smoke') opts.smoke = true;
    else if (a === '--only') opts.only = String(argv[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--soak-minutes') opts.soakMinutes = Number(argv[++i]);
    else if (a === '--results') opts.resultsDir = path.resolve(String(argv[++i]));
    else throw new UsageError(`unknown argument ${a}`);
  }
  const unknown = opts.only.filter((s) => !SCENARIOS.includes(s));
  if (unknown.length || opts.only.length === 0) throw new UsageError(`--only takes some of ${SCENARIOS.join(',')}; got ${opts.only.join(',') || 'nothing'}`);
  if (!(opts.soakMinutes > 0)) throw new UsageError('--soak-minutes must be a positive number');
  return opts;
}

class UsageError extends Error {}

// Ctrl-C or a kill: exit through process.exit, so lib/infra stops the services it started.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\nusage: npm run bench -- [--only ${SCENARIOS.join(',')}] [--smoke] [--soak-minutes N] [--results dir]`);
    process.exit(2);
  }
  const startedAt = new Date().toISOString();
  const log = (line) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const stopKafka = await infra.ensureKafka(log);
  infra.ensureBuilt(['platform', 'registration', 'credit-supervision'], log);
  const dir = infra.tempDir('run');
  const ctx = {
    smoke: opts.smoke,
    soakMinutes: opts.smoke ? 0.1 : opts.soakMinutes,
    /** `full` in a real run, `small` in the smoke run. */
    size: (full, small) => (opts.smoke ? small : full),
    dir,
    secrets: infra.benchSecrets(dir),
    log,
    infra,
    row,
    /** Baselines measured earlier in this run, by id: { value, unit }. */
    baselines: {},
  };
  const rows = [];
  const failures = [];
  for (const name of SCENARIOS.filter((s) => opts.only.includes(s))) {
    const t0 = Date.now();
    log(`scenario ${name}`);
    try {
      const scenario = require(`./scenarios/${name}`);
      rows.push(...(await scenario.run(ctx)));
      log(`scenario ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      failures.push({ scenario: name, error: String(err?.stack ?? err) });
      log(`scenario ${name} FAILED: ${err?.stack ?? err}`);
    }
  }
  if (stopKafka) stopKafka();
  console.log(table(rows));
  const file = writeResult(opts.resultsDir, { startedAt, finishedAt: new Date().toISOString(), smoke: opts.smoke, scenarios: opts.only, rows, failures });
  console.log(`\nresults: ${path.relative(process.cwd(), file)}${failures.length ? `\nFAILED scenarios: ${failures.map((f) => f.scenario).join(', ')}` : ''}`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  console.error(`[bench] failed: ${err?.stack ?? err}`);
  process.exit(1);
});
