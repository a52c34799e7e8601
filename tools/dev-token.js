#!/usr/bin/env node
// Development token for the embedded mode and tests, signed with the local development key
// (AUTH_DEV_KEY_DIR, else DATA_DIR/dev-keys, else ./data/dev-keys; created on first use; the services verify tokens
// with its public half, found by the same rule: tools/dev-keys.js).
//   npm run dev-token -- --role registrar --jurisdiction 110000 [--sub officer-1] [--org <USCC>] [--unit <id>] [--ttl 3600]
//                        [--aud sop-registration[,sop-evaluation]]
// The audience (--aud, else AUTH_AUDIENCE, else every service's: sop-registration, sop-credit-supervision,
// sop-evaluation, sop-service-purchasing) is what each service checks: a standalone service accepts its own only.
// Only the embedded platform and hosts started with AUTH_ALLOW_DEV_KEYS=true accept these tokens.
// Roles: registrar, supervising-unit, credit-officer, evaluator, finance-officer, purchaser, auditor,
//        org-representative, applicant (comma-separate or repeat --role for several).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { generateKeyPairSync } = require('node:crypto');
const jwt = require('jsonwebtoken');
const { devKeyDir, ALL_SERVICE_AUDIENCES } = require('./dev-keys');

const args = process.argv.slice(2);
const opts = { role: [] };
for (let i = 0; i < args.length; i++) {
  const key = args[i].replace(/^--/, '');
  const value = args[i + 1];
  if (value === undefined) break;
  if (key === 'role') opts.role.push(...value.split(','));
  else opts[key] = value;
  i++;
}
if (opts.role.length === 0 || !opts.jurisdiction) {
  console.error('usage: npm run dev-token -- --role <role>[,<role>] --jurisdiction <6-digit division code> [--sub id] [--org USCC] [--unit id] [--ttl seconds] [--aud audience[,audience]]');
  process.exit(2);
}
const dir = devKeyDir(process.env);
const priv = path.join(dir, 'private.pem');
if (!fs.existsSync(priv)) {
  fs.mkdirSync(dir, { recursive: true });
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  fs.writeFileSync(priv, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'public.pem'), pair.publicKey.export({ type: 'spki', format: 'pem' }));
}
function audiences(value) {
  const list = (value || '').split(',').map((a) => a.trim()).filter(Boolean);
  if (list.length === 0) return ALL_SERVICE_AUDIENCES;
  return list.length === 1 ? list[0] : list;
}
const claims = { roles: opts.role, jurisdiction: opts.jurisdiction };
if (opts.org) claims.org_uscc = opts.org;
if (opts.unit) claims.unit_id = opts.unit;
const token = jwt.sign(claims, fs.readFileSync(priv, 'utf8'), {
  algorithm: 'ES256',
  subject: opts.sub || `dev-${opts.role[0]}`,
  issuer: process.env.AUTH_ISSUER || 'sop-dev-issuer',
  audience: audiences(opts.aud || process.env.AUTH_AUDIENCE),
  expiresIn: Number(opts.ttl || 3600),
});
process.stdout.write(token + '\n');
