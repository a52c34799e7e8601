import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointKeyFromPem, checkpointKeyProblems, checkpointOptionsFromEnv, checkpointSignatureValid, generateCheckpointKey, kidOf, signCheckpoint } from './checkpoint-signing';

const pem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('checkpoint signing', () => {
  it('signs the checkpoint fields with Ed25519; any changed field or another key fails', () => {
    const key = generateCheckpointKey();
    const cp = signCheckpoint(key, { producer: 'evaluation', sequence: '1000', hash: 'a'.repeat(64), signedAt: '2026-12-01T00:00:00.000Z' });
    expect(cp).toMatchObject({ kid: key.kid, algorithm: 'Ed25519', signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) });
    expect(checkpointSignatureValid(cp, key.publicKeyPem)).toBe(true);
    expect(checkpointSignatureValid({ ...cp, sequence: '1001' }, key.publicKeyPem)).toBe(false);
    expect(checkpointSignatureValid({ ...cp, hash: 'b'.repeat(64) }, key.publicKeyPem)).toBe(false);
    expect(checkpointSignatureValid(cp, generateCheckpointKey().publicKeyPem)).toBe(false);
    expect(checkpointSignatureValid({ ...cp, signature: 'not base64 at all' }, key.publicKeyPem)).toBe(false);
  });

  it('derives a stable kid from the public key, or takes the configured one; refuses a key that is not Ed25519', () => {
    const privatePem = pem();
    const a = checkpointKeyFromPem(privatePem);
    expect(a.kid).toMatch(/^ed25519-[0-9a-f]{16}$/);
    expect(checkpointKeyFromPem(privatePem).kid).toBe(a.kid);
    expect(checkpointKeyFromPem(privatePem, 'evaluation-2026-12').kid).toBe('evaluation-2026-12');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => checkpointKeyFromPem(ec)).toThrow(/must be Ed25519, not ec/);
    expect(kidOf(generateKeyPairSync('ed25519').publicKey)).not.toBe(a.kid);
  });

  it('refuses to start in distributed mode (or production) without a key; generates one per process otherwise', () => {
    expect(checkpointKeyProblems({})).toEqual([]);
    expect(checkpointKeyProblems({ KAFKA_BROKERS: 'kafka:9092' })).toEqual([expect.stringMatching(/MESSAGING_CHECKPOINT_KEY or MESSAGING_CHECKPOINT_KEY_FILE .* must be set in distributed mode/)]);
    expect(checkpointKeyProblems({ NODE_ENV: 'production' })).toHaveLength(1);
    expect(() => checkpointOptionsFromEnv({ KAFKA_BROKERS: 'kafka:9092' })).toThrow(/must be set in distributed mode/);
    const embedded = checkpointOptionsFromEnv({});
    expect(embedded).toMatchObject({ everyEvents: 1000, everyMs: 300_000, pollMs: 5_000, key: { generated: true } });
    expect(checkpointOptionsFromEnv({}).key.kid).not.toBe(embedded.key.kid);
  });

  it('reads the key from MESSAGING_CHECKPOINT_KEY (PEM, \\n escapes allowed) or _FILE, with the intervals', () => {
    const privatePem = pem();
    const fromEnv = checkpointOptionsFromEnv({ KAFKA_BROKERS: 'k:9092', MESSAGING_CHECKPOINT_KEY: privatePem.replace(/\n/g, '\\n'), MESSAGING_CHECKPOINT_EVERY_EVENTS: '500', MESSAGING_CHECKPOINT_EVERY_MINUTES: '1' });
    expect(fromEnv).toMatchObject({ everyEvents: 500, everyMs: 60_000, key: { generated: false, kid: checkpointKeyFromPem(privatePem).kid } });
    const file = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'key.pem');
    writeFileSync(file, privatePem);
    expect(checkpointOptionsFromEnv({ KAFKA_BROKERS: 'k:9092', MESSAGING_CHECKPOINT_KEY_FILE: file }).key.kid).toBe(fromEnv.key.kid);
  });
});
