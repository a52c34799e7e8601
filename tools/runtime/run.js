#!/usr/bin/env node
// Runs a built app from dist/ with the workspace path aliases (@sop/...) resolved to the compiled libraries.
//   node tools/runtime/run.js <app> [args...]
// SERVICE_INSTANCES=N (N > 1) runs N instances of a service behind its one PORT (node:cluster shares the listening
// socket; connections are spread round-robin): the first applies the migrations, the others start once it listens; each is a whole service
// with its own database pool, relay (one active at a time: the relay lease) and consumer in the service's group.
'use strict';
const cluster = require('node:cluster');
const path = require('node:path');
const fs = require('node:fs');
const tsconfigPaths = require('tsconfig-paths');

const app = process.argv[2];
if (!app) {
  console.error('usage: node tools/runtime/run.js <app> [args...]');
  process.exit(2);
}
const root = path.resolve(__dirname, '..', '..');
const distRoot = path.join(root, 'dist', 'apps', app);
const main = path.join(distRoot, 'apps', app, 'src', 'main.js');
if (!fs.existsSync(main)) {
  console.error(`${main} not found: build first (npx nx build ${app})`);
  process.exit(2);
}
const instances = Number(process.env.SERVICE_INSTANCES ?? 1);
if (!Number.isSafeInteger(instances) || instances < 1) {
  console.error(`SERVICE_INSTANCES must be a positive integer, got "${process.env.SERVICE_INSTANCES}"`);
  process.exit(2);
}
if (instances > 1 && cluster.isPrimary) {
  // The first instance applies the migrations; the others start once it listens, with migrations off.
  const workers = [cluster.fork()];
  cluster.once('listening', () => {
    for (let i = 1; i < instances; i++) workers.push(cluster.fork({ DB_MIGRATE_ON_START: 'false' }));
  });
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopping = true;
      for (const w of workers) w.process.kill(signal);
    });
  }
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) console.error(`${app} instance ${worker.process.pid} exited (${signal ?? code}); stopping the others`);
    stopping = true;
    for (const w of workers) if (!w.isDead()) w.process.kill('SIGTERM');
    if (workers.every((w) => w.isDead())) process.exit(code ?? 1);
  });
} else {
  runApp();
}

/** This process is the app (one instance, or one of the cluster's workers). */
function runApp() {
  const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
  const paths = {};
  for (const [alias, targets] of Object.entries(compilerOptions.paths)) {
    paths[alias] = targets.map((t) => t.replace(/\.ts$/, '.js'));
  }
  tsconfigPaths.register({ baseUrl: distRoot, paths });
  process.argv.splice(2, 1); // the app sees its own arguments at argv[2]
  require(main);
}
