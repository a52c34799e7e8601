#!/usr/bin/env node
// `npm start`: the embedded platform on a fresh clone. Installs what is missing, builds when sources changed,
// then runs all four services in one process (PORT, default 3000; SQLite under ./data; in-process bus).
'use strict';
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
process.chdir(root);
const t0 = Date.now();

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function installed() {
  try {
    require.resolve('@nestjs/core', { paths: [root] });
    require.resolve('better-sqlite3', { paths: [root] });
    require.resolve('typescript', { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

if (!installed()) {
  console.log('[start] installing dependencies from the lockfile (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

const main = path.join(root, 'dist/apps/platform/apps/platform/src/main.js');
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('spec.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}
const stale = !fs.existsSync(main) || Math.max(newestSource('apps'), newestSource('libs')) > fs.statSync(main).mtimeMs;
if (stale) {
  console.log('[start] building the embedded platform (tsc)...');
  run(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', 'apps/platform/tsconfig.app.json']);
}
console.log(`[start] prepared in ${Date.now() - t0} ms; starting...`);

const child = spawn(process.execPath, [path.join(root, 'tools/runtime/run.js'), 'platform'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
