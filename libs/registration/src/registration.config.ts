import { existsSync } from 'node:fs';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min, MinLength } from 'class-validator';
import { devKeysAllowed, productionMode } from '@sop/auth';
import { defineConfig, withRule } from '@sop/http';
import { AesGcmPiiProtector, piiKeyRingOf } from './infrastructure/personal-data/aes-gcm-pii-protector';

const PII_KEYS_FORMAT = /^\s*[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(\s*[,\n]\s*[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*\s*$/;

/** Registration's own environment variables (validated with the platform's when a host starts). */
export class RegistrationEnv {
  /** Period of the scheduler (regime changes at their effective date, overdue annual reports); 0 disables it. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) REGISTRATION_SCHEDULER_INTERVAL_MS = 60_000;
  /**
   * The AES-256-GCM keys for ID numbers, named: `kid1:base64,kid2:base64` (each base64 of 32 bytes). The current key
   * (REGISTRATION_PII_CURRENT_KEY, else the last listed) encrypts; all decrypt what they encrypted (rotation).
   */
  @IsOptional()
  @Matches(PII_KEYS_FORMAT, { message: 'REGISTRATION_PII_KEYS must list kid:base64 entries separated by commas (kid: 1-32 letters, digits, _ or -; base64 of exactly 32 bytes)' })
  REGISTRATION_PII_KEYS?: string;
  /** A file with the REGISTRATION_PII_KEYS list (a container secret). */
  @IsOptional() @IsString() REGISTRATION_PII_KEYS_FILE?: string;
  /** The key id that encrypts new values (default: the last one listed). */
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'REGISTRATION_PII_CURRENT_KEY must be a key id of REGISTRATION_PII_KEYS' })
  REGISTRATION_PII_CURRENT_KEY?: string;
  /** The key before key ids (base64 of 32 bytes): still decrypts its ciphertexts; encrypts only when no named key is set. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'REGISTRATION_PII_KEY must be the base64 of exactly 32 bytes (44 characters ending in =)' })
  REGISTRATION_PII_KEY?: string;
  /** Where the development PII key is kept when no key is set (embedded mode only). */
  @IsOptional() @IsString() @MinLength(1) DATA_DIR = './data';
}

const set = (env: NodeJS.ProcessEnv, name: string) => (env[name] ? env[name] : undefined);

/**
 * In distributed mode (KAFKA_BROKERS set) or with NODE_ENV=production, registration needs a real key (never the
 * development key, unless AUTH_ALLOW_DEV_KEYS=true); a named key list must make a usable key ring.
 */
export function piiKeyProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const settings = {
    REGISTRATION_PII_KEY: set(env, 'REGISTRATION_PII_KEY'),
    REGISTRATION_PII_KEYS: set(env, 'REGISTRATION_PII_KEYS'),
    REGISTRATION_PII_KEYS_FILE: set(env, 'REGISTRATION_PII_KEYS_FILE'),
    REGISTRATION_PII_CURRENT_KEY: set(env, 'REGISTRATION_PII_CURRENT_KEY'),
    DATA_DIR: env['DATA_DIR'] || './data',
  };
  if (settings.REGISTRATION_PII_KEYS_FILE && !existsSync(settings.REGISTRATION_PII_KEYS_FILE)) {
    return ['REGISTRATION_PII_KEYS_FILE must name a readable file'];
  }
  if (!settings.REGISTRATION_PII_KEY && !settings.REGISTRATION_PII_KEYS && !settings.REGISTRATION_PII_KEYS_FILE) {
    if (settings.REGISTRATION_PII_CURRENT_KEY) return ['REGISTRATION_PII_CURRENT_KEY names a key, but REGISTRATION_PII_KEYS is not set'];
    if (!productionMode(env) || devKeysAllowed(env)) return [];
    return [
      'REGISTRATION_PII_KEYS (kid:base64,...), REGISTRATION_PII_KEYS_FILE or REGISTRATION_PII_KEY must be set in distributed mode (KAFKA_BROKERS set) ' +
        'and with NODE_ENV=production: ID numbers are not encrypted with a development key there (AUTH_ALLOW_DEV_KEYS=true allows it, with a warning at every start)',
    ];
  }
  if (settings.REGISTRATION_PII_KEYS && !PII_KEYS_FORMAT.test(settings.REGISTRATION_PII_KEYS)) return []; // the schema reports the format
  if (settings.REGISTRATION_PII_KEY && !/^[A-Za-z0-9+/]{43}=$/.test(settings.REGISTRATION_PII_KEY)) return [];
  try {
    new AesGcmPiiProtector(piiKeyRingOf(settings).ring);
    return [];
  } catch (err) {
    return [`REGISTRATION_PII_KEYS: ${(err as Error).message}`];
  }
}

export const registrationConfig = withRule(defineConfig('registration', RegistrationEnv), piiKeyProblems);
