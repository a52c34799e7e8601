import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min, MinLength } from 'class-validator';
import { defineConfig } from '@sop/http';

/** Registration's own environment variables (validated with the platform's when a host starts). */
export class RegistrationEnv {
  /** Period of the scheduler (regime changes at their effective date, overdue annual reports); 0 disables it. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) REGISTRATION_SCHEDULER_INTERVAL_MS = 60_000;
  /** AES-256-GCM key for ID numbers, base64 of 32 bytes. Without it a development key is made under DATA_DIR/dev-keys. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'REGISTRATION_PII_KEY must be the base64 of exactly 32 bytes (44 characters ending in =)' })
  REGISTRATION_PII_KEY?: string;
  /** Where the development PII key is kept when REGISTRATION_PII_KEY is not set. */
  @IsOptional() @IsString() @MinLength(1) DATA_DIR = './data';
}

export const registrationConfig = defineConfig('registration', RegistrationEnv);
