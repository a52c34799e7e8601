import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { JwksSource } from './auth-config';

const DEFAULT_CACHE_SECONDS = 600;
const DEFAULT_MIN_REFRESH_SECONDS = 30;
const FETCH_TIMEOUT_MS = 5000;

type Jwk = JsonWebKey & { kid?: unknown; use?: unknown; alg?: unknown };

/**
 * The identity provider's signing keys by `kid`, from a JWKS URL (node's fetch) or a local JWKS file. The set is
 * cached for cacheSeconds; a token naming a kid that is not in the set triggers a refresh, at most once per
 * minRefreshSeconds (so a flood of forged kids cannot hammer the IdP). During a rotation the IdP publishes both
 * keys: tokens signed by the old one keep verifying until it leaves the set.
 */
export class JwksKeyStore {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = -Infinity;
  private lastRefreshAt = -Infinity;
  private inFlight?: Promise<void>;
  /** How many times the set was loaded (for tests and metrics). */
  loads = 0;

  constructor(
    private readonly source: JwksSource,
    private readonly log: (message: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    if (!source.url && !source.file) throw new Error('a JWKS source needs a url or a file');
  }

  private get cacheMs() {
    return (this.source.cacheSeconds ?? DEFAULT_CACHE_SECONDS) * 1000;
  }

  private get minRefreshMs() {
    return (this.source.minRefreshSeconds ?? DEFAULT_MIN_REFRESH_SECONDS) * 1000;
  }

  /** The key named `kid`, or undefined when the (possibly refreshed) set does not have it. */
  async keyFor(kid: string): Promise<KeyObject | undefined> {
    const stale = this.now() - this.fetchedAt > this.cacheMs;
    if ((stale || !this.keys.has(kid)) && this.now() - this.lastRefreshAt >= this.minRefreshMs) await this.refresh();
    else if (this.inFlight) await this.inFlight; // a load another request started
    return this.keys.get(kid);
  }

  /** Loads the set now (one load at a time); a failed load keeps the previous set. */
  refresh(): Promise<void> {
    if (!this.inFlight) {
      this.lastRefreshAt = this.now();
      this.inFlight = this.load()
        .then((keys) => {
          this.keys = keys;
          this.fetchedAt = this.now();
        })
        .catch((err: Error) => this.log(`JWKS ${this.source.url ?? this.source.file} could not be loaded: ${err.message}`))
        .finally(() => {
          this.inFlight = undefined;
        });
    }
    return this.inFlight;
  }

  private async load(): Promise<Map<string, KeyObject>> {
    this.loads++;
    let text: string;
    if (this.source.url) {
      const res = await fetch(this.source.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      text = await res.text();
    } else {
      text = await readFile(this.source.file as string, 'utf8');
    }
    return keysOfJwks(JSON.parse(text), this.log);
  }
}

/** The ES256 signing keys of a JWKS document, by kid (keys without a kid, or of another type or use, are skipped). */
export function keysOfJwks(doc: unknown, log: (message: string) => void = () => undefined): Map<string, KeyObject> {
  const list = (doc as { keys?: unknown })?.keys;
  if (!Array.isArray(list)) throw new Error('not a JWKS document (no "keys" array)');
  const keys = new Map<string, KeyObject>();
  for (const jwk of list as Jwk[]) {
    if (typeof jwk?.kid !== 'string' || !jwk.kid) {
      log('JWKS: a key without "kid" is ignored');
      continue;
    }
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || (jwk.use !== undefined && jwk.use !== 'sig') || (jwk.alg !== undefined && jwk.alg !== 'ES256')) {
      log(`JWKS: key ${jwk.kid} is not an ES256 signing key and is ignored`);
      continue;
    }
    try {
      // Only the public members: a private "d" in a published set must not turn into a private key here.
      keys.set(jwk.kid, createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' }));
    } catch (err) {
      log(`JWKS: key ${jwk.kid} is malformed: ${(err as Error).message}`);
    }
  }
  return keys;
}
