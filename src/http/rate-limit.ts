import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problemBody, sendProblem } from './problem.js';

export interface RateLimitOptions {
  rateLimitMax: number;
  rateLimitWindowMs: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the key's window ends and its count starts again. */
  resetMs: number;
}

export interface RateLimiter {
  hit(key: string, nowMs: number): RateLimitVerdict;
  /** Keys with an open window (for tests and metrics). */
  size(): number;
}

/**
 * Fixed-window request counting per key, in memory and per process (with several instances each
 * allows `max` per window). Synchronous: a request pays a map lookup. Every API request passes here,
 * the feed's 304 poll included; @fastify/rate-limit's hook cost that poll a third of its throughput
 * (docs/performance.md), so the API keeps this counter and the plugin counts the sign-in pages.
 */
export function createRateLimiter({ max, windowMs }: { max: number; windowMs: number }): RateLimiter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  let sweepAt = 0;
  return {
    hit(key, nowMs) {
      // Once per window, windows that ended are dropped: memory stays bounded by the keys of one window.
      if (nowMs >= sweepAt) {
        for (const [k, w] of windows) if (w.endsAt <= nowMs) windows.delete(k);
        sweepAt = nowMs + windowMs;
      }
      let window = windows.get(key);
      if (!window || window.endsAt <= nowMs) {
        window = { count: 0, endsAt: nowMs + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      // Whole milliseconds: the clock has fractions, and a full window could read 60000.00000000003 ms.
      const resetMs = Math.round(window.endsAt - nowMs);
      return { allowed: window.count <= max, limit: max, remaining: Math.max(0, max - window.count), resetMs };
    },
    size: () => windows.size,
  };
}

/**
 * Counts by token; requests without a valid token count by address (the auth plugin identified them).
 * The address is request.ip, so it follows Fastify's trustProxy; an IPv6 client counts by its /64.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const tokenId = request.actor?.tokenId;
  return tokenId === null || tokenId === undefined ? `ip:${normalizeIP(request.ip)}` : `token:${tokenId}`;
}

/**
 * The API's limit per token (or address), counted in an app-level onRequest hook right after the auth
 * plugin's, before any route's own (the feed's 304 shortcut is counted too). @fastify/rate-limit is
 * registered beside it without a global limit: the sign-in pages take their own count from it
 * (`app.createRateLimit`), where a few requests a minute make its cost irrelevant.
 */
export const rateLimitPlugin = fp<RateLimitOptions>(
  async (app, { rateLimitMax, rateLimitWindowMs }) => {
    await app.register(rateLimit, { global: false });
    const limiter = createRateLimiter({ max: rateLimitMax, windowMs: rateLimitWindowMs });
    const windowSeconds = Math.round(rateLimitWindowMs / 1000);
    app.addHook('onRequest', (request, reply, done) => {
      // Load balancers and monitors poll /health; it touches nothing but a read.
      if (request.routeOptions.url === '/health') return done();
      const verdict = limiter.hit(rateLimitKey(request), performance.now());
      const resetSeconds = Math.max(1, Math.ceil(verdict.resetMs / 1000));
      reply.header('x-ratelimit-limit', verdict.limit).header('x-ratelimit-remaining', verdict.remaining).header('x-ratelimit-reset', resetSeconds);
      if (verdict.allowed) return done();
      reply.header('retry-after', resetSeconds);
      const detail = `Quá nhiều yêu cầu (tối đa ${verdict.limit} yêu cầu mỗi ${windowSeconds} giây); hãy thử lại sau ${resetSeconds} giây.`;
      sendProblem(reply, problemBody(request, 429, 'RATE_LIMITED', detail, { retryAfterSeconds: resetSeconds }));
    });
  },
  { name: 'rate-limit', dependencies: ['auth'] },
);
