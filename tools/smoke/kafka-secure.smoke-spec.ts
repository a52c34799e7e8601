import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { kafkaSecurityFromEnv } from '@sop/messaging';

/**
 * Issue 10 §4: the deploy script's secure mode (KAFKA_SECURE=1) on a broker of its own: SASL/SCRAM-SHA-512, one
 * principal per service that writes only its own topics, an auditor that reads everything and writes nothing, and
 * nobody in without credentials. The services' client settings come from the same variables they read
 * (kafkaSecurityFromEnv). Twice: as `start` runs it on a workstation, and as docker-compose.yml runs it in the
 * apache/kafka container (`run` in the foreground on the given jars, listening on every interface, passwords from
 * KAFKA_SCRAM_PASSWORD_* variables, healthy by `health`, ACLs applied by `acls` from elsewhere with the admin's
 * password alone).
 */
const ROOT = resolve(__dirname, '../..');
const SCRIPT = join(ROOT, 'deploy/kafka/kafka-local.sh');
const passwords: Record<string, string> = {
  admin: 'admin-pw-1',
  registration: 'registration-pw-1',
  'credit-supervision': 'credit-pw-1',
  evaluation: 'evaluation-pw-1',
  'service-purchasing': 'purchasing-pw-1',
  auditor: 'auditor-pw-1',
};
const passwordVariable = (principal: string) => `KAFKA_SCRAM_PASSWORD_${principal.toUpperCase().replace(/-/g, '_')}`;

