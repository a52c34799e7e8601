'use strict';
// Stops containers started by global-setup; a Kafka started by the deploy script stays up (its start is
// idempotent and cheap to reuse; `npm run kafka:stop` or .ci/run stops it).
module.exports = async function globalTeardown() {
  for (const c of globalThis.__SOP_CONTAINERS__ || []) await c.stop().catch(() => undefined);
};
