import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { defineConfig } from '@sop/http';

/** Credit supervision's own environment variables (validated with the platform's when a host starts). */
export class CreditSupervisionEnv {
  /** Period of the list-timer scheduler (6-month removals, 2-year escalations); 0 disables it. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) CREDIT_TIMER_INTERVAL_MS = 60_000;
  /** Days a finished register export is kept before its file is deleted. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(365) CREDIT_EXPORT_RETENTION_DAYS = 7;
  /** Folder for register export files (default: the system temp folder). */
  @IsOptional() @IsString() @MinLength(1) CREDIT_EXPORT_DIR?: string;
  /**
   * The consumer group (default credit-supervision; its dead letters go to <group>.dlq, which must exist). A rebuild
   * into a new database beside the running service needs a group of its own: the running one's committed offsets
   * would skip the history, and sharing it would split the partitions between the two.
   */
  @IsOptional() @Matches(/^[A-Za-z0-9._-]{1,200}$/, { message: 'CREDIT_CONSUMER_GROUP_ID must be a Kafka group id (letters, digits, . _ -)' }) CREDIT_CONSUMER_GROUP_ID?: string;
}

export const creditSupervisionConfig = defineConfig('creditSupervision', CreditSupervisionEnv);
