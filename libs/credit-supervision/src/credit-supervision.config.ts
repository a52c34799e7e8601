import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { defineConfig } from '@sop/http';

/** Credit supervision's own environment variables (validated with the platform's when a host starts). */
export class CreditSupervisionEnv {
  /** Period of the list-timer scheduler (6-month removals, 2-year escalations); 0 disables it. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) CREDIT_TIMER_INTERVAL_MS = 60_000;
  /** Days a finished register export is kept before its file is deleted. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(365) CREDIT_EXPORT_RETENTION_DAYS = 7;
  /** Folder for register export files (default: the system temp folder). */
  @IsOptional() @IsString() @MinLength(1) CREDIT_EXPORT_DIR?: string;
}

export const creditSupervisionConfig = defineConfig('creditSupervision', CreditSupervisionEnv);
