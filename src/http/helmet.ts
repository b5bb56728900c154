import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

// Helmet decides the security headers (their names, syntax and defaults); none of the options here
// depends on the request, so each set is computed once and set by a plain hook (src/http/security.ts,
// src/web/plugin.ts) rather than by @fastify/helmet, which runs helmet() anew for every request.

/**
 * Helmet configured for an API that answers JSON and files: the OWASP REST Security Cheat Sheet's
 * set, plus a Cross-Origin-Resource-Policy so no other site can embed the files (PDF, Word, ICS) it
 * serves and a Referrer-Policy for the HTML documents. The CSP forbids everything; the HTML outlines,
 * the Swagger UI and the pages send their own. What helmet adds for HTML applications or for browsers
 * long gone (X-XSS-Protection, X-Download-Options, X-DNS-Prefetch-Control, Origin-Agent-Cluster,
 * Cross-Origin-Opener-Policy, X-Permitted-Cross-Domain-Policies) is left out of API answers.
 */
export const apiHelmet = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  },
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: { policy: 'same-origin' },
  originAgentCluster: false,
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: { action: 'deny' },
  xPermittedCrossDomainPolicies: false,
  xPoweredBy: false,
  xXssProtection: false,
} satisfies HelmetOptions;

/** The headers helmet sets for these options, as a record. */
export function helmetHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value), removeHeader: () => undefined };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/** Every API answer's headers, also sent by the refusals made before any hook runs (src/http/refusals.ts). */
export const securityHeaders: Readonly<Record<string, string>> = { ...helmetHeaders(apiHelmet), 'cache-control': 'no-store' };
