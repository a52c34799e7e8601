// `npm run bench -- --smoke` inside `npm test` (issue 14), so the benchmark suite cannot rot: every scenario runs at
// a tiny size against the same MySQL/MariaDB and Kafka as the integration tests (TEST_DB_*, TEST_KAFKA_BROKERS) and
// the built services (dist/), prints its table and writes its JSON result. The figures of a smoke run mean nothing;
// what is checked is that each scenario ran to the end and produced finite figures with their baselines.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

interface Row { id: string; figure: string; value: number; unit: string; baseline?: { id: string; value: number }; ratio?: number; target?: unknown; met?: boolean }

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'tools/bench/run.js'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('npm run bench -- --smoke', () => {
  const results = mkdtempSync(join(tmpdir(), 'sop-bench-smoke-'));
  afterAll(() => rmSync(results, { recursive: true, force: true }));

  it('runs every scenario at a tiny size, prints the table and writes the JSON result', async () => {
    const run = await runBench(['--smoke', '--results', results]);
    if (run.code !== 0) throw new Error(`bench exited ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr.slice(-6000)}`);
    expect(run.stdout).toMatch(/^figure +\| platform +\| same-run baseline +\| ratio +\| target/m);
    const files = readdirSync(results);
    expect(files).toHaveLength(1);
    const result = JSON.parse(readFileSync(join(results, files[0]), 'utf8')) as { smoke: boolean; rows: Row[]; failures: unknown[]; machine: { cpus: number } };
    expect(result).toMatchObject({ smoke: true, failures: [] });
    expect(result.machine.cpus).toBeGreaterThan(0);
    const ids = result.rows.map((r) => r.id);
    for (const id of [
      'mysql-tx-16', 'mysql-tx-32', 'mysql-upsert', 'kafka-producer', 'kafka-consumer', 'liveness-distributed', 'submit-one', 'submit-many', 'approve-one',
      'approve-many', 'submit-open-50', 'projection-p99', 'liveness-embedded', 'embedded-submit-one', 'scaleout-x2', 'soak-rss-registration', 'soak-rss-credit',
    ]) {
      expect(ids).toContain(id);
    }
    for (const r of result.rows) {
      expect(Number.isFinite(r.value)).toBe(true);
      if (r.baseline) expect(Number.isFinite(r.baseline.value) && Number.isFinite(r.ratio as number)).toBe(true);
      if (r.target) expect(typeof r.met).toBe('boolean');
    }
  }, 600_000);

  it('refuses an unknown scenario with its usage (exit 2)', async () => {
    const run = await runBench(['--only', 'nonsense']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/usage: npm run bench/);
  });
});
