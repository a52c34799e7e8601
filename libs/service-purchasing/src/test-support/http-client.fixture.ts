import { generateKeyPairSync } from 'node:crypto';
import { signAccessToken, type Role } from '@sop/auth';

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The token verification settings of the HTTP integration tests' app (createHttpApp's auth argument). */
export const TEST_AUTH = { publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: 'int-issuer', audience: 'social-org-platform' };

/** A signed access token for the tests' app: claim unit_id / org_uscc when given. */
export function tokenOf(subject: string, roles: Role[], jurisdiction: string, claims: { unitId?: string; organizationUscc?: string } = {}): string {
  return signAccessToken({ subject, roles, jurisdiction, ...claims }, privateKeyPem, TEST_AUTH.issuer, TEST_AUTH.audience);
}

/** A JSON call to the app at `base()`: status, parsed body (or null) and headers; no token when `bearer` is null. */
export function httpCaller(base: () => string) {
  return async (method: string, path: string, bearer: string | null, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  };
}
