import createError from '@fastify/error';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { withExtensions } from './errors.js';

const RateLimited = createError<[string]>('RATE_LIMITED', '%s', 429);

export interface RateLimitOptions {
  rateLimitMax: number;
  rateLimitWindowMs: number;
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
 * @fastify/rate-limit, counted in an app-level onRequest hook rather than per route: it then runs
 * right after the auth plugin's hook, before any route's own (the feed's 304 shortcut is counted
 * too), and unknown addresses are counted as well. In memory and per process.
 */
export const rateLimitPlugin = fp<RateLimitOptions>(
  async (app, { rateLimitMax, rateLimitWindowMs }) => {
    const windowSeconds = Math.round(rateLimitWindowMs / 1000);
    await app.register(rateLimit, {
      global: false,
      max: rateLimitMax,
      timeWindow: rateLimitWindowMs,
      keyGenerator: rateLimitKey,
      // Load balancers and monitors poll /health; it touches nothing but a read.
      allowList: (request) => request.routeOptions.url === '/health',
      errorResponseBuilder: (_request, { max, ttl }) => {
        const seconds = Math.max(1, Math.ceil(ttl / 1000));
        const detail = `Quá nhiều yêu cầu (tối đa ${max} yêu cầu mỗi ${windowSeconds} giây); hãy thử lại sau ${seconds} giây.`;
        return withExtensions(new RateLimited(detail), { retryAfterSeconds: seconds });
      },
    });
    app.addHook('onRequest', app.rateLimit());
  },
  { name: 'rate-limit', dependencies: ['auth'] },
);
