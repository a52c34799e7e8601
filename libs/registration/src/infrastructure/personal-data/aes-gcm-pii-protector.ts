import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PiiProtector } from '../../application/personal-data/personal-data.ports';

const AAD_V1 = Buffer.from('sop.registration.pii.v1');
const aadV2 = (kid: string) => Buffer.from(`sop.registration.pii.v2.${kid}`);

/** A key id in REGISTRATION_PII_KEYS: letters, digits, `_` and `-` (it is written into every ciphertext). */
export const PII_KID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The keys for ID numbers at rest. `keys` are the named keys of REGISTRATION_PII_KEYS; `current` names the one that
 * encrypts. `legacy` is REGISTRATION_PII_KEY (before key ids): it still decrypts what it encrypted, and encrypts
 * only when no named key is configured.
 */
export interface PiiKeyRing {
  keys: { kid: string; key: Buffer }[];
  current?: string;
  legacy?: Buffer;
}

const fingerprint = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/**
 * AES-256-GCM for ID numbers at rest, a fresh 96-bit IV per value.
 *  - `v2.<kid>.<iv>.<tag>.<ciphertext>` (base64url): under the named key `kid` (the key id is authenticated too);
 *  - `v1.<fingerprint>.<iv>.<tag>.<ciphertext>`: the format before key ids, under the legacy key (or any configured
 *    key whose fingerprint matches), still read so rotation needs no rewrite of existing rows.
 * Rotation: add the new key to REGISTRATION_PII_KEYS and name it current; the old ones keep decrypting.
 *
 * The blind index is HMAC-SHA256 under a key derived from one master key — the legacy key if there is one, else the
 * first named key — so equal ID numbers match across rotations (one legal representative per social group,
 * 社团条例 Art. 12) without decrypting. That key must stay configured while indexed rows exist.
 */
export class AesGcmPiiProtector extends PiiProtector {
  private readonly byKid = new Map<string, Buffer>();
  private readonly byFingerprint = new Map<string, Buffer>();
  private readonly current: { format: 'v1'; id: string; key: Buffer } | { format: 'v2'; id: string; key: Buffer };
  private readonly indexKey: Buffer;

  constructor(keyOrRing: Buffer | PiiKeyRing) {
    super();
    const ring: PiiKeyRing = Buffer.isBuffer(keyOrRing) ? { keys: [], legacy: keyOrRing } : keyOrRing;
    for (const { kid, key } of ring.keys) {
      if (!PII_KID_PATTERN.test(kid)) throw new Error(`personal-data key id "${kid}" must be 1-32 letters, digits, _ or -`);
      if (this.byKid.has(kid)) throw new Error(`personal-data key id "${kid}" is listed twice`);
      this.byKid.set(kid, checked(key, `key ${kid}`));
      this.byFingerprint.set(fingerprint(key), key);
    }
    if (ring.legacy) this.byFingerprint.set(fingerprint(checked(ring.legacy, 'REGISTRATION_PII_KEY')), ring.legacy);
    if (ring.keys.length) {
      const kid = ring.current ?? ring.keys[ring.keys.length - 1].kid;
      const key = this.byKid.get(kid);
      if (!key) throw new Error(`the current personal-data key "${kid}" is not among the configured keys (${[...this.byKid.keys()].join(', ')})`);
      this.current = { format: 'v2', id: kid, key };
    } else if (ring.legacy) {
      this.current = { format: 'v1', id: fingerprint(ring.legacy), key: ring.legacy };
    } else {
      throw new Error('no personal-data key configured');
    }
    const master = ring.legacy ?? ring.keys[0].key;
    this.indexKey = createHmac('sha256', master).update('sop.registration.pii.blind-index.v1').digest();
  }

  /** The id written into new ciphertexts (a key id, or the legacy key's fingerprint). */
  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string): string {
    const { format, id, key } = this.current;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(format === 'v2' ? aadV2(id) : AAD_V1);
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [format, id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(ciphertext: string): string {
    const [v, id, iv, tag, ct] = ciphertext.split('.');
    if ((v !== 'v1' && v !== 'v2') || ct === undefined) throw new Error('unknown personal-data ciphertext format');
    const key = v === 'v2' ? this.byKid.get(id) : this.byFingerprint.get(id);
    if (!key) throw new Error(`personal data encrypted under key ${id}, which is not configured (current key is ${this.current.id})`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(v === 'v2' ? aadV2(id) : AAD_V1);
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  blindIndex(plaintext: string): string {
    return createHmac('sha256', this.indexKey).update(plaintext, 'utf8').digest('hex');
  }
}

function checked(key: Buffer, what: string): Buffer {
  if (key.length !== 32) throw new Error(`personal-data ${what} must be 32 bytes (base64), got ${key.length}`);
  return key;
}

/** The personal-data key settings (RegistrationEnv). */
export interface PiiKeySettings {
  REGISTRATION_PII_KEY?: string;
  REGISTRATION_PII_KEYS?: string;
  REGISTRATION_PII_KEYS_FILE?: string;
  REGISTRATION_PII_CURRENT_KEY?: string;
  DATA_DIR: string;
}

/** `kid1:base64,kid2:base64` (commas or new lines between entries) into named keys. */
export function parsePiiKeys(text: string): { kid: string; key: Buffer }[] {
  return text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      if (at < 0) throw new Error('REGISTRATION_PII_KEYS entries are kid:base64');
      return { kid: entry.slice(0, at).trim(), key: Buffer.from(entry.slice(at + 1).trim(), 'base64') };
    });
}

/**
 * The key ring from REGISTRATION_PII_KEYS (or the file REGISTRATION_PII_KEYS_FILE, e.g. a container secret),
 * REGISTRATION_PII_CURRENT_KEY (default: the last listed) and REGISTRATION_PII_KEY (legacy). Without any of them a
 * development key is created once under DATA_DIR/dev-keys/registration-pii.key — only where the configuration check
 * allows it (registration.config.ts: never in distributed mode or production without AUTH_ALLOW_DEV_KEYS=true).
 */
export function piiKeyRingOf(settings: PiiKeySettings): { ring: PiiKeyRing; devKey: boolean } {
  const listed = settings.REGISTRATION_PII_KEYS ?? (settings.REGISTRATION_PII_KEYS_FILE ? readFileSync(settings.REGISTRATION_PII_KEYS_FILE, 'utf8') : '');
  const keys = parsePiiKeys(listed);
  const legacy = settings.REGISTRATION_PII_KEY ? Buffer.from(settings.REGISTRATION_PII_KEY, 'base64') : undefined;
  if (keys.length || legacy) return { ring: { keys, current: settings.REGISTRATION_PII_CURRENT_KEY, legacy }, devKey: false };
  const dir = join(settings.DATA_DIR, 'dev-keys');
  const file = join(dir, 'registration-pii.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
  }
  return { ring: { keys: [], legacy: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64') }, devKey: true };
}
