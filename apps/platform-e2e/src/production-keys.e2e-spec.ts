import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * Issue 10 item 1: a service started in distributed mode without real keys refuses to start — exit status 1, a
 * message naming the variables — before it connects to anything (the broker and database here are a listener that
 * counts connections, and it must count none).
 */
const ROOT = resolve(__dirname, '../../..');
const APPS = ['registration', 'credit-supervision', 'evaluation', 'service-purchasing'];

function run(app: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AUTH_|REGISTRATION_PII_|KAFKA_|DB_|NODE_ENV$)/.test(k)));
    const child = spawn(process.execPath, [join(ROOT, 'tools/runtime/run.js'), app], { cwd: ROOT, env: { ...clean, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${app} did not exit within 30 s:\n${output}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe('production keys', () => {
  let connections = 0;
  const trap = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((ok) => trap.listen(0, '127.0.0.1', ok));
    port = (trap.address() as { port: number }).port;
  });
  afterAll(() => new Promise((ok) => trap.close(ok)));

  const distributed = () => ({ KAFKA_BROKERS: `127.0.0.1:${port}`, DB_TYPE: 'mysql', DB_HOST: '127.0.0.1', DB_PORT: String(port), PORT: '0' });

  it.each(APPS)('%s without AUTH_PUBLIC_KEY / AUTH_PUBLIC_KEY_FILE / AUTH_JWKS_URL exits 1 naming them, connecting to nothing', async (app) => {
    const { code, output } = await run(app, { ...distributed(), REGISTRATION_PII_KEYS: `k1:${randomBytes(32).toString('base64')}` });
    expect(code).toBe(1);
    expect(output).toMatch(/AUTH_PUBLIC_KEY, AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_URL/);
    expect(connections).toBe(0);
  });

  it('NODE_ENV=production refuses the same way', async () => {
    const { code, output } = await run('evaluation', { ...distributed(), NODE_ENV: 'production' });
    expect(code).toBe(1);
    expect(output).toMatch(/AUTH_PUBLIC_KEY, AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_URL/);
  });

  it('registration without REGISTRATION_PII_KEYS / REGISTRATION_PII_KEY exits 1 naming them', async () => {
    const { code, output } = await run('registration', { ...distributed(), AUTH_JWKS_URL: 'https://idp.example/jwks.json' });
    expect(code).toBe(1);
    expect(output).toMatch(/REGISTRATION_PII_KEYS \(kid:base64,...\), REGISTRATION_PII_KEYS_FILE or REGISTRATION_PII_KEY must be set/);
    expect(output).not.toMatch(/AUTH_PUBLIC_KEY, AUTH_PUBLIC_KEY_FILE/);
    expect(connections).toBe(0);
  });
});
