import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';

/** Only this algorithm is accepted: a token signed otherwise (or "none") is rejected. */
export const JWT_ALGORITHM = 'ES256' as const;

/** Where the verification keys come from when they rotate: a JWKS document (RFC 7517) by URL or file. */
export interface JwksSource {
  /** Fetched with node's fetch, cached; refreshed on an unknown `kid` (at most once per minRefreshSeconds). */
  url?: string;
  /** A local JWKS file, re-read on the same rules (rotation by replacing the file). */
  file?: string;
  /** How long a fetched key set is used before it is fetched again (default 600 s). */
  cacheSeconds?: number;
  /** Least time between two refreshes caused by unknown key ids (default 30 s). */
  minRefreshSeconds?: number;
}

export interface AuthConfig {
  /** One ES256 public key (SPKI PEM); tokens may carry any or no `kid`. */
  publicKeyPem?: string;
  /** A rotating key set; tokens must name their key with `kid`. */
  jwks?: JwksSource;
  issuer: string;
  /** The audience(s) this host accepts: a token is admitted when its `aud` names one of them. */
  audience: string | string[];
  /** Longest accepted `exp` − `iat` (default DEFAULT_MAX_TOKEN_LIFETIME_SECONDS). */
  maxLifetimeSeconds?: number;
}

export const DEV_ISSUER = 'sop-dev-issuer';
/** The audience of the whole platform before audiences per service (still accepted where AUTH_AUDIENCE names it). */
export const DEFAULT_AUDIENCE = 'social-org-platform';
/** 12 hours. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** A `sub` longer than this is refused as an invalid token (it is stored in audit columns of that width). */
export const MAX_SUBJECT_LENGTH = 100;

/** The services whose audiences `npm run dev-token` puts in a token by default. */
export const PLATFORM_SERVICES = ['registration', 'credit-supervision', 'evaluation', 'service-purchasing'] as const;
/** The audience of one service: `sop-<service name>`. */
export const audienceOf = (serviceName: string): string => `sop-${serviceName}`;
export const ALL_SERVICE_AUDIENCES: readonly string[] = PLATFORM_SERVICES.map(audienceOf);

/**
 * Where the development key pair lives: AUTH_DEV_KEY_DIR, else DATA_DIR/dev-keys, else ./data/dev-keys. The same
 * rule as `npm run dev-token` (tools/dev-keys.js; tools/smoke checks they agree), so its tokens verify in every mode.
 */
export function devKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['AUTH_DEV_KEY_DIR'] || join(env['DATA_DIR'] || './data', 'dev-keys');
}

const isTrue = (value: string | undefined) => /^true$/i.test(value ?? '');

/** Distributed mode (KAFKA_BROKERS set) or NODE_ENV=production: development keys are refused there. */
export function productionMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env['KAFKA_BROKERS']) || env['NODE_ENV'] === 'production';
}

/** AUTH_ALLOW_DEV_KEYS=true: the explicit, logged exception to productionMode's refusal of development keys. */
export function devKeysAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return isTrue(env['AUTH_ALLOW_DEV_KEYS']);
}

const AUTH_KEY_VARIABLES = ['AUTH_PUBLIC_KEY', 'AUTH_PUBLIC_KEY_FILE', 'AUTH_JWKS_URL', 'AUTH_JWKS_FILE'] as const;

/**
 * The start-up rule for token keys: in production mode one of AUTH_PUBLIC_KEY / AUTH_PUBLIC_KEY_FILE / AUTH_JWKS_URL
 * (or AUTH_JWKS_FILE) must be set. Empty when the environment passes.
 */
export function authKeyProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  if (!productionMode(env) || devKeysAllowed(env) || AUTH_KEY_VARIABLES.some((v) => env[v])) return [];
  return [
    'AUTH_PUBLIC_KEY, AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_URL (or AUTH_JWKS_FILE) must be set in distributed mode (KAFKA_BROKERS set) ' +
      'and with NODE_ENV=production: tokens signed by a development key are refused there (AUTH_ALLOW_DEV_KEYS=true accepts them, with a warning at every start)',
  ];
}

