import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problemBody, sendProblem } from './problem.js';
import { createRateLimiter } from './rate-limit.js';

export interface SecurityOptions {
  rateLimitMax: number;
  rateLimitWindowMs: number;
}

/** Counts by token; requests without a valid token count by address (the auth plugin identified them). */
export function rateLimitKey(request: FastifyRequest): string {
  const tokenId = request.actor?.tokenId;
  return tokenId === null || tokenId === undefined ? `ip:${request.ip}` : `token:${tokenId}`;
}

/**
 * The headers helmet 8 sets for an API that answers JSON and files only (its CSP forbids everything;
 * the Swagger UI and HTML documents send their own). Written out rather than computed by helmet at
 * start-up, which cost 20 ms of loading; test/http/hardening.test.ts checks them against helmet.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/**
 * Security headers and rate limits. The API answers JSON and files only, so its CSP forbids
 * everything; the Swagger UI under /docs sends its own CSP (src/http/docs.ts). Both run in one
 * synchronous hook after the auth plugin's, which has identified the caller the limit counts.
 */
export const securityPlugin = fp<SecurityOptions>(
  async (app, options) => {
    const limiter = createRateLimiter({ max: options.rateLimitMax, windowMs: options.rateLimitWindowMs });
    const windowSeconds = Math.round(options.rateLimitWindowMs / 1000);
    // Fixed values set on every reply; building them per request (as the Fastify helmet wrapper does)
    // cost about a tenth of a small request's CPU.
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(securityHeaders);
      reply.header('x-request-id', request.id);
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
  { name: 'security', dependencies: ['auth'] },
);
