import { SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { PUBLIC_KEY, type Principal } from '@sop/auth';
import { HttpErrors } from '../http.errors';

/**
 * Rate limits of the HTTP edge, in memory per process (a host behind a load balancer multiplies them by its
 * instances): a token bucket per key that holds `perMinute` tokens and refills continuously.
 *   public     every @Public() endpoint (credit profiles, the register, organizations), per client IP address
 *   expensive  endpoints marked @RateLimit('expensive') (exports), per token subject and per IP address
 *   sensitive  endpoints whose refusals reveal facts (the ID-number probe of applications), per token subject,
 *              counting only the answers with the statuses given (`countStatuses`)
 * Over the limit: 429 HTTP.RATE_LIMITED problem+json with `Retry-After` (whole seconds).
 */
export type RateLimitKind = 'public' | 'expensive' | 'sensitive' | 'none';

export const RATE_LIMIT_KEY = 'sop:rate-limit';

export interface RateLimitMetadata {
  kind: RateLimitKind;
  /** Only answers with these statuses take a token (the others pass free while tokens remain). */
  countStatuses?: number[];
}

/** Marks an endpoint's rate limit (`@RateLimit('expensive')`); @Public() endpoints are 'public' without it, the rest unlimited. */
export const RateLimit = (kind: RateLimitKind, options: Omit<RateLimitMetadata, 'kind'> = {}) => SetMetadata(RATE_LIMIT_KEY, { kind, ...options } satisfies RateLimitMetadata);

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per key: `capacity` tokens, refilled at capacity per minute; full buckets are forgotten. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {
    this.perMs = capacity / 60_000;
  }

  private refill(key: string): Bucket {
    const now = this.now();
    const b = this.buckets.get(key);
    if (!b) return { tokens: this.capacity, at: now };
    return { tokens: Math.min(this.capacity, b.tokens + (now - b.at) * this.perMs), at: now };
  }

  /** Seconds until one token is there (0: there is one now). */
  waitSeconds(key: string): number {
    const b = this.refill(key);
    return b.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
  }

  /** Takes one token; returns 0, or the seconds to wait when there is none (nothing taken). */
  take(key: string): number {
    const b = this.refill(key);
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
    }
    b.tokens -= 1;
    this.set(key, b);
    return 0;
  }

  private set(key: string, b: Bucket): void {
    this.buckets.delete(key); // re-insert: Map order is least recently used first
    this.buckets.set(key, b);
    if (this.buckets.size > this.maxKeys) this.sweep();
  }

  /** Forgets full buckets; if still too many, the least recently used. */
  private sweep(): void {
    for (const key of [...this.buckets.keys()]) {
      if (this.refill(key).tokens >= this.capacity) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys * 0.9) break;
      this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}

export interface RateLimits {
  publicPerMinute: number;
  expensivePerMinute: number;
  sensitivePerMinute: number;
}

interface Req {
  ip?: string;
  socket?: { remoteAddress?: string };
  principal?: Principal;
}

interface Res {
  setHeader(name: string, value: string): void;
  once(event: 'finish', listener: () => void): void;
  statusCode: number;
}

/** The global guard that applies the limits; registered after the auth guard, so the token subject is known. */
export class RateLimitGuard implements CanActivate {
  private readonly buckets: Record<Exclude<RateLimitKind, 'none'>, TokenBuckets | null>;

  constructor(
    private readonly reflector: Reflector,
    limits: RateLimits,
    now: () => number = Date.now,
  ) {
    const of = (n: number) => (n > 0 ? new TokenBuckets(n, now) : null);
    this.buckets = { public: of(limits.publicPerMinute), expensive: of(limits.expensivePerMinute), sensitive: of(limits.sensitivePerMinute) };
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const declared = this.reflector.getAllAndOverride<RateLimitMetadata | undefined>(RATE_LIMIT_KEY, targets);
    const meta: RateLimitMetadata = declared ?? { kind: this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ? 'public' : 'none' };
    if (meta.kind === 'none') return true;
    const buckets = this.buckets[meta.kind];
    if (!buckets) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Req>();
    const res = http.getResponse<Res>();
    const ip = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
    const subject = req.principal?.subject;
    const keys = meta.kind === 'public' ? [`ip:${ip}`] : meta.kind === 'expensive' ? [`ip:${ip}`, ...(subject ? [`sub:${subject}`] : [])] : [subject ? `sub:${subject}` : `ip:${ip}`];
    const scope = meta.kind === 'public' ? 'client' : meta.kind === 'sensitive' ? 'token subject' : 'caller';
    if (meta.countStatuses) {
      const wait = Math.max(...keys.map((k) => buckets.waitSeconds(k)));
      if (wait > 0) this.refuse(res, wait, meta.kind, scope, buckets.capacity);
      res.once('finish', () => {
        if (meta.countStatuses?.includes(res.statusCode)) for (const k of keys) buckets.take(k);
      });
      return true;
    }
    const wait = Math.max(...keys.map((k) => buckets.waitSeconds(k)));
    if (wait > 0) this.refuse(res, wait, meta.kind, scope, buckets.capacity);
    for (const k of keys) buckets.take(k);
    return true;
  }

  private refuse(res: Res, seconds: number, kind: string, scope: string, perMinute: number): never {
    res.setHeader('Retry-After', String(seconds));
    throw new HttpErrors.RATE_LIMITED(`more than ${perMinute} ${kind} requests per minute from this ${scope}; retry after ${seconds} s`, {
      extensions: { retryAfterSeconds: seconds },
    });
  }
}