export class DevelopmentKeysRefusedError extends Error {
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'DevelopmentKeysRefusedError';
  }
}

export interface AuthConfigOptions {
  /** The audience(s) accepted when AUTH_AUDIENCE is not set (default: every service's). */
  audience?: string | string[];
  /** Where the AUTH_ALLOW_DEV_KEYS warning goes (default: the Nest logger). */
  warn?: (message: string) => void;
}

/** AUTH_AUDIENCE, one audience or several separated by commas. */
function audiencesOf(value: string): string | string[] {
  const list = value.split(',').map((a) => a.trim()).filter(Boolean);
  return list.length === 1 ? list[0] : list;
}

/**
 * The token settings of a host: AUTH_PUBLIC_KEY (PEM) or AUTH_PUBLIC_KEY_FILE, or AUTH_JWKS_URL / AUTH_JWKS_FILE
 * (AUTH_JWKS_CACHE_SECONDS, AUTH_JWKS_MIN_REFRESH_SECONDS); AUTH_ISSUER, AUTH_AUDIENCE, AUTH_MAX_TOKEN_LIFETIME_SECONDS.
 * Without any key a development key pair is created (once) in devKeyDir() — only outside production mode, or with
 * AUTH_ALLOW_DEV_KEYS=true (warned at every start). Throws DevelopmentKeysRefusedError otherwise.
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env, options: AuthConfigOptions = {}): AuthConfig & { devKeys: boolean } {
  const problems = authKeyProblems(env);
  if (problems.length) throw new DevelopmentKeysRefusedError(problems);
  const issuer = env['AUTH_ISSUER'] || DEV_ISSUER;
  const audience = env['AUTH_AUDIENCE'] ? audiencesOf(env['AUTH_AUDIENCE']) : (options.audience ?? [...ALL_SERVICE_AUDIENCES]);
  const lifetime = Number(env['AUTH_MAX_TOKEN_LIFETIME_SECONDS']);
  const base = { issuer, audience, maxLifetimeSeconds: lifetime > 0 ? lifetime : DEFAULT_MAX_TOKEN_LIFETIME_SECONDS };
  if (env['AUTH_PUBLIC_KEY']) return { ...base, publicKeyPem: env['AUTH_PUBLIC_KEY'], devKeys: false };
  if (env['AUTH_PUBLIC_KEY_FILE']) return { ...base, publicKeyPem: readFileSync(env['AUTH_PUBLIC_KEY_FILE'], 'utf8'), devKeys: false };
  if (env['AUTH_JWKS_URL'] || env['AUTH_JWKS_FILE']) {
    const seconds = (name: string) => (Number(env[name]) > 0 ? Number(env[name]) : undefined);
    const jwks: JwksSource = {
      ...(env['AUTH_JWKS_URL'] ? { url: env['AUTH_JWKS_URL'] } : { file: env['AUTH_JWKS_FILE'] }),
      cacheSeconds: seconds('AUTH_JWKS_CACHE_SECONDS'),
      minRefreshSeconds: seconds('AUTH_JWKS_MIN_REFRESH_SECONDS'),
    };
    return { ...base, jwks, devKeys: false };
  }
  if (devKeysAllowed(env)) {
    (options.warn ?? ((m: string) => new Logger('Auth').warn(m)))(
      `AUTH_ALLOW_DEV_KEYS=true: accepting tokens signed by the development key under ${devKeyDir(env)} — anyone holding it can mint any role; never in production`,
    );
  }
  const keys = loadOrCreateDevKeys(devKeyDir(env));
  return { ...base, publicKeyPem: keys.publicKeyPem, devKeys: true };
}

export function loadOrCreateDevKeys(dir: string): { publicKeyPem: string; privateKeyPem: string } {
  const pub = join(dir, 'public.pem');
  const priv = join(dir, 'private.pem');
  if (!existsSync(pub) || !existsSync(priv)) {
    mkdirSync(dir, { recursive: true });
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(priv, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(pub, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return { publicKeyPem: readFileSync(pub, 'utf8'), privateKeyPem: readFileSync(priv, 'utf8') };
}
