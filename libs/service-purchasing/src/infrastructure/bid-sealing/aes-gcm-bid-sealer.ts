import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BidSealer } from '../../application/procurements/bid-sealer.port';
import type { BidContent } from '../../domain/procurement/sealed-bid';

const FORMAT = 'sb1';

/**
 * AES-256-GCM sealing of bid content with a key per procurement: HKDF-SHA-256(master, salt = procurement id, info =
 * `sop.purchasing.bid.v1`). Each seal has a random 96-bit IV; the additional data binds the ciphertext to the
 * procurement and bidder, so a row copied to another bid does not open. Stored as `sb1.<iv>.<tag>.<ciphertext>` (base64).
 */
export class AesGcmBidSealer extends BidSealer {
  constructor(private readonly master: Buffer) {
    super();
    if (master.length !== 32) throw new Error(`the bid master key must be 32 bytes, got ${master.length}`);
  }

  private keyFor(procurementId: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.master, Buffer.from(procurementId), Buffer.from('sop.purchasing.bid.v1'), 32));
  }

  private static aad(procurementId: string, bidderUscc: string): Buffer {
    return Buffer.from(`${FORMAT}|${procurementId}|${bidderUscc}`);
  }

  seal(procurementId: string, bidderUscc: string, content: BidContent): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(procurementId), iv);
    cipher.setAAD(AesGcmBidSealer.aad(procurementId, bidderUscc));
    const ct = Buffer.concat([cipher.update(JSON.stringify(content), 'utf8'), cipher.final()]);
    return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join('.');
  }

  open(procurementId: string, bidderUscc: string, sealed: string): BidContent {
    const [format, iv, tag, ct] = sealed.split('.');
    if (format !== FORMAT || !iv || !tag || ct === undefined) throw new Error('not a sealed bid');
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(procurementId), Buffer.from(iv, 'base64'));
    decipher.setAAD(AesGcmBidSealer.aad(procurementId, bidderUscc));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8')) as BidContent;
  }
}

/**
 * The master key from PURCHASING_BID_KEY or PURCHASING_BID_KEY_FILE; without either (only where the configuration
 * check allows it: embedded mode, or AUTH_ALLOW_DEV_KEYS=true) a development key created once under
 * DATA_DIR/dev-keys/purchasing-bid.key.
 */
export function bidMasterKeyOf(settings: { PURCHASING_BID_KEY?: string; PURCHASING_BID_KEY_FILE?: string; DATA_DIR: string }): { key: Buffer; devKey: boolean } {
  const text = settings.PURCHASING_BID_KEY ?? (settings.PURCHASING_BID_KEY_FILE ? readFileSync(settings.PURCHASING_BID_KEY_FILE, 'utf8').trim() : '');
  if (text) return { key: Buffer.from(text, 'base64'), devKey: false };
  const dir = join(settings.DATA_DIR, 'dev-keys');
  const file = join(dir, 'purchasing-bid.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
  }
  return { key: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), devKey: true };
}
