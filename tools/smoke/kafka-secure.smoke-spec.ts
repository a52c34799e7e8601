import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { kafkaSecurityFromEnv } from '@sop/messaging';

/**
 * Issue 10 §4: the deploy script's secure mode (KAFKA_SECURE=1) on a broker of its own: SASL/SCRAM-SHA-512, one
 * principal per service that writes only its own topics, an auditor that reads everything and writes nothing, and
 * nobody in without credentials. The services' client settings come from the same variables they read
 * (kafkaSecurityFromEnv).
 */
const ROOT = resolve(__dirname, '../..');
const SCRIPT = join(ROOT, 'deploy/kafka/kafka-local.sh');
const port = 19_100 + Math.floor(Math.random() * 400) * 2;
const dir = mkdtempSync(join(tmpdir(), 'sop-kafka-secure-'));
const passwords: Record<string, string> = {
  admin: 'admin-pw-1',
  registration: 'registration-pw-1',
  'credit-supervision': 'credit-pw-1',
  evaluation: 'evaluation-pw-1',
  'service-purchasing': 'purchasing-pw-1',
  auditor: 'auditor-pw-1',
};
const env = {
  ...process.env,
  KAFKA_RUNTIME_DIR: join(dir, 'runtime'),
  KAFKA_SECURE: '1',
  KAFKA_SCRAM_USERS_FILE: join(dir, 'users'),
  KAFKA_PORT: String(port),
  KAFKA_CONTROLLER_PORT: String(port + 1),
};
const broker = `127.0.0.1:${port}`;

const sasl = (username: string, password = passwords[username]): SASLOptions =>
  kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password }).sasl as SASLOptions;
const client = (username: string | undefined, password?: string) =>
  new Kafka({
    clientId: `secure-smoke-${username ?? 'anonymous'}`,
    brokers: [broker],
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
/** 'ok', or the error with the errors it aggregates (kafkajs wraps per-topic errors). */
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (err: Error & { errors?: Error[] }) => [err, ...(err.errors ?? [])].map((e) => `${e.name}: ${e.message} ${(e as { type?: string }).type ?? ''}`).join('; '),
  );

describe('Kafka secure mode (deploy/kafka/kafka-local.sh, KAFKA_SECURE=1)', () => {
  beforeAll(() => {
    writeFileSync(env.KAFKA_SCRAM_USERS_FILE, Object.entries(passwords).map(([p, w]) => `${p}=${w}`).join('\n') + '\n', { mode: 0o600 });
    execFileSync('bash', [SCRIPT, 'start'], { env, stdio: 'inherit', timeout: 240_000 });
  }, 260_000);
  afterAll(() => {
    try {
      execFileSync('bash', [SCRIPT, 'stop'], { env, stdio: 'inherit', timeout: 60_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 70_000);

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
});
