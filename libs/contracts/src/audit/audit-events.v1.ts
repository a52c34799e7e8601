import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';

/** The only signature algorithm of checkpoints (node:crypto, RFC 8032). */
export const CHECKPOINT_ALGORITHMS = ['Ed25519'] as const;

/**
 * A producer's signed statement of where its event chain stood: its event `sequence` carries `hash` (the chain
 * fields of messaging's relay). The signature (Ed25519, base64) is over the canonical JSON (keys sorted) of every
 * field but `signature`. Written through the producer's own outbox, so it is chained after the events it covers: an
 * auditor holding the producer's public keys can tell a rewritten history (re-hashed end to end) from the original.
 * Subject and key: the producer's service name.
 */
export class CheckpointSignedV1 {
  @IsString() @IsNotEmpty() @MaxLength(100) producer: string;
  @Matches(/^[1-9]\d{0,19}$/) sequence: string;
  @Matches(/^[0-9a-f]{64}$/) hash: string;
  @IsString() @IsNotEmpty() @MaxLength(64) kid: string;
  @IsIn(CHECKPOINT_ALGORITHMS) algorithm: (typeof CHECKPOINT_ALGORITHMS)[number];
  @IsISO8601({ strict: true }) signedAt: string;
  @Matches(/^[A-Za-z0-9+/]{86}==$/) signature: string;
}

/**
 * A checkpoint signing key a producer used for the first time (its public half, SPKI PEM), from `validFrom`; the key
 * it replaces (`previousKid`) is retired at the same instant. The same list is served by GET /<service>/audit/keys.
 * Subject and key: the producer's service name.
 */
export class SigningKeyPublishedV1 {
  @IsString() @IsNotEmpty() @MaxLength(100) producer: string;
  @IsString() @IsNotEmpty() @MaxLength(64) kid: string;
  @IsIn(CHECKPOINT_ALGORITHMS) algorithm: (typeof CHECKPOINT_ALGORITHMS)[number];
  @IsString() @Matches(/^-----BEGIN PUBLIC KEY-----/) @MaxLength(1000) publicKeyPem: string;
  @IsISO8601({ strict: true }) validFrom: string;
  @IsOptional() @IsString() @MaxLength(64) previousKid?: string;
}

/**
 * The audit contracts of one producer, on its own audit topic `<prefix>.audit.v1` (each service owns its topics, so
 * consumers' provenance checks hold for them as for every other event).
 */
export function auditContractsFor(prefix: string): EventContractDefinition[] {
  const topic = `${prefix}.audit.v1`;
  const checkpoint: EventContractDefinition<CheckpointSignedV1> = {
    type: `${prefix}.audit.checkpoint`,
    topic,
    version: 1,
    payload: CheckpointSignedV1,
    description: "A signed checkpoint of the producer's event chain (latest sequence and hash, Ed25519).",
  };
  const key: EventContractDefinition<SigningKeyPublishedV1> = {
    type: `${prefix}.audit.key-published`,
    topic,
    version: 1,
    payload: SigningKeyPublishedV1,
    description: "A checkpoint signing key's public half, published when the producer first uses it.",
  };
  return [checkpoint, key];
}

/** The suffixes messaging looks for in a catalogue to find a producer's audit contracts. */
export const CHECKPOINT_TYPE_SUFFIX = '.audit.checkpoint';
export const KEY_PUBLISHED_TYPE_SUFFIX = '.audit.key-published';
