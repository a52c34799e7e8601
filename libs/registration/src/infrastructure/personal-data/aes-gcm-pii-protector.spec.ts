import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AesGcmPiiProtector, piiKeyOf } from './aes-gcm-pii-protector';

describe('AES-256-GCM personal-data protection', () => {
  const pii = new AesGcmPiiProtector(randomBytes(32));

  it('round-trips, uses a fresh IV each time and never contains the plaintext', () => {
    const a = pii.encrypt('110108198001011237');
    const b = pii.encrypt('110108198001011237');
    expect(a).not.toBe(b);
    expect(a).not.toContain('110108198001011237');
    expect(pii.decrypt(a)).toBe('110108198001011237');
  });

  it('detects tampering and a different key', () => {
    const c = pii.encrypt('110108198001011237').split('.');
    const last = c[4];
    c[4] = (last[0] === 'A' ? 'B' : 'A') + last.slice(1);
    expect(() => pii.decrypt(c.join('.'))).toThrow();
    expect(() => new AesGcmPiiProtector(randomBytes(32)).decrypt(pii.encrypt('x'))).toThrow(/key/);
  });

  it('gives a stable keyed blind index', () => {
    expect(pii.blindIndex('110108198001011237')).toBe(pii.blindIndex('110108198001011237'));
    expect(pii.blindIndex('110108198001011237')).not.toBe(new AesGcmPiiProtector(randomBytes(32)).blindIndex('110108198001011237'));
  });

  it('takes REGISTRATION_PII_KEY, else creates a dev key once under DATA_DIR', () => {
    const key = randomBytes(32);
    expect(piiKeyOf(key.toString('base64'), './unused')).toEqual({ key, devKey: false });
    const dir = mkdtempSync(join(tmpdir(), 'pii-'));
    const first = piiKeyOf(undefined, dir);
    expect(first.devKey).toBe(true);
    expect(first.key).toHaveLength(32);
    expect(piiKeyOf(undefined, dir).key.equals(first.key)).toBe(true);
    expect(readFileSync(join(dir, 'dev-keys', 'registration-pii.key'), 'utf8').trim()).toBe(first.key.toString('base64'));
    expect(() => new AesGcmPiiProtector(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
