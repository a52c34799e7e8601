import jwt from 'jsonwebtoken';
import { isDivisionCode, isValidUscc } from '@sop/util';
import { AuthErrors } from './auth.errors';
import { JWT_ALGORITHM, type AuthConfig } from './auth-config';
import { ROLES, type Principal, type Role } from './roles';

interface PlatformClaims {
  sub?: string;
  roles?: unknown;
  jurisdiction?: unknown;
  org_uscc?: unknown;
  unit_id?: unknown;
}

/** Verifies a bearer token: signature (ES256 only), issuer, audience, expiry; then the platform claims. */
export function verifyAccessToken(token: string, config: AuthConfig): Principal {
  let claims: PlatformClaims;
  try {
    claims = jwt.verify(token, config.publicKeyPem, {
      algorithms: [JWT_ALGORITHM],
      issuer: config.issuer,
      audience: config.audience,
      clockTolerance: 30,
    }) as PlatformClaims;
  } catch (err) {
    throw new AuthErrors.INVALID_TOKEN(`bearer token rejected: ${err.message}`);
  }
  if (typeof claims.sub !== 'string' || !claims.sub) throw new AuthErrors.INVALID_TOKEN('token has no subject');
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) : [];
  if (roles.length === 0) throw new AuthErrors.NO_ROLE('token carries no platform role');
  if (!isDivisionCode(claims.jurisdiction)) {
    throw new AuthErrors.NO_JURISDICTION('token carries no 6-digit jurisdiction (division code) claim');
  }
  const principal: Principal = { subject: claims.sub, roles, jurisdiction: claims.jurisdiction };
  if (typeof claims.org_uscc === 'string' && isValidUscc(claims.org_uscc)) principal.organizationUscc = claims.org_uscc;
  if (typeof claims.unit_id === 'string') principal.unitId = claims.unit_id;
  return principal;
}

export interface TokenRequest {
  subject: string;
  roles: Role[];
  jurisdiction: string;
  organizationUscc?: string;
  unitId?: string;
  ttlSeconds?: number;
}

/** Signs a token with a private key (dev-token command and tests; production tokens come from the IdP). */
export function signAccessToken(req: TokenRequest, privateKeyPem: string, issuer: string, audience: string): string {
  const payload: Record<string, unknown> = { roles: req.roles, jurisdiction: req.jurisdiction };
  if (req.organizationUscc) payload['org_uscc'] = req.organizationUscc;
  if (req.unitId) payload['unit_id'] = req.unitId;
  return jwt.sign(payload, privateKeyPem, {
    algorithm: JWT_ALGORITHM,
    subject: req.subject,
    issuer,
    audience,
    expiresIn: req.ttlSeconds ?? 3600,
  });
}
