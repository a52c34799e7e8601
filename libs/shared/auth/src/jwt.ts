import { createPublicKey, type KeyObject } from 'node:crypto';
import { Logger } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { isDivisionCode, isValidUscc } from '@sop/util';
import { AuthErrors } from './auth.errors';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, JWT_ALGORITHM, MAX_SUBJECT_LENGTH, type AuthConfig } from './auth-config';
import { JwksKeyStore } from './jwks';
import { ROLES, type Principal, type Role } from './roles';

interface PlatformClaims {
  sub?: unknown;
  exp?: unknown;
  iat?: unknown;
  roles?: unknown;
  jurisdiction?: unknown;
  org_uscc?: unknown;
  unit_id?: unknown;
}

/** What a 401 for a bad token says: nothing more (the reason goes to the log, never to the caller). */
export const INVALID_TOKEN_DETAIL = 'invalid token';

const CLOCK_TOLERANCE_SECONDS = 30;

/** A token refused for `reason` (logged, not shown). */
class Rejected extends Error {}

/**
 * Verifies bearer tokens: ES256 only, the key (the configured one, or the JWKS key the header's `kid` names),
 * issuer, one of the accepted audiences, `exp` present and in the future, `exp − iat` within the maximum lifetime,
 * a `sub` of 1..100 characters; then the platform claims (roles, jurisdiction). Every refusal of the token itself
 * is AUTH.INVALID_TOKEN with the detail "invalid token"; the reason is logged at debug level.
 */
export class TokenVerifier {
  private readonly jwks?: JwksKeyStore;
  private readonly log: (message: string) => void;
  /** The configured PEM parsed once: jsonwebtoken would parse it again on every request (createPublicKey, ~7 % of a request's CPU). */
  private configuredKey?: KeyObject;

  constructor(
    private readonly config: AuthConfig,
    options: { log?: (message: string) => void; jwks?: JwksKeyStore } = {},
  ) {
    const logger = new Logger('Auth');
    this.log = options.log ?? ((m) => logger.debug(m));
    if (config.jwks) this.jwks = options.jwks ?? new JwksKeyStore(config.jwks, (m) => logger.warn(m));
  }

  async verify(token: string): Promise<Principal> {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit && now < hit.validUntil) return { ...hit.principal, roles: [...hit.principal.roles] };
    let claims: PlatformClaims;
    try {
      claims = this.checkToken(token, await this.keyOf(token));
    } catch (err) {
      this.log(`bearer token rejected: ${err instanceof Error ? err.message : String(err)}`);
      throw new AuthErrors.INVALID_TOKEN(INVALID_TOKEN_DETAIL);
    }
    const principal = principalOf(claims);
    this.remember(token, principal, (claims.exp as number) * 1000, now);
    return principal;
  }

  /**
   * A token verified in the last minute (and not expired) is not verified again: the ES256 signature check was ~5 % of
   * a request's CPU (issue 14). The whole token string is the key, so nothing unsigned can hit; the minute bounds how
   * long a key withdrawn from the JWKS still admits the tokens it signed. At most MAX_VERIFIED entries, oldest out.
   */
  private readonly verified = new Map<string, { principal: Principal; validUntil: number }>();
  private static readonly MAX_VERIFIED = 10_000;
  private static readonly VERIFIED_FOR_MS = 60_000;

  private remember(token: string, principal: Principal, expiresAtMs: number, now: number): void {
    if (this.verified.size >= TokenVerifier.MAX_VERIFIED) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal: { ...principal, roles: [...principal.roles] }, validUntil: Math.min(expiresAtMs, now + TokenVerifier.VERIFIED_FOR_MS) });
  }

  private async keyOf(token: string): Promise<KeyObject | string> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded === 'string') throw new Rejected('not a JWS compact token');
    if (decoded.header.alg !== JWT_ALGORITHM) throw new Rejected(`algorithm ${String(decoded.header.alg)} is not ${JWT_ALGORITHM}`);
    if (!this.jwks) {
      if (!this.config.publicKeyPem) throw new Rejected('no verification key configured');
      this.configuredKey ??= createPublicKey(this.config.publicKeyPem);
      return this.configuredKey;
    }
    const kid = decoded.header.kid;
    if (typeof kid !== 'string' || !kid) throw new Rejected('no kid in the header (required with a JWKS)');
    const key = await this.jwks.keyFor(kid);
    if (!key) throw new Rejected(`unknown kid ${kid.slice(0, 64)}`);
    return key;
  }

  private checkToken(token: string, key: KeyObject | string): PlatformClaims {
    const audience = Array.isArray(this.config.audience) ? this.config.audience : [this.config.audience];
    if (audience.length === 0) throw new Rejected('this host accepts no audience');
    const claims = jwt.verify(token, key, {
      algorithms: [JWT_ALGORITHM],
      issuer: this.config.issuer,
      audience: audience as [string, ...string[]],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }) as PlatformClaims;
    if (typeof claims.exp !== 'number') throw new Rejected('no exp claim');
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = typeof claims.iat === 'number' ? claims.iat : now;
    if (issuedAt > now + CLOCK_TOLERANCE_SECONDS) throw new Rejected('iat in the future');
    const max = this.config.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    if (claims.exp - issuedAt > max) throw new Rejected(`lifetime ${claims.exp - issuedAt} s exceeds ${max} s`);
    if (typeof claims.sub !== 'string' || !claims.sub) throw new Rejected('no subject');
    if (claims.sub.length > MAX_SUBJECT_LENGTH) throw new Rejected(`subject longer than ${MAX_SUBJECT_LENGTH} characters`);
    return claims;
  }
}

function principalOf(claims: PlatformClaims): Principal {
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) : [];
  if (roles.length === 0) throw new AuthErrors.NO_ROLE('token carries no platform role');
  if (!isDivisionCode(claims.jurisdiction)) {
    throw new AuthErrors.NO_JURISDICTION('token carries no 6-digit jurisdiction (division code) claim');
  }
  const principal: Principal = { subject: claims.sub as string, roles, jurisdiction: claims.jurisdiction };
  if (typeof claims.org_uscc === 'string' && isValidUscc(claims.org_uscc)) principal.organizationUscc = claims.org_uscc;
  if (typeof claims.unit_id === 'string') principal.unitId = claims.unit_id;
  return principal;
}

/** One-off verification (a verifier per call: keep a TokenVerifier where tokens arrive repeatedly, as the guard does). */
export function verifyAccessToken(token: string, config: AuthConfig): Promise<Principal> {
  return new TokenVerifier(config).verify(token);
}

export interface TokenRequest {
  subject: string;
  roles: Role[];
  jurisdiction: string;
  organizationUscc?: string;
  unitId?: string;
  ttlSeconds?: number;
  /** The `kid` header (the key's id in the identity provider's JWKS). */
  keyId?: string;
}

/** Signs a token with a private key (dev-token command and tests; production tokens come from the IdP). */
export function signAccessToken(req: TokenRequest, privateKeyPem: string, issuer: string, audience: string | string[]): string {
  const payload: Record<string, unknown> = { roles: req.roles, jurisdiction: req.jurisdiction };
  if (req.organizationUscc) payload['org_uscc'] = req.organizationUscc;
  if (req.unitId) payload['unit_id'] = req.unitId;
  return jwt.sign(payload, privateKeyPem, {
    algorithm: JWT_ALGORITHM,
    subject: req.subject,
    issuer,
    audience,
    expiresIn: req.ttlSeconds ?? 3600,
    ...(req.keyId ? { keyid: req.keyId } : {}),
  });
}