/** One broker of the script's own, on a random port pair, in a directory removed afterwards. */
class SecureBroker {
  readonly port = 19_100 + Math.floor(Math.random() * 400) * 2;
  readonly dir = mkdtempSync(join(tmpdir(), 'sop-kafka-secure-'));
  readonly address = `127.0.0.1:${this.port}`;
  private foreground?: ChildProcess;
  env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_RUNTIME_DIR: join(this.dir, 'runtime'),
    KAFKA_SECURE: '1',
    KAFKA_PORT: String(this.port),
    KAFKA_CONTROLLER_PORT: String(this.port + 1),
  };

  /** `start`, as on a workstation: users file, Maven jars (fetched once), detached broker, ACLs at start. */
  startDetached(): void {
    this.env['KAFKA_SCRAM_USERS_FILE'] = join(this.dir, 'users');
    writeFileSync(this.env['KAFKA_SCRAM_USERS_FILE'], Object.entries(passwords).map(([p, w]) => `${p}=${w}`).join('\n') + '\n', { mode: 0o600 });
    execFileSync('bash', [SCRIPT, 'start'], { env: this.env, stdio: 'inherit', timeout: 240_000 });
  }

  /** As docker-compose.yml: `run` in the foreground (the script's process becomes the broker), then `health`, then `acls`. */
  async runInForeground(jarsDir: string): Promise<void> {
    Object.assign(this.env, {
      KAFKA_JARS_DIR: jarsDir,
      KAFKA_LISTEN_HOST: '0.0.0.0',
      KAFKA_ADVERTISED_HOST: '127.0.0.1',
      ...Object.fromEntries(Object.entries(passwords).map(([p, w]) => [passwordVariable(p), w])),
    });
    const broker = spawn('bash', [SCRIPT, 'run'], { env: this.env, stdio: ['ignore', 'ignore', 'inherit'] });
    this.foreground = broker;
    const deadline = Date.now() + 120_000;
    while (spawnSync('bash', [SCRIPT, 'health'], { env: this.env, stdio: 'ignore' }).status !== 0) {
      if (broker.exitCode !== null) throw new Error(`kafka-local.sh run exited with ${broker.exitCode}`);
      if (Date.now() > deadline) throw new Error('the broker did not become healthy within 120 s');
      await new Promise((r) => setTimeout(r, 1000));
    }
    // The container's PID 1 is the broker itself: `run` execs java.
    expect(readFileSync(`/proc/${broker.pid}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining(['kafka.Kafka']));
    // The ACL job: another host (KAFKA_BOOTSTRAP), its own directory, the admin's password and nothing else.
    const aclEnv: NodeJS.ProcessEnv = { ...process.env, KAFKA_SECURE: '1', KAFKA_JARS_DIR: jarsDir, KAFKA_BOOTSTRAP: `localhost:${this.port}`, KAFKA_RUNTIME_DIR: join(this.dir, 'acl-job'), KAFKA_SCRAM_PASSWORD_ADMIN: passwords['admin'] };
    execFileSync('bash', [SCRIPT, 'acls'], { env: aclEnv, stdio: 'inherit', timeout: 120_000 });
  }

  serverProperties(): string {
    return readFileSync(join(this.dir, 'runtime/config/server.properties'), 'utf8');
  }

  /** `stop`, or for the foreground broker what `docker stop` does: SIGTERM to it, and it must exit within 30 s. */
  async stop(): Promise<void> {
    try {
      const broker = this.foreground;
      if (broker && broker.exitCode === null) {
        const exited = new Promise<number | null>((done) => broker.once('exit', (code) => done(code)));
        broker.kill('SIGTERM');
        const timer = setTimeout(() => broker.kill('SIGKILL'), 30_000);
        const code = await exited;
        clearTimeout(timer);
        expect(code).toBe(143); // the JVM's exit status after its shutdown hooks ran on SIGTERM
      } else if (!broker) {
        execFileSync('bash', [SCRIPT, 'stop'], { env: this.env, stdio: 'inherit', timeout: 60_000 });
      }
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

const sasl = (username: string, password = passwords[username]): SASLOptions =>
  kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password }).sasl as SASLOptions;

/** 'ok', or the error with the errors it aggregates (kafkajs wraps per-topic errors). */
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (err: Error & { errors?: Error[] }) => [err, ...(err.errors ?? [])].map((e) => `${e.name}: ${e.message} ${(e as { type?: string }).type ?? ''}`).join('; '),
  );

function secureBrokerTests(broker: SecureBroker): void {
  const client = (username: string | undefined, password?: string) =>
    new Kafka({
      clientId: `secure-smoke-${username ?? 'anonymous'}`,
      brokers: [broker.address],
      logLevel: logLevel.NOTHING,
      retry: { retries: 1 },
      connectionTimeout: 3000,
      ...(username ? { sasl: sasl(username, password) } : {}),
    });
  const produce = async (username: string, topic: string) => {
    const producer = client(username).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: `from ${username}` }] });
    } finally {
      await producer.disconnect();
    }
  };

  it('each service creates and writes its own topics and no other service’s', async () => {
    const registrationAdmin = client('registration').admin();
    await registrationAdmin.connect();
    await registrationAdmin.createTopics({ topics: [{ topic: 'registration.organization.v1', numPartitions: 1 }] });
    expect(await errorOf(registrationAdmin.createTopics({ topics: [{ topic: 'credit.list.v1', numPartitions: 1 }] }))).toMatch(/authoriz/i);
    await registrationAdmin.disconnect();
    const creditAdmin = client('credit-supervision').admin();
    await creditAdmin.connect();
    await creditAdmin.createTopics({ topics: [{ topic: 'credit.list.v1', numPartitions: 1 }] });
    await creditAdmin.disconnect();

    expect(await errorOf(produce('registration', 'registration.organization.v1'))).toBe('ok');
    expect(await errorOf(produce('credit-supervision', 'credit.list.v1'))).toBe('ok');
    // Forging another service's event is refused by the broker itself.
    expect(await errorOf(produce('registration', 'credit.list.v1'))).toMatch(/authoriz/i);
    expect(await errorOf(produce('evaluation', 'registration.organization.v1'))).toMatch(/authoriz/i);
  }, 60_000);

  it('the auditor reads every topic and writes none; nobody gets in without the right credentials', async () => {
    const consumer = client('auditor').consumer({ groupId: 'auditor-smoke' });
    await consumer.connect();
    await consumer.subscribe({ topics: ['registration.organization.v1', 'credit.list.v1'], fromBeginning: true });
    const seen = new Set<string>();
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`auditor saw only ${[...seen].join(', ')}`)), 30_000);
      void consumer.run({
        eachMessage: async ({ topic }) => {
          seen.add(topic);
          if (seen.size === 2) {
            clearTimeout(timer);
            done();
          }
        },
      });
    });
    await consumer.disconnect();
    expect(await errorOf(produce('auditor', 'registration.organization.v1'))).toMatch(/authoriz/i);

    const wrongPassword = client('registration', 'not-the-password').producer();
    expect(await errorOf(wrongPassword.connect())).toMatch(/SASL|authentic/i);
    // Without credentials the broker answers no request beyond the handshake.
    const anonymous = client(undefined).producer();
    const sent = errorOf(anonymous.connect().then(() => anonymous.send({ topic: 'registration.organization.v1', messages: [{ value: 'anonymous' }] })));
    expect(await sent).not.toBe('ok');
    await anonymous.disconnect().catch(() => undefined);
  }, 60_000);

  it('has one super user, the admin: the controller listener authenticates too', () => {
    const props = broker.serverProperties();
    expect(props).toMatch(/^super\.users=User:admin$/m);
    expect(props).toMatch(/^allow\.everyone\.if\.no\.acl\.found=false$/m);
    expect(props).toMatch(/^listener\.security\.protocol\.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT$/m);
  });
}

describe('Kafka secure mode (deploy/kafka/kafka-local.sh, KAFKA_SECURE=1)', () => {
  const broker = new SecureBroker();
  beforeAll(() => broker.startDetached(), 260_000);
  afterAll(() => broker.stop(), 70_000);
  secureBrokerTests(broker);
});

describe('Kafka secure mode as docker-compose.yml runs it (run, health, acls; the image\'s jars)', () => {
  const broker = new SecureBroker();
  // The jars `start` fetched above stand for the image's /opt/kafka/libs.
  const jarsDir = join(ROOT, 'deploy/kafka/.runtime/jars', process.env['KAFKA_VERSION'] ?? '4.4.0');
  beforeAll(async () => {
    expect(existsSync(join(jarsDir, '.complete'))).toBe(true);
    await broker.runInForeground(jarsDir);
  }, 260_000);
  afterAll(() => broker.stop(), 70_000);
  secureBrokerTests(broker);
});
