#!/usr/bin/env node
// The auditor's command (issue 13 item 6): verifies a producer's event stream read from the broker (from any offset)
// or from a JSON Lines export: gaps, reordering, altered or unchained events, forks, and the signed checkpoints
// against the producer's published keys (GET /<svc>/audit/keys); the first failing sequence; events per second.
//   npm run audit:verify -- --service evaluation --brokers localhost:9092 [--from-offset 0] --keys http://host/evaluation/audit/keys
//   npm run audit:verify -- --file export.jsonl --source evaluation --keys keys.json [--json]
//   npm run audit:verify -- --rebuild grades|credit-lists --compare http://host [--token <bearer>] [--subjects uscc,..]
// Exit status: 0 nothing found, 1 findings (or differences), 2 bad usage or a read error.
// Runs the built platform (npx nx build platform), like tools/dlq.js.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const tsconfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '..');
const distRoot = path.join(root, 'dist', 'apps', 'platform');
const messaging = path.join(distRoot, 'libs', 'shared', 'messaging', 'src', 'index.js');
const contracts = path.join(distRoot, 'libs', 'contracts', 'src', 'index.js');
if (!fs.existsSync(messaging) || !fs.existsSync(contracts)) {
  console.error(`${messaging} not found: build first (npx nx build platform)`);
  process.exit(2);
}
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
const paths = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, targets]) => [alias, targets.map((t) => t.replace(/\.ts$/, '.js'))]));
tsconfigPaths.register({ baseUrl: distRoot, paths });
require('reflect-metadata');
const argv = process.argv.slice(2);
const { ALL_EVENT_CONTRACTS, AUDIT_REBUILDERS } = require(contracts);
const lib = require(messaging);
const run = argv.includes('--rebuild') ? lib.auditRebuildMain(argv, AUDIT_REBUILDERS) : lib.auditVerifyMain(argv, ALL_EVENT_CONTRACTS);
run
  .then((status) => process.exit(status))
  .catch((err) => {
    console.error(`audit:verify: ${err.message}`);
    process.exit(2);
  });
