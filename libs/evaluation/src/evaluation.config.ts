import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { defineConfig } from '@sop/http';

/** Evaluation's own environment variables (validated with the platform's when a host starts). */
export class EvaluationEnv {
  /** Period of the scheduler (GradeExpired for grades past their validity); 0 disables it. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) EVALUATION_SCHEDULER_INTERVAL_MS = 60_000;
}

export const evaluationConfig = defineConfig('evaluation', EvaluationEnv);
