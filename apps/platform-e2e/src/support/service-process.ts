import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { waitFor } from '@sop/testing';

const ROOT = resolve(__dirname, '../../../..');

/** One service running as its own OS process from its built artifact (dist/apps/<app>). */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  readonly baseUrl: string;

  constructor(
    readonly app: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const logDir = join(ROOT, 'tmp', 'e2e-logs');
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, `${this.app}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [join(ROOT, 'tools/runtime/run.js'), this.app], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.child = child;
    this.exited = new Promise((r) => child.once('exit', () => r()));
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.app} exited with ${child.exitCode}; see tmp/e2e-logs/${this.app}.log`);
        const res = await fetch(`${this.baseUrl}/health/ready`).catch(() => undefined);
        return res?.status === 200;
      },
      60000,
      `${this.app} readiness`,
    );
  }

  /** SIGSTOP / SIGCONT: the process freezes with its connections open (a hung host), then resumes. */
  signal(sig: 'SIGSTOP' | 'SIGCONT'): void {
    this.child?.kill(sig);
  }

  /** SIGKILL: no shutdown hooks, no offset commit, no outbox marking — a crash. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 10000))]);
    if (this.child.exitCode === null) await this.kill();
  }
}
