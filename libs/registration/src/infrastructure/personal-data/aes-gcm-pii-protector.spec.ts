import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registrationConfig, piiKeyProblems } from '../../registration.config';
import { AesGcmPiiProtector, piiKeyRingOf } from './aes-gcm-pii-protector';

const ID = '110108198001011237';
const b64 = (key: Buffer) => key.toString('base64');

/** A ciphertext exactly as the protector wrote it before key ids (v1, the key's sha256 fingerprint, fixed AAD). */
function legacyCiphertext(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from('sop.registration.pii.v1'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const fingerprint = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return ['v1', fingerprint, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

describe('AES-256-GCM personal-data protection', () => {
  const pii = new AesGcmPiiProtector(randomBytes(32));

  it('round-trips, uses a fresh IV each time and never contains the plaintext', () => {
    const a = pii.encrypt(ID);
    const b = pii.encrypt(ID);
    expect(a).not.toBe(b);
    expect(a).not.toContain(ID);
    expect(pii.decrypt(a)).toBe(ID);
  });

  it('detects tampering and a different key', () => {
    const c = pii.encrypt(ID).split('.');
    const last = c[4];
    c[4] = (last[0] === 'A' ? 'B' : 'A') + last.slice(1);
    expect(() => pii.decrypt(c.join('.'))).toThrow();
    expect(() => new AesGcmPiiProtector(randomBytes(32)).decrypt(pii.encrypt('x'))).toThrow(/key/);
  });

  it('gives a stable keyed blind index', () => {
    expect(pii.blindIndex(ID)).toBe(pii.blindIndex(ID));
    expect(pii.blindIndex(ID)).not.toBe(new AesGcmPiiProtector(randomBytes(32)).blindIndex(ID));
  });

  it('creates a dev key once under DATA_DIR when no key is configured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pii-'));
    try {
      const first = piiKeyRingOf({ DATA_DIR: dir });
      expect(first.devKey).toBe(true);
      expect(first.ring.legacy).toHaveLength(32);
      expect(piiKeyRingOf({ DATA_DIR: dir }).ring.legacy?.equals(first.ring.legacy as Buffer)).toBe(true);
      expect(readFileSync(join(dir, 'dev-keys', 'registration-pii.key'), 'utf8').trim()).toBe(b64(first.ring.legacy as Buffer));
      expect(() => new AesGcmPiiProtector(Buffer.alloc(16))).toThrow(/32 bytes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('personal-data key rotation', () => {
  const legacy = randomBytes(32);
  const k2026 = randomBytes(32);
  const k2027 = randomBytes(32);
  const ringOf = (keys: string, current?: string, legacyKey?: Buffer) =>
    new AesGcmPiiProtector(piiKeyRingOf({ REGISTRATION_PII_KEYS: keys, REGISTRATION_PII_CURRENT_KEY: current, REGISTRATION_PII_KEY: legacyKey && b64(legacyKey), DATA_DIR: '/nonexistent' }).ring);

  it('encrypts with the current key, its kid in the ciphertext; old kids and legacy ciphertexts still decrypt', () => {
    const before = ringOf(`k2026:${b64(k2026)}`, undefined, legacy);
    const oldKid = before.encrypt(ID);
    expect(oldKid.startsWith('v2.k2026.')).toBe(true);
    const legacyCt = legacyCiphertext(legacy, ID);

    const after = ringOf(`k2026:${b64(k2026)},k2027:${b64(k2027)}`, 'k2027', legacy);
    const fresh = after.encrypt(ID);
    expect(fresh.startsWith('v2.k2027.')).toBe(true);
    expect(after.currentKeyId).toBe('k2027');
    expect(after.decrypt(fresh)).toBe(ID);
    expect(after.decrypt(oldKid)).toBe(ID);
    expect(after.decrypt(legacyCt)).toBe(ID);
    // The key that is gone no longer decrypts; the one that has not arrived yet does not either.
    expect(() => ringOf(`k2027:${b64(k2027)}`).decrypt(oldKid)).toThrow(/k2026, which is not configured/);
    expect(() => before.decrypt(fresh)).toThrow(/k2027/);
  });

  it('only the legacy key: the format before key ids, readable by the old code path', () => {
    const only = new AesGcmPiiProtector(piiKeyRingOf({ REGISTRATION_PII_KEY: b64(legacy), DATA_DIR: '/nonexistent' }).ring);
    expect(only.encrypt(ID).startsWith('v1.')).toBe(true);
    expect(only.decrypt(legacyCiphertext(legacy, ID))).toBe(ID);
  });

  it('the kid is authenticated: a ciphertext relabelled to another kid does not decrypt', () => {
    const sameKeyTwoKids = ringOf(`a:${b64(k2026)},b:${b64(k2026)}`, 'a');
    const relabelled = sameKeyTwoKids.encrypt(ID).replace(/^v2\.a\./, 'v2.b.');
    expect(() => sameKeyTwoKids.decrypt(relabelled)).toThrow();
  });

  it('keeps the blind index across rotations (legacy key, else the first listed)', () => {
    expect(ringOf(`k2026:${b64(k2026)},k2027:${b64(k2027)}`, 'k2027', legacy).blindIndex(ID)).toBe(new AesGcmPiiProtector(legacy).blindIndex(ID));
    expect(ringOf(`k2026:${b64(k2026)},k2027:${b64(k2027)}`, 'k2027').blindIndex(ID)).toBe(ringOf(`k2026:${b64(k2026)}`).blindIndex(ID));
  });

  it('the last listed key is current by default; a file of keys (a container secret) works like the variable', () => {
    expect(ringOf(`k2026:${b64(k2026)},k2027:${b64(k2027)}`).currentKeyId).toBe('k2027');
    const dir = mkdtempSync(join(tmpdir(), 'pii-keys-'));
    try {
      const file = join(dir, 'keys');
      writeFileSync(file, `k2026:${b64(k2026)}\nk2027:${b64(k2027)}\n`);
      const fromFile = new AesGcmPiiProtector(piiKeyRingOf({ REGISTRATION_PII_KEYS_FILE: file, REGISTRATION_PII_CURRENT_KEY: 'k2026', DATA_DIR: dir }).ring);
      expect(fromFile.currentKeyId).toBe('k2026');
      expect(ringOf(`k2027:${b64(k2027)},k2026:${b64(k2026)}`).decrypt(fromFile.encrypt(ID))).toBe(ID);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a current key that is not listed, a duplicate kid, a short key', () => {
    expect(() => ringOf(`k2026:${b64(k2026)}`, 'k2030')).toThrow(/"k2030" is not among the configured keys/);
    expect(() => ringOf(`a:${b64(k2026)},a:${b64(k2027)}`)).toThrow(/listed twice/);
    expect(() => ringOf(`a:${b64(randomBytes(16))}`)).toThrow(/32 bytes/);
  });
});

describe('personal-data keys at start-up', () => {
  const key = b64(randomBytes(32));

  it.each([
    ['distributed mode', { KAFKA_BROKERS: 'kafka:9092' }],
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
  ])('in %s, refuses to start without a key, naming the variables', (_, mode) => {
    const problems = registrationConfig.problems(mode);
    expect(problems).toHaveLength(1);
    for (const variable of ['REGISTRATION_PII_KEYS', 'REGISTRATION_PII_KEYS_FILE', 'REGISTRATION_PII_KEY', 'AUTH_ALLOW_DEV_KEYS']) expect(problems[0]).toContain(variable);
    expect(() => registrationConfig.load(mode)).toThrow(/REGISTRATION_PII_KEYS \(kid:base64,...\)/);
  });

  it('starts with a key, or with AUTH_ALLOW_DEV_KEYS=true, or embedded', () => {
    expect(registrationConfig.problems({ KAFKA_BROKERS: 'kafka:9092', REGISTRATION_PII_KEYS: `k1:${key}` })).toEqual([]);
    expect(registrationConfig.problems({ KAFKA_BROKERS: 'kafka:9092', REGISTRATION_PII_KEY: key })).toEqual([]);
    expect(registrationConfig.problems({ KAFKA_BROKERS: 'kafka:9092', AUTH_ALLOW_DEV_KEYS: 'true' })).toEqual([]);
    expect(registrationConfig.problems({})).toEqual([]);
  });

  it('names what is wrong with a key list', () => {
    expect(registrationConfig.problems({ REGISTRATION_PII_KEYS: 'k1:short' })[0]).toMatch(/^REGISTRATION_PII_KEYS: REGISTRATION_PII_KEYS must list kid:base64/);
    expect(piiKeyProblems({ REGISTRATION_PII_KEYS: `k1:${key}`, REGISTRATION_PII_CURRENT_KEY: 'k2' })).toEqual([expect.stringMatching(/"k2" is not among the configured keys/)]);
    expect(piiKeyProblems({ REGISTRATION_PII_KEYS_FILE: '/nonexistent/keys' })).toEqual(['REGISTRATION_PII_KEYS_FILE must name a readable file']);
    expect(piiKeyProblems({ REGISTRATION_PII_CURRENT_KEY: 'k2' })).toEqual([expect.stringMatching(/REGISTRATION_PII_KEYS is not set/)]);
  });
});
