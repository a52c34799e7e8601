import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PiiProtector } from '../../application/personal-data/personal-data.ports';

const AAD = Buffer.from('sop.registration.pii.v1');

/**
 * AES-256-GCM for ID numbers at rest: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url), a fresh 96-bit IV per
 * value. The blind index is HMAC-SHA256 under a key derived from the same master key, so equal ID numbers can
 * be matched (one legal representative per social group, 社团条例 Art. 12) without decrypting.
 */
export class AesGcmPiiProtector extends PiiProtector {
  private readonly keyId: string;
  private readonly indexKey: Buffer;

  constructor(private readonly key: Buffer) {
    super();
    if (key.length !== 32) throw new Error(`REGISTRATION_PII_KEY must be 32 bytes (base64), got ${key.length}`);
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
    this.indexKey = createHmac('sha256', key).update('sop.registration.pii.blind-index.v1').digest();
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(AAD);
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(ciphertext: string): string {
    const [v, keyId, iv, tag, ct] = ciphertext.split('.');
    if (v !== 'v1' || !ct) throw new Error('unknown personal-data ciphertext format');
    if (keyId !== this.keyId) throw new Error(`personal data encrypted under key ${keyId}, current key is ${this.keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  blindIndex(plaintext: string): string {
    return createHmac('sha256', this.indexKey).update(plaintext, 'utf8').digest('hex');
  }
}

/**
 * REGISTRATION_PII_KEY (base64 of 32 bytes); without it, a development key is created once under
 * DATA_DIR/dev-keys/registration-pii.key (like the auth dev keys) — never use that in production.
 */
export function piiKeyOf(configured: string | undefined, dataDir: string): { key: Buffer; devKey: boolean } {
  if (configured) return { key: Buffer.from(configured, 'base64'), devKey: false };
  const dir = join(dataDir, 'dev-keys');
  const file = join(dir, 'registration-pii.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
  }
  return { key: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), devKey: true };
}
