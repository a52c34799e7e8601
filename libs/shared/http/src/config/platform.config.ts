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
import { defineConfig } from './config-schema';

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

/** Bearer-token verification (libs/shared/auth). Without a public key the development key is used. */
export class AuthEnv {
  @IsOptional() @Matches(/-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/, { message: 'AUTH_PUBLIC_KEY must be a PEM public key (SPKI)' })
  AUTH_PUBLIC_KEY?: string;
  @IsOptional() @FileExists() AUTH_PUBLIC_KEY_FILE?: string;
  @IsOptional() @IsString() @MaxLength(200) AUTH_ISSUER?: string;
  @IsOptional() @IsString() @MaxLength(200) AUTH_AUDIENCE?: string;
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

export const hostConfig = defineConfig('host', HostEnv);
export const authEnvConfig = defineConfig('auth', AuthEnv);
export const kafkaConfig = defineConfig('kafka', KafkaEnv);
export const databaseConfig = defineConfig('database', DatabaseEnv);
export const embeddedConfig = defineConfig('embedded', EmbeddedEnv);
