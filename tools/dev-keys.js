// Where the development signing key lives: the one rule shared by `npm run dev-token` (this file) and the services
// (libs/shared/auth/src/auth-config.ts, devKeyDir), checked to agree by tools/smoke/dev-keys.smoke-spec.ts.
//   AUTH_DEV_KEY_DIR if set, else <DATA_DIR or ./data>/dev-keys
'use strict';
const path = require('node:path');

function devKeyDir(env = process.env) {
  return env.AUTH_DEV_KEY_DIR || path.join(env.DATA_DIR || './data', 'dev-keys');
}

/** The four services' token audiences, `sop-<service>` (libs/shared/auth ALL_SERVICE_AUDIENCES; the smoke test checks they agree). */
const ALL_SERVICE_AUDIENCES = ['sop-registration', 'sop-credit-supervision', 'sop-evaluation', 'sop-service-purchasing'];

module.exports = { devKeyDir, ALL_SERVICE_AUDIENCES };
