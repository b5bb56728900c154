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
 * The headers every answer carries: the OWASP REST Security Cheat Sheet's set for API responses, plus
 * a Cross-Origin-Resource-Policy so no other site can embed the files (PDF, Word, ICS) it serves, and
 * a Referrer-Policy for the HTML documents. The CSP forbids everything: the API answers JSON and
 * files; the HTML outlines and the Swagger UI send their own. Answers that may be cached (downloads
 * with ETags, the feed, the UI's files) replace cache-control. Helmet's further headers are for
 * HTML applications or for browsers long gone (X-XSS-Protection, X-Download-Options for IE8,
 * X-DNS-Prefetch-Control, Origin-Agent-Cluster, Cross-Origin-Opener-Policy, Adobe's
 * X-Permitted-Cross-Domain-Policies); each costs every request its share of a small answer's CPU.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
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
