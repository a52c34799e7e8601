// Smoke run of every script under tools/ (part of `npm test`: nx run tools:integration), so that a change in the API
// breaks this test instead of the tool. Against the built embedded platform (dist/), no external infrastructure:
//   runtime/run.js                     boots dist/apps/platform on a free port, fresh temporary DATA_DIR (never ./data)
//   dev-token.js (+ dev-keys.js)       its token opens a protected endpoint; missing, garbage, foreign-key tokens: 401
//   bench/registration-propagation.js  3 iterations: exit 0 and figures that parse; a failed request: exit 1 + body
//   start.js                           `npm start` itself: starts the built platform without installing, SIGTERM: exit 0
//   audit-verify.js                    a JSON Lines export with the keys the platform serves: exit 0; altered: 1; usage: 2
//   jest/setup-env.js                  loaded by the jest preset for this test too
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EventChain, type CloudEvent } from '@sop/messaging';

const ROOT = resolve(__dirname, '../..');
const READY_TIMEOUT_MS = 30_000;
// start.js rebuilds when a source is newer than the build (tsc, ~10-20 s); npm test builds just before this test.
const START_READY_TIMEOUT_MS = 75_000;

interface Exit {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const tempDirs: string[] = [];
const servers: ServerProcess[] = [];
const tools = new Set<ChildProcess>();

function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sop-tools-smoke-${label}-`));
  tempDirs.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', () => ok()));
  const address = server.address();
  await new Promise((ok) => server.close(ok));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** What a tool sees: this environment without anything that would point it elsewhere, plus `extra`. */
function toolEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    'AUTH_PUBLIC_KEY', 'AUTH_PUBLIC_KEY_FILE', 'AUTH_JWKS_URL', 'AUTH_JWKS_FILE', 'AUTH_ALLOW_DEV_KEYS', 'AUTH_DEV_KEY_DIR', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'BUS_PATH',
    'REGISTRATION_PII_KEY', 'REGISTRATION_PII_KEYS', 'REGISTRATION_PII_KEYS_FILE', 'REGISTRATION_PII_CURRENT_KEY', 'KAFKA_BROKERS', 'NODE_ENV', 'REGISTRATION_URL', 'CREDIT_URL', 'DIVISION', 'BENCH_TIMEOUT_MS', 'PORT', 'HOST', 'DATA_DIR',
  ]) {
    delete env[key];
  }
  return { ...env, LOG_LEVEL: 'warn', NO_COLOR: '1', ...extra };
}

/** Runs `node tools/<script> ...args` to completion. */
function runTool(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Exit> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'tools', script), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    tools.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', fail);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      tools.delete(child);
      done({ command: ['node', `tools/${script}`, ...args].join(' '), code, signal, stdout, stderr });
    });
  });
}

/** Fails with the tool's whole output unless it exited with `code` (and, if given, its stderr matches). */
function expectExit(run: Exit, code: number, stderr?: RegExp): void {
  if (run.code === code && (!stderr || stderr.test(run.stderr))) return;
  throw new Error(
    `${run.command}: exited ${run.code ?? run.signal}, expected ${code}${stderr ? ` with stderr matching ${stderr}` : ''}\n` +
      `--- stdout\n${run.stdout}--- stderr\n${run.stderr}`,
  );
}

/** A long-running tool in its own process group, so that cleanup also reaches its children (start.js → run.js). */
class ServerProcess {
  readonly baseUrl: string;
  private readonly child: ChildProcess;
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private out = '';

  constructor(script: string, args: string[], port: number, dataDir: string) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, [join(ROOT, 'tools', script), ...args], {
      cwd: ROOT,
      env: toolEnv({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const keep = (d: string) => (this.out = (this.out + d).slice(-20_000));
    this.child.stdout?.setEncoding('utf8').on('data', keep);
    this.child.stderr?.setEncoding('utf8').on('data', keep);
    this.exit = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
    servers.push(this);
  }

  get output(): string {
    return this.out;
  }

  private get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`exited (${this.child.exitCode ?? this.child.signalCode}) before ready:\n${this.out}`);
      // Not `instanceof Error`: fetch rejects with errors of another realm than jest's.
      const probe = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
        async (res) => ({ status: res.status, text: await res.text() }),
        (e: { message?: string; cause?: { code?: string } }) => ({ status: 0, text: e.cause?.code ?? e.message ?? String(e) }),
      );
      if (probe.status === 200) return;
      last = `${probe.status || 'no answer'} ${probe.text}`;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`not ready after ${timeoutMs} ms (last: ${last}):\n${this.out}`);
  }

  /** Sends `signal` to the process itself (not its group) and waits for its exit. */
  async stop(signal: NodeJS.Signals, timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill(signal);
    const timeout = new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`still running ${timeoutMs} ms after ${signal}:\n${this.out}`)), timeoutMs).unref());
    return Promise.race([this.exit, timeout]);
  }

  /** SIGKILL to the whole process group (children included); nothing if it is gone. */
  async kill(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // ESRCH: the group has already exited.
    }
    if (this.running) await this.exit;
  }
}

afterAll(async () => {
  for (const child of tools) child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.kill()));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('tools against the built embedded platform (runtime/run.js)', () => {
  let dataDir: string;
  let platform: ServerProcess;
  const env = (extra: Record<string, string> = {}) => toolEnv({ DATA_DIR: dataDir, ...extra });

  beforeAll(async () => {
    dataDir = tempDir('platform');
    platform = new ServerProcess('runtime/run.js', ['platform'], await freePort(), dataDir);
    await platform.ready(READY_TIMEOUT_MS);
  }, READY_TIMEOUT_MS + 10_000);

  it('runtime/run.js: boots the platform with its data under DATA_DIR; usage errors exit 2', async () => {
    expect(existsSync(join(dataDir, 'bus.sqlite'))).toBe(true);
    const usage = await runTool('runtime/run.js', [], env());
    expectExit(usage, 2, /usage:/);
    const missing = await runTool('runtime/run.js', ['no-such-app'], env());
    expectExit(missing, 2, /build first/);
  });

  it('dev-token.js: its token opens a protected endpoint; no, garbage or foreign-key tokens are 401', async () => {
    const issued = await runTool('dev-token.js', ['--role', 'registrar', '--jurisdiction', '110000', '--sub', 'smoke-registrar'], env());
    expectExit(issued, 0);
    const token = issued.stdout.trim();
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(header).toMatchObject({ alg: 'ES256' });
    expect(payload).toMatchObject({ roles: ['registrar'], jurisdiction: '110000', sub: 'smoke-registrar', iss: 'sop-dev-issuer', aud: ['sop-registration', 'sop-credit-supervision', 'sop-evaluation', 'sop-service-purchasing'] });
    // dev-keys.js: the key pair lives where the platform looks for it (DATA_DIR/dev-keys).
    expect(existsSync(join(dataDir, 'dev-keys', 'private.pem'))).toBe(true);

    const protectedUrl = `${platform.baseUrl}/registration/metrics/regimes?jurisdiction=110000&from=2020-01-01T00:00:00Z`;
    const get = (authorization?: string) => fetch(protectedUrl, { headers: authorization ? { authorization } : {} });
    const ok = await get(`Bearer ${token}`);
    const body = await ok.text();
    if (ok.status < 200 || ok.status > 299) throw new Error(`GET ${protectedUrl} with the dev token: ${ok.status} ${body}`);

    expect((await get()).status).toBe(401);
    expect((await get('Bearer not.a.token')).status).toBe(401);
    const foreign = await runTool('dev-token.js', ['--role', 'registrar', '--jurisdiction', '110000'], env({ AUTH_DEV_KEY_DIR: tempDir('foreign-key') }));
    expectExit(foreign, 0);
    expect((await get(`Bearer ${foreign.stdout.trim()}`)).status).toBe(401);

    expectExit(await runTool('dev-token.js', ['--jurisdiction', '110000'], env()), 2, /usage:/);
  });

  it('bench/registration-propagation.js: 3 iterations against today\'s API print p50/p90/p99/max', async () => {
    const targets = { REGISTRATION_URL: `${platform.baseUrl}/registration`, CREDIT_URL: `${platform.baseUrl}/credit` };
    const bench = await runTool('bench/registration-propagation.js', ['3'], env(targets));
    expectExit(bench, 0);
    const figures = /^registration → credit profile visible, n=3: p50 (\d+\.\d) ms, p90 (\d+\.\d) ms, p99 (\d+\.\d) ms, max (\d+\.\d) ms$/m.exec(bench.stdout);
    expect(figures).not.toBeNull();
    const [p50, p90, p99, max] = (figures ?? []).slice(1).map(Number);
    expect(p50).toBeGreaterThanOrEqual(0);
    expect(p50).toBeLessThanOrEqual(p90);
    expect(p90).toBeLessThanOrEqual(p99);
    expect(p99).toBeLessThanOrEqual(max);

    // A failed request exits 1 and shows the response body (here: a token the platform does not trust).
    const refused = await runTool('bench/registration-propagation.js', ['1'], env({ ...targets, AUTH_DEV_KEY_DIR: tempDir('bench-foreign-key') }));
    expectExit(refused, 1, /got 401: \{.*"status":401/);
    // The iteration count comes from argv[2].
    expectExit(await runTool('bench/registration-propagation.js', ['many'], env(targets)), 2, /usage:/);
  });

  it('audit-verify.js: verifies a JSON Lines export against the keys the platform serves; an altered event exits 1, bad usage 2', async () => {
    const chain = new EventChain();
    const events = [1, 2, 3].map((n) =>
      chain.next<unknown>({ specversion: '1.0', id: `smoke-${n}`, source: 'evaluation', type: 'evaluation.grade.expired', time: `2026-12-01T00:00:0${n}.000Z`, subject: 's', datacontenttype: 'application/json', dataschema: 'urn:x', data: { n } }),
    );
    const file = (name: string, list: CloudEvent<unknown>[]) => {
      const path = join(tempDir('audit'), name);
      writeFileSync(path, list.map((e) => JSON.stringify(e)).join('\n') + '\n');
      return path;
    };
    const keys = `${platform.baseUrl}/evaluation/audit/keys`;
    const ok = await runTool('audit-verify.js', ['--file', file('ok.jsonl', events), '--source', 'evaluation', '--keys', keys], env());
    expectExit(ok, 0);
    expect(ok.stdout).toMatch(/OK: no findings/);
    expect(ok.stdout).toMatch(/\d+ events\/s/);
    const altered = await runTool('audit-verify.js', ['--file', file('altered.jsonl', [events[0], { ...events[1], data: { n: 20 } }, events[2]]), '--source', 'evaluation', '--keys', keys], env());
    expectExit(altered, 1);
    expect(altered.stdout).toMatch(/ALTERED at sequence 2/);
    expectExit(await runTool('audit-verify.js', ['--topics', 'x'], env()), 2, /usage:/);
  });

  it('jest/setup-env.js: the preset loads it (UTC, reflect-metadata)', () => {
    expect(process.env['TZ']).toBe('UTC');
    expect(typeof (Reflect as unknown as Record<string, unknown>)['getMetadata']).toBe('function');
  });
});

describe('start.js (npm start)', () => {
  it('starts the built platform without installing, honours PORT and DATA_DIR, exits 0 on SIGTERM', async () => {
    const dataDir = tempDir('start');
    const start = new ServerProcess('start.js', [], await freePort(), dataDir);
    await start.ready(START_READY_TIMEOUT_MS);
    expect(start.output).toContain('[start] prepared in');
    expect(start.output).not.toContain('[start] installing');
    expect(existsSync(join(dataDir, 'bus.sqlite'))).toBe(true);
    // start.js forwards the signal to the platform and exits with its code.
    expect(await start.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, START_READY_TIMEOUT_MS + 20_000);
});
