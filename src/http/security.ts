import fp from 'fastify-plugin';
import { rateLimitPlugin, type RateLimitOptions } from './rate-limit.js';

export type SecurityOptions = RateLimitOptions;

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
 * everything; the Swagger UI under /docs sends its own CSP (src/http/docs.ts).
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
    await app.register(rateLimitPlugin, options);
  },
  { name: 'security', dependencies: ['auth'] },
);
