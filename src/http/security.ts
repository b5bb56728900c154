import createError from '@fastify/error';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { withExtensions } from './errors.js';

const RateLimited = createError<[string]>('RATE_LIMITED', '%s', 429);

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
 * everything; the Swagger UI under /docs sends its own CSP (src/http/openapi.ts).
 */
export const securityPlugin = fp<SecurityOptions>(
  async (app, options) => {
    // Fixed values set on every reply; building them per request (as the Fastify helmet wrapper does)
    // cost about a tenth of a small request's CPU.
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(securityHeaders);
      reply.header('x-request-id', request.id);
      done();
    });

    await app.register(rateLimit, {
      max: options.rateLimitMax,
      timeWindow: options.rateLimitWindowMs,
      keyGenerator: rateLimitKey,
      // Load balancers and monitors poll /health; it touches nothing but a read.
      allowList: (request) => request.routeOptions.url === '/health',
      errorResponseBuilder: (_request, context) =>
        withExtensions(
          new RateLimited(`Quá nhiều yêu cầu (tối đa ${context.max} yêu cầu mỗi ${Math.round(options.rateLimitWindowMs / 1000)} giây); hãy thử lại sau ${Math.ceil(context.ttl / 1000)} giây.`),
          { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
        ),
    });
  },
  { name: 'security', dependencies: ['auth'] },
);
