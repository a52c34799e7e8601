#!/usr/bin/env node
// Lists and replays dead letters (libs/shared/messaging/src/dlq): after a fix, re-injects chosen messages of a
// consumer group's DLQ into their source topics for that group, keeping the original event (id, envelope, chain);
// the group's inbox makes a second replay a no-op.
//   npm run dlq -- list   --group credit-supervision [--reason INVALID_PAYLOAD] [--type credit.list.entered] [--json]
//   npm run dlq -- replay --group credit-supervision --event-id <id>[,<id>] | --offset 3,4 | --reason R | --type T | --all [--dry-run]
// Needs KAFKA_BROKERS and the built platform (npx nx build platform), like tools/runtime/run.js.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const tsconfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '..');
const distRoot = path.join(root, 'dist', 'apps', 'platform');
const command = path.join(distRoot, 'libs', 'shared', 'messaging', 'src', 'dlq', 'dlq-command.js');
if (!fs.existsSync(command)) {
  console.error(`${command} not found: build first (npx nx build platform)`);
  process.exit(2);
}
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
const paths = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, targets]) => [alias, targets.map((t) => t.replace(/\.ts$/, '.js'))]));
tsconfigPaths.register({ baseUrl: distRoot, paths });
require('reflect-metadata');
require(command)
  .dlqMain(process.argv.slice(2))
  .then((status) => process.exit(status))
  .catch((err) => {
    console.error(`dlq: ${err.message}`);
    process.exit(1);
  });
