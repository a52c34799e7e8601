import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalJson } from '../envelope/cloud-event';

/** The fields of a checkpoint (audit contracts in libs/contracts), as signed and as published. */
export interface CheckpointFields {
  producer: string;
  sequence: string;
  hash: string;
  kid: string;
  algorithm: 'Ed25519';
  signedAt: string;
}
export interface SignedCheckpoint extends CheckpointFields {
  signature: string;
}

/** A producer's checkpoint signing key: Ed25519, named by `kid` (derived from the public key unless configured). */
export interface CheckpointKey {
  kid: string;
  privateKey: KeyObject;
  publicKeyPem: string;
  /** Generated for this process (embedded / development mode): no auditor can hold it beforehand. */
  generated: boolean;
}

/** A public key as an auditor receives it (GET /<service>/audit/keys, or the key-published event). */
export interface PublishedKey {
  kid: string;
  algorithm: 'Ed25519';
  publicKeyPem: string;
  validFrom: string;
  /** When the next key replaced it; absent while it is the current key. */
  validUntil?: string | null;
}

/** `ed25519-` and the first 16 hex digits of SHA-256 over the public key (SPKI DER): stable for a given key. */
export function kidOf(publicKey: KeyObject): string {
  return `ed25519-${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16)}`;
}

export function checkpointKeyFromPem(privateKeyPem: string, kid?: string): CheckpointKey {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the checkpoint signing key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  return { kid: kid || kidOf(publicKey), privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), generated: false };
}

export function generateCheckpointKey(): CheckpointKey {
  const pair = generateKeyPairSync('ed25519');
  return { kid: kidOf(pair.publicKey), privateKey: pair.privateKey, publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(), generated: true };
}

/** The bytes a checkpoint's signature covers: the canonical JSON (keys sorted) of every field but the signature. */
export function checkpointSigningInput(fields: CheckpointFields): Buffer {
  const { producer, sequence, hash, kid, algorithm, signedAt } = fields;
  return Buffer.from(canonicalJson({ producer, sequence, hash, kid, algorithm, signedAt }), 'utf8');
}

export function signCheckpoint(key: CheckpointKey, fields: Omit<CheckpointFields, 'kid' | 'algorithm'>): SignedCheckpoint {
  const full: CheckpointFields = { ...fields, kid: key.kid, algorithm: 'Ed25519' };
  return { ...full, signature: sign(null, checkpointSigningInput(full), key.privateKey).toString('base64') };
}

const publicKeys = new Map<string, KeyObject>();
function publicKeyOf(pem: string): KeyObject {
  let key = publicKeys.get(pem);
  if (!key) publicKeys.set(pem, (key = createPublicKey(pem)));
  return key;
}

/** Whether `checkpoint.signature` is the Ed25519 signature of its fields under `publicKeyPem` (false on malformed input). */
export function checkpointSignatureValid(checkpoint: Partial<SignedCheckpoint>, publicKeyPem: string): boolean {
  try {
    if (typeof checkpoint.signature !== 'string' || checkpoint.algorithm !== 'Ed25519') return false;
    return verify(null, checkpointSigningInput(checkpoint as CheckpointFields), publicKeyOf(publicKeyPem), Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Checkpoint settings (MESSAGING_CHECKPOINT_*): how often, and with which key. */
export interface CheckpointOptions {
  /** A checkpoint after this many chained events (default 1,000). */
  everyEvents: number;
  /** ...or this long after the last one when anything was chained since (default 5 minutes). */
  everyMs: number;
  /** How often the active relay's instance looks whether one is due (default 5 s, at most everyMs). */
  pollMs: number;
  key: CheckpointKey;
}

export const DEFAULT_CHECKPOINT_EVERY_EVENTS = 1000;
export const DEFAULT_CHECKPOINT_EVERY_MINUTES = 5;

const CHECKPOINT_KEY_VARIABLES = ['MESSAGING_CHECKPOINT_KEY', 'MESSAGING_CHECKPOINT_KEY_FILE'] as const;

/** Distributed mode (KAFKA_BROKERS set) or NODE_ENV=production, as for token keys (libs/shared/auth auth-config). */
function productionMode(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['KAFKA_BROKERS']) || env['NODE_ENV'] === 'production';
}

/**
 * The start-up rule for checkpoint keys: in distributed mode (or production) MESSAGING_CHECKPOINT_KEY (an Ed25519
 * private key, PKCS#8 PEM) or MESSAGING_CHECKPOINT_KEY_FILE must be set: a key generated per process would sign
 * checkpoints nobody could have been given the public key of in advance. Empty when the environment passes.
 */
export function checkpointKeyProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  if (!productionMode(env) || CHECKPOINT_KEY_VARIABLES.some((v) => env[v])) return [];
  return [
    'MESSAGING_CHECKPOINT_KEY or MESSAGING_CHECKPOINT_KEY_FILE (an Ed25519 private key, PKCS#8 PEM) must be set in distributed mode ' +
      '(KAFKA_BROKERS set) and with NODE_ENV=production: event-chain checkpoints are signed with it (a key is generated per process only in the embedded mode)',
  ];
}

/** The checkpoint settings from the environment; throws in distributed mode without a key (checkpointKeyProblems). */
export function checkpointOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CheckpointOptions {
  const problems = checkpointKeyProblems(env);
  if (problems.length) throw new Error(problems.join('\n'));
  const positive = (name: string, fallback: number) => (Number(env[name]) > 0 ? Number(env[name]) : fallback);
  const pem = env['MESSAGING_CHECKPOINT_KEY'] || (env['MESSAGING_CHECKPOINT_KEY_FILE'] ? readFileSync(env['MESSAGING_CHECKPOINT_KEY_FILE'], 'utf8') : '');
  const everyMs = positive('MESSAGING_CHECKPOINT_EVERY_MINUTES', DEFAULT_CHECKPOINT_EVERY_MINUTES) * 60_000;
  return {
    everyEvents: positive('MESSAGING_CHECKPOINT_EVERY_EVENTS', DEFAULT_CHECKPOINT_EVERY_EVENTS),
    everyMs,
    pollMs: Math.min(5_000, everyMs),
    key: pem ? checkpointKeyFromPem(pem.replace(/\\n/g, '\n'), env['MESSAGING_CHECKPOINT_KEY_ID']) : generateCheckpointKey(),
  };
}
