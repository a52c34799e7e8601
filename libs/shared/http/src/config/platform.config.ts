import { existsSync } from 'node:fs';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { authKeyProblems } from '@sop/auth';
import { checkpointKeyProblems } from '@sop/messaging';
import { defineConfig, withRule } from './config-schema';

/** "true"/"false" (any case) as a boolean; anything else stays a string and fails @IsBoolean. */
const BooleanFromEnv = () => Transform(({ value }) => (typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value));

function FileExists(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'fileExists',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must name a readable file`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && existsSync(value) },
    });
}

/** Every host (a standalone service or the embedded platform). */
export class HostEnv {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST = '0.0.0.0';
  @IsOptional() @IsIn(['error', 'warn', 'log', 'info', 'debug', 'verbose', 'silent']) LOG_LEVEL = 'log';
  @IsOptional() @IsString() @MinLength(1) DATA_DIR = './data';
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>` (otherwise it is open to the network the host is on). */
  @IsOptional() @IsString() @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' }) METRICS_TOKEN?: string;
  @IsOptional() @IsIn(['otlp', 'none']) OTEL_TRACES_EXPORTER?: string;
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  @IsOptional() @BooleanFromEnv() @IsBoolean() OTEL_SDK_DISABLED = false;
}

/**
 * Bearer-token verification (libs/shared/auth): one ES256 public key, or a JWKS (URL or file) for keys that rotate.
 * In distributed mode (KAFKA_BROKERS set) or with NODE_ENV=production one of them is required (authKeyProblems);
 * elsewhere the development key is used.
 */
export class AuthEnv {
  @IsOptional() @Matches(/-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/, { message: 'AUTH_PUBLIC_KEY must be a PEM public key (SPKI)' })
  AUTH_PUBLIC_KEY?: string;
  @IsOptional() @FileExists() AUTH_PUBLIC_KEY_FILE?: string;
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'AUTH_JWKS_URL must be an http(s) URL of a JWKS document' }) AUTH_JWKS_URL?: string;
  @IsOptional() @FileExists() AUTH_JWKS_FILE?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) AUTH_JWKS_CACHE_SECONDS = 600;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) AUTH_JWKS_MIN_REFRESH_SECONDS = 30;
  @IsOptional() @IsString() @MaxLength(200) AUTH_ISSUER?: string;
  /** The accepted audience(s), comma-separated; default: the service's own (`sop-<service>`), every service's when embedded. */
  @IsOptional() @IsString() @MaxLength(400) AUTH_AUDIENCE?: string;
  /** Longest accepted token lifetime (exp − iat), seconds; default 12 h. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(60) AUTH_MAX_TOKEN_LIFETIME_SECONDS = 43_200;
  /** Accept the development key in production mode anyway (warned at every start). */
  @IsOptional() @BooleanFromEnv() @IsBoolean() AUTH_ALLOW_DEV_KEYS = false;
  @IsOptional() @IsString() AUTH_DEV_KEY_DIR?: string;
}

/** The broker of the distributed mode. */
export class KafkaEnv {
  @Matches(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, { message: 'KAFKA_BROKERS must list host:port pairs separated by commas (a standalone service needs Kafka; `npm start` runs the embedded platform)' })
  KAFKA_BROKERS!: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(7) KAFKA_REPLICATION_FACTOR = 1;
  @IsOptional() @IsIn(['nothing', 'error', 'warn', 'info', 'debug']) KAFKA_LOG_LEVEL = 'warn';
}

/** The service's own database in the distributed mode. */
export class DatabaseEnv {
  @IsOptional() @IsIn(['mysql', 'mariadb', 'sqlite']) DB_TYPE = 'mysql';
  @ValidateIf((e: DatabaseEnv) => e.DB_TYPE !== 'sqlite') @IsString() @MinLength(1, { message: 'DB_HOST is required for MySQL/MariaDB' }) DB_HOST?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(65535) DB_PORT = 3306;
  @IsOptional() @IsString() DB_USER = 'root';
  @IsOptional() @IsString() DB_PASSWORD = '';
  @IsOptional() @Matches(/^[A-Za-z0-9_]{1,64}$/, { message: 'DB_NAME must be a plain identifier (letters, digits, _)' }) DB_NAME?: string;
  @IsOptional() @IsString() DB_SQLITE_PATH?: string;
  @IsOptional() @BooleanFromEnv() @IsBoolean() DB_MIGRATE_ON_START = true;
  @IsOptional() @BooleanFromEnv() @IsBoolean() DB_CREATE_DATABASE = true;
}

/** The embedded platform's in-process bus. */
export class EmbeddedEnv {
  @IsOptional() @IsString() BUS_PATH?: string;
}

/** Messaging housekeeping of every service (libs/shared/messaging: retention, relay batches). */
export class MessagingEnv {
  /** Published outbox rows are deleted this many days after publication. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) MESSAGING_OUTBOX_RETENTION_DAYS = 7;
  /**
   * Inbox rows (the dedup record) are deleted this many days after the event was applied; longer than the broker
   * keeps events (7 days) plus the longest lag, or a redelivered event could be applied twice.
   */
  @IsOptional() @Type(() => Number) @IsInt() @Min(8, { message: 'MESSAGING_INBOX_RETENTION_DAYS must exceed the broker retention (7 days): the inbox is the dedup window' })
  MESSAGING_INBOX_RETENTION_DAYS = 30;
  /** Consumed embedded-bus messages are deleted this many days after they were appended. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) MESSAGING_BUS_RETENTION_DAYS = 7;
  /** The largest batch the relay sends (the broker's max.message.bytes). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) RELAY_MAX_BATCH_BYTES = 1_048_576;
  /** A signed checkpoint of the event chain after this many events (issue 13 item 5)... */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) MESSAGING_CHECKPOINT_EVERY_EVENTS = 1000;
  /** ...or this many minutes after the last one, when events were published since. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) MESSAGING_CHECKPOINT_EVERY_MINUTES = 5;
  /** The Ed25519 private key (PKCS#8 PEM) checkpoints are signed with; required in distributed mode (or the file below). */
  @IsOptional() @IsString() MESSAGING_CHECKPOINT_KEY?: string;
  @IsOptional() @IsString() MESSAGING_CHECKPOINT_KEY_FILE?: string;
  /** The key's id in checkpoints and GET /<service>/audit/keys (default: derived from the public key). */
  @IsOptional() @IsString() MESSAGING_CHECKPOINT_KEY_ID?: string;
}

export const hostConfig = defineConfig('host', HostEnv);
export const messagingConfig = withRule(defineConfig('messaging', MessagingEnv), checkpointKeyProblems);
export const authEnvConfig = withRule(defineConfig('auth', AuthEnv), authKeyProblems);
export const kafkaConfig = defineConfig('kafka', KafkaEnv);
export const databaseConfig = defineConfig('database', DatabaseEnv);
export const embeddedConfig = defineConfig('embedded', EmbeddedEnv);
