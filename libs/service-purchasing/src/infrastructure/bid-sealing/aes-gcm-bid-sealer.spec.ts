import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bidKeyProblems } from '../../service-purchasing.config';
import { AesGcmBidSealer, bidMasterKeyOf } from './aes-gcm-bid-sealer';

const content = { priceFen: 11_500_000, technicalProposal: '服务方案：每周上门三次', declarations: ['近三年无重大违法记录'] };

describe('AES-256-GCM bid sealing', () => {
  const sealer = new AesGcmBidSealer(randomBytes(32));

  it('round-trips, never shows the content in the ciphertext, and differs at every seal', () => {
    const a = sealer.seal('p1', 'U1', content);
    const b = sealer.seal('p1', 'U1', content);
    expect(a).not.toEqual(b);
    expect(a).toMatch(/^sb1\./);
    expect(a).not.toContain('11500000');
    expect(Buffer.from(a.split('.')[3], 'base64').toString('utf8')).not.toContain('服务方案');
    expect(sealer.open('p1', 'U1', a)).toEqual(content);
  });

  it('a ciphertext opens only under its procurement, its bidder and the same master key', () => {
    const sealed = sealer.seal('p1', 'U1', content);
    expect(() => sealer.open('p2', 'U1', sealed)).toThrow();
    expect(() => sealer.open('p1', 'U2', sealed)).toThrow();
    expect(() => new AesGcmBidSealer(randomBytes(32)).open('p1', 'U1', sealed)).toThrow();
    const [f, iv, tag, ct] = sealed.split('.');
    const flipped = Buffer.from(ct, 'base64');
    flipped[0] ^= 1;
    expect(() => sealer.open('p1', 'U1', [f, iv, tag, flipped.toString('base64')].join('.'))).toThrow();
  });

  it('the key: PURCHASING_BID_KEY, else a development key kept under DATA_DIR', () => {
    const key = randomBytes(32).toString('base64');
    expect(bidMasterKeyOf({ PURCHASING_BID_KEY: key, DATA_DIR: '/nonexistent' })).toEqual({ key: Buffer.from(key, 'base64'), devKey: false });
    const dir = mkdtempSync(join(tmpdir(), 'bid-key-'));
    const dev = bidMasterKeyOf({ DATA_DIR: dir });
    expect(dev.devKey).toBe(true);
    expect(readFileSync(join(dir, 'dev-keys', 'purchasing-bid.key'), 'utf8').trim()).toBe(dev.key.toString('base64'));
    expect(bidMasterKeyOf({ DATA_DIR: dir }).key).toEqual(dev.key);
  });

  it('distributed mode or production without a bid key refuses to start (unless AUTH_ALLOW_DEV_KEYS=true); embedded mode accepts the dev key', () => {
    expect(bidKeyProblems({})).toEqual([]);
    expect(bidKeyProblems({ KAFKA_BROKERS: 'k:9092' })).toEqual([expect.stringContaining('PURCHASING_BID_KEY')]);
    expect(bidKeyProblems({ NODE_ENV: 'production' })).toHaveLength(1);
    expect(bidKeyProblems({ KAFKA_BROKERS: 'k:9092', AUTH_ALLOW_DEV_KEYS: 'true' })).toEqual([]);
    expect(bidKeyProblems({ KAFKA_BROKERS: 'k:9092', PURCHASING_BID_KEY: randomBytes(32).toString('base64') })).toEqual([]);
    expect(bidKeyProblems({ KAFKA_BROKERS: 'k:9092', PURCHASING_BID_KEY_FILE: '/nonexistent/key' })).toEqual(['PURCHASING_BID_KEY_FILE must name a readable file']);
    const dir = mkdtempSync(join(tmpdir(), 'bid-key-file-'));
    const [good, bad] = [join(dir, 'good'), join(dir, 'bad')];
    writeFileSync(good, `${randomBytes(32).toString('base64')}\n`);
    writeFileSync(bad, randomBytes(16).toString('base64'));
    expect(bidKeyProblems({ KAFKA_BROKERS: 'k:9092', PURCHASING_BID_KEY_FILE: good })).toEqual([]);
    expect(bidKeyProblems({ KAFKA_BROKERS: 'k:9092', PURCHASING_BID_KEY_FILE: bad })).toEqual([expect.stringContaining('32 bytes')]);
  });
});
