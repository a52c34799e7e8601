import { defineErrors } from '@sop/util';

/** Who is calling, and may they: the platform's access rules, the same in every service. */
export const AuthErrors = defineErrors('AUTH', {
  TOKEN_REQUIRED: { kind: 'UNAUTHENTICATED', meaning: 'The endpoint needs a bearer token: send Authorization: Bearer <token>.' },
  INVALID_TOKEN: { kind: 'UNAUTHENTICATED', meaning: 'The bearer token was rejected (signature, algorithm, issuer, audience, expiry or subject); obtain a new one.' },
  NO_ROLE: { kind: 'FORBIDDEN', meaning: 'The token carries no platform role.' },
  NO_JURISDICTION: { kind: 'FORBIDDEN', meaning: 'The token carries no 6-digit jurisdiction (administrative-division code) claim.' },
  NO_ROLE_DECLARED: { kind: 'FORBIDDEN', meaning: 'The endpoint declares no role and is closed to everyone (fail closed).' },
  ROLE_REQUIRED: { kind: 'FORBIDDEN', meaning: 'None of the token’s roles may call this endpoint; the detail lists the roles that may.' },
  OUT_OF_JURISDICTION: { kind: 'FORBIDDEN', meaning: 'The object belongs to an administrative division outside the caller’s jurisdiction.' },
});
