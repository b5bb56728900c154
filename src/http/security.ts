import fp from 'fastify-plugin';
import { securityHeaders } from './helmet.js';
import { rateLimitPlugin, type RateLimitOptions } from './rate-limit.js';

export type SecurityOptions = RateLimitOptions;

/**
 * Security headers and rate limits for every answer. Answers that may be cached (downloads with
 * ETags, the feed, the UI's files) replace cache-control; the pages, the Swagger UI and the HTML
 * documents replace the CSP.
 */
export const securityPlugin = fp<SecurityOptions>(
  async (app, options) => {
    // Helmet's values (src/http/helmet.ts), set here rather than by @fastify/helmet, with which the
    // feed's 304 poll fell below its floor (docs/performance.md).
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(securityHeaders).header('x-request-id', request.id);
      done();
    });
    await app.register(rateLimitPlugin, options);
  },
  { name: 'security', dependencies: ['auth'] },
);
