import { createHash } from 'node:crypto';
import { PurchasingErrors } from './purchasing.errors';

export const IDEMPOTENCY_KEY_MAX = 100;

/** A usable `Idempotency-Key` header value: 1–100 visible ASCII characters; absent/empty means "no key". */
export function idempotencyKeyOf(raw: string | string[] | undefined): string | null {
  if (raw === undefined) return null;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return null;
  if (Array.isArray(raw) && raw.length > 1)
    throw new PurchasingErrors.IDEMPOTENCY_KEY_INVALID('send a single Idempotency-Key header', { field: 'Idempotency-Key', rule: 'one Idempotency-Key header' });
  if (value.length > IDEMPOTENCY_KEY_MAX || !/^[\x21-\x7e]+$/.test(value))
    throw new PurchasingErrors.IDEMPOTENCY_KEY_INVALID(`Idempotency-Key must be 1–${IDEMPOTENCY_KEY_MAX} visible ASCII characters`, {
      field: 'Idempotency-Key',
      rule: `1–${IDEMPOTENCY_KEY_MAX} visible ASCII characters`,
    });
  return value;
}

/** Canonical JSON: object keys sorted, undefined members dropped (so key order and omitted optionals don't matter). */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** SHA-256 (hex) of the canonical request body: "the same body" for an idempotent retry. */
export function requestHash(body: object): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

/** A stored key seen again: the same body replays the original; a different one is a conflict. */
export function assertSameRequest(storedHash: string | null, hash: string, key: string): void {
  if (storedHash !== hash)
    throw new PurchasingErrors.IDEMPOTENCY_KEY_REUSED(`Idempotency-Key ${key} was already used with a different request body`, {
      field: 'Idempotency-Key',
      rule: 'an Idempotency-Key names one request body',
    });
}
