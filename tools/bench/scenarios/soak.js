// Memory over a soak (issue 14: flat memory): registration and credit supervision, distributed, under a steady open
// loop of submissions (and the approval of every other one, so credit supervision projects organizations) for
// --soak-minutes (default 30). Resident set size sampled every 10 s; "flat" = the median of the last fifth within
// 10 % of the median of the second fifth (the first fifth is warm-up: JIT, pools, caches filling).
'use strict';
const { openLoop } = require('../lib/load');
const { submissions, approvals } = require('../lib/registration-load');

const SUBMISSIONS_PER_SECOND = 60;

async function run(ctx) {
  const { infra, row } = ctx;
  await infra.dropSchemas(['bench_registration', 'bench_credit_supervision']);
  const token = infra.devToken(ctx.dir, 'registrar,applicant', '100000');
  const reg = await new infra.ServiceProcess({ app: 'registration', label: 'soak-registration', port: await infra.freePort(), dir: ctx.dir, env: infra.distributedEnv(ctx.secrets, 'bench_registration') }).start();
  const credit = await new infra.ServiceProcess({ app: 'credit-supervision', label: 'soak-credit', port: await infra.freePort(), dir: ctx.dir, env: infra.distributedEnv(ctx.secrets, 'bench_credit_supervision') }).start();
  const samples = { registration: [], credit: [] };
  const sampleEveryMs = ctx.smoke ? 500 : 10_000;
  const timer = setInterval(() => {
    samples.registration.push(reg.rssBytes());
    samples.credit.push(credit.rssBytes());
  }, sampleEveryMs);
  const seconds = ctx.soakMinutes * 60;
  let requests = 0;
  try {
    const accepted = [];
    const submit = submissions(reg.baseUrl, token, { accepted });
    let k = 0;
    const approve = approvals(reg.baseUrl, token, accepted);
    const load = await openLoop({
      rate: SUBMISSIONS_PER_SECOND * 1.5,
      seconds,
      // Two submissions, then one approval of an earlier submission (when one is waiting).
      next: () => (k++ % 3 === 2 && accepted.length > k / 3 ? approve() : submit()),
    });
    requests = load.count;
    ctx.log(`soak: ${load.count} requests in ${seconds} s, p99 ${load.p99Ms.toFixed(1)} ms`);
  } finally {
    clearInterval(timer);
    await reg.stop();
    await credit.stop();
  }
  return Object.entries(samples).map(([service, rss]) => {
    const fifth = Math.max(1, Math.floor(rss.length / 5));
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] / 2 ** 20;
    const warm = median(rss.slice(fifth, 2 * fifth));
    const end = median(rss.slice(-fifth));
    return row({
      id: `soak-rss-${service}`,
      figure: `memory after a ${ctx.soakMinutes}-minute soak, ${service} (RSS, median of the last fifth)`,
      value: end,
      unit: 'MiB',
      baseline: { id: 'same process, second fifth', value: warm, unit: 'MiB' },
      target: { on: 'ratio', op: '<=', value: 1.1 },
      note: `${rss.length} samples, min ${(Math.min(...rss) / 2 ** 20).toFixed(0)} MiB, max ${(Math.max(...rss) / 2 ** 20).toFixed(0)} MiB; ${requests} requests at ${SUBMISSIONS_PER_SECOND * 1.5}/s`,
    });
  });
}

module.exports = { run };
