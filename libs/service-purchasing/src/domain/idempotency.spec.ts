import { assertSameRequest, idempotencyKeyOf, requestHash } from './idempotency';

describe('idempotency', () => {
  it('accepts 1–100 visible ASCII characters; absent or empty means no key', () => {
    expect(idempotencyKeyOf(undefined)).toBeNull();
    expect(idempotencyKeyOf('')).toBeNull();
    expect(idempotencyKeyOf('k-1:2026/03')).toBe('k-1:2026/03');
    expect(idempotencyKeyOf('x'.repeat(100))).toHaveLength(100);
    for (const bad of ['x'.repeat(101), 'a b', '合同', 'a\tb'])
      expect(() => idempotencyKeyOf(bad)).toThrow(expect.objectContaining({ code: 'PURCHASING.IDEMPOTENCY_KEY_INVALID', kind: 'INVALID' }));
    expect(() => idempotencyKeyOf(['a', 'b'])).toThrow(expect.objectContaining({ code: 'PURCHASING.IDEMPOTENCY_KEY_INVALID' }));
  });

  it('hashes the canonical body: key order and undefined members do not matter, values do', () => {
    const a = requestHash({ b: 1, a: { y: true, x: 'v' }, c: undefined });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash({ a: { x: 'v', y: true }, b: 1 })).toBe(a);
    expect(requestHash({ a: { x: 'v', y: true }, b: 2 })).not.toBe(a);
    expect(requestHash({ a: { x: 'v', y: true }, b: 1, c: null })).not.toBe(a);
  });

  it('the same body replays; a different one is a conflict', () => {
    expect(() => assertSameRequest('h1', 'h1', 'k')).not.toThrow();
    expect(() => assertSameRequest('h1', 'h2', 'k')).toThrow(expect.objectContaining({ code: 'PURCHASING.IDEMPOTENCY_KEY_REUSED', kind: 'CONFLICT' }));
    expect(() => assertSameRequest(null, 'h2', 'k')).toThrow(expect.objectContaining({ code: 'PURCHASING.IDEMPOTENCY_KEY_REUSED' }));
  });
});
