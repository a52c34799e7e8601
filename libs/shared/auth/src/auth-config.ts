import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';

/** Only this algorithm is accepted: a token signed otherwise (or "none") is rejected. */
export const JWT_ALGORITHM = 'ES256' as const;

export interface AuthConfig {
  publicKeyPem: string;
  issuer: string;
  audience: string;
}

export const DEV_ISSUER = 'sop-dev-issuer';
export const DEFAULT_AUDIENCE = 'social-org-platform';

/**
 * Where the development key pair lives: AUTH_DEV_KEY_DIR, else DATA_DIR/dev-keys, else ./data/dev-keys. The same
 * rule as `npm run dev-token` (tools/dev-keys.js; tools/smoke checks they agree), so its tokens verify in every mode.
 */
export function devKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['AUTH_DEV_KEY_DIR'] || join(env['DATA_DIR'] || './data', 'dev-keys');
}

/**
 * AUTH_PUBLIC_KEY (PEM) or AUTH_PUBLIC_KEY_FILE, AUTH_ISSUER, AUTH_AUDIENCE. Without a key, a development key
 * pair is created (once) in devKeyDir(); `npm run dev-token` signs with it.
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig & { devKeys: boolean } {
  const issuer = env['AUTH_ISSUER'] ?? DEV_ISSUER;
  const audience = env['AUTH_AUDIENCE'] ?? DEFAULT_AUDIENCE;
  if (env['AUTH_PUBLIC_KEY']) return { publicKeyPem: env['AUTH_PUBLIC_KEY'], issuer, audience, devKeys: false };
  if (env['AUTH_PUBLIC_KEY_FILE']) {
    return { publicKeyPem: readFileSync(env['AUTH_PUBLIC_KEY_FILE'], 'utf8'), issuer, audience, devKeys: false };
  }
  const keys = loadOrCreateDevKeys(devKeyDir(env));
  return { publicKeyPem: keys.publicKeyPem, issuer, audience, devKeys: true };
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
