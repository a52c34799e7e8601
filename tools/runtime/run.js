#!/usr/bin/env node
// Runs a built app from dist/ with the workspace path aliases (@sop/...) resolved to the compiled libraries.
//   node tools/runtime/run.js <app> [args...]
'use strict';
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
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
const paths = {};
for (const [alias, targets] of Object.entries(compilerOptions.paths)) {
  paths[alias] = targets.map((t) => t.replace(/\.ts$/, '.js'));
}
tsconfigPaths.register({ baseUrl: distRoot, paths });
process.argv.splice(2, 1); // the app sees its own arguments at argv[2]
require(main);
