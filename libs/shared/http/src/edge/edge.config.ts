import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { defineConfig } from '../config/config-schema';

/**
 * The HTTP edge of every host, in front of the services: request size and shape, response headers, rate limits.
 * (Kept apart from platform.config.ts, which the auth settings also live in.)
 */
export class EdgeEnv {
  /** The largest request body read, in bytes; a larger one is 413 HTTP.PAYLOAD_TOO_LARGE. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) @Max(64 * 1024 * 1024) HTTP_BODY_LIMIT_BYTES = 1024 * 1024;
  /** The deepest JSON nesting read (objects and arrays); deeper is 400 HTTP.TOO_DEEP before validation. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(2) @Max(256) HTTP_MAX_JSON_DEPTH = 32;
  /**
   * Strict-Transport-Security: `on` always, `off` never, `auto` (default) when the request came over TLS (directly,
   * or `X-Forwarded-Proto: https` from the proxy in front).
   */
  @IsOptional() @IsIn(['on', 'off', 'auto']) HTTP_HSTS: 'on' | 'off' | 'auto' = 'auto';
  /** Requests per minute one client (IP address) may make to public endpoints (profiles, the register). 0: no limit. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) RATE_LIMIT_PUBLIC_PER_MINUTE = 300;
  /** Requests per minute one caller (token subject, and its IP address) may make to expensive endpoints (exports). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) RATE_LIMIT_EXPENSIVE_PER_MINUTE = 5;
  /** Requests per minute one token subject may make to endpoints whose answers reveal facts (the ID-number probe of applications). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) RATE_LIMIT_SENSITIVE_PER_MINUTE = 20;
  /** Trust X-Forwarded-For / X-Forwarded-Proto from the proxy in front (the client IP of rate limits). */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value))
  @IsBoolean()
  HTTP_TRUST_PROXY = false;
}

export const edgeConfig = defineConfig('edge', EdgeEnv);
