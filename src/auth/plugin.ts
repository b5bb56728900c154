import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problemBody, sendProblem } from '../http/problem.js';
import { DOCS_PREFIX } from '../http/docs.js';
import { STATIC_PREFIX } from '../paths.js';
import type { Actor } from './actor.js';
import { canSeeCampaign, type Access } from './policy.js';
import type { AuthService } from './service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: 'public', or the roles allowed. Every route must say. */
    access?: Access;
    /** A web page: the actor comes from the session cookie (src/web), never from a bearer token. */
    session?: boolean;
    /** Calendar feeds (.ics): apps that cannot send Authorization may pass ?token= instead. */
    allowQueryToken?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Why the request will be refused (401, 403 or 404), decided in onRequest; null when it may go on. */
    authRefusal: Refusal | null;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Authentication and the coarse authorization every route declares. A route registered without
 * config.access stops start-up, so no route is ever born unguarded. Finer rules (own team, own
 * unit) are decided by services with auth/policy.ts.
 */
export const authPlugin = fp<{ auth: AuthService }>(
  async (app, { auth }) => {
    app.decorateRequest('actor', null);
    app.decorateRequest('authRefusal', null);

    app.addHook('onRoute', (route) => {
      const config = (route.config ?? {}) as { access?: Access };
      // The API documentation and the pages' stylesheet and scripts are public files.
      if (route.url.startsWith(DOCS_PREFIX) || route.url.startsWith(STATIC_PREFIX)) {
        route.config = { ...config, access: 'public' };
        return;
      }
      if (config.access === undefined) {
        throw new Error(`route ${String(route.method)} ${route.url} has no config.access`);
      }
    });

    // The verdict is reached here but sent from preParsing, so that the rate limit (the security
    // plugin's onRequest hook, which runs after this one) counts every request by token, or by
    // address for requests without a valid token, before anything is refused. Route hooks in between
    // (the feed's 304 shortcut) read request.authRefusal.
    // Callback-style hooks: they run on every guarded request, and a promise per hook is measurable.
    app.addHook('onRequest', (request, _reply, done) => {
      const access = request.routeOptions.config.access;
      if (access !== undefined && access !== 'public' && !request.routeOptions.config.session) {
        const header = request.headers.authorization;
        const match = header ? BEARER.exec(header) : queryToken(request);
        let failure: 'missing' | 'invalid' | undefined;
        if (!match) failure = 'missing';
        else {
          const actor = auth.authenticate(match[1], request.id);
          if (actor) request.actor = actor;
          else failure = 'invalid';
        }
        request.authRefusal = refusalOf(request, failure);
      }
      done();
    });

    app.addHook('preParsing', (request, reply, payload, done) => {
      const refusal = request.authRefusal;
      if (!refusal) return done(null, payload);
      if (refusal.status === 401) reply.header('www-authenticate', refusal.challenge);
      sendProblem(reply, problemBody(request, refusal.status, refusal.code, refusal.detail));
    });
  },
  { name: 'auth' },
);

export interface Refusal {
  status: 401 | 403 | 404;
  code: string;
  detail: string;
  challenge: string;
}

/** Why a guarded route refuses this request, or null when it may go on. */
function refusalOf(request: FastifyRequest, failure: 'missing' | 'invalid' | undefined): Refusal | null {
  const access = request.routeOptions.config.access;
  if (access === undefined || access === 'public') return null;
  if (failure === 'missing') {
    return { status: 401, code: 'UNAUTHENTICATED', detail: 'Cần gửi token trong tiêu đề Authorization: Bearer <token>.', challenge: 'Bearer' };
  }
  const actor = request.actor;
  if (failure === 'invalid' || !actor) {
    return {
      status: 401,
      code: 'INVALID_TOKEN',
      detail: 'Token không hợp lệ, đã hết hạn hoặc đã bị thu hồi.',
      challenge: 'Bearer error="invalid_token"',
    };
  }
  if (actor.role === 'anonymous' || (actor.role !== 'system' && !access.includes(actor.role))) {
    return { status: 403, code: 'FORBIDDEN_ROLE', detail: `Vai trò "${actor.role}" không được dùng chức năng này.`, challenge: '' };
  }
  const campaignId = (request.params as Record<string, unknown> | undefined)?.['campaignId'];
  if (typeof campaignId === 'string' && !canSeeCampaign(actor, campaignId.normalize('NFC'))) {
    return { status: 404, code: 'CAMPAIGN_NOT_FOUND', detail: `Không có đợt kiểm tra "${campaignId}"`, challenge: '' };
  }
  return null;
}

/** ?token= on routes that allow it (calendar subscriptions), shaped like a Bearer match. */
function queryToken(request: FastifyRequest): [string, string] | null {
  if (!request.routeOptions.config.allowQueryToken) return null;
  const token = (request.query as Record<string, unknown> | undefined)?.['token'];
  return typeof token === 'string' && token !== '' ? [`Bearer ${token}`, token] : null;
}

function decodeQueryPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

const TOKEN_VALUE = /ict_[\w-]{8,}/;

/** A sign-in invitation's path: its code opens a session, so it is a secret like a token. */
const INVITATION_PATH = /^\/moi\/[^/?#]+/;

/**
 * Request URLs as logged: the value of every query parameter whose decoded name is "token" (however
 * it is spelled: %74oken, tok%65n, TOKEN; the query parser decodes them all) or whose decoded value
 * holds something shaped like a token is replaced, so subscription links never reach the logs; so is
 * the code of a sign-in invitation (/moi/<code>).
 */
export function redactTokenInUrl(logged: string): string {
  const url = logged.replace(INVITATION_PATH, '/moi/[redacted]');
  const at = url.indexOf('?');
  if (at === -1) return url;
  const pairs = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      const name = pair.slice(0, eq);
      const secret = decodeQueryPart(name).trim().toLowerCase() === 'token' || TOKEN_VALUE.test(decodeQueryPart(pair.slice(eq + 1)));
      return secret ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, at)}?${pairs.join('&')}`;
}

/**
 * Logger options whose request lines carry the URL with any ?token= redacted. Options given as an
 * object keep everything else; a logger instance or a boolean is used as given.
 */
export function withSafeRequestLog<T>(logger: T): T {
  if (logger === null || typeof logger !== 'object' || 'info' in logger) return logger;
  const options = logger as { serializers?: Record<string, unknown> };
  return {
    ...options,
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactTokenInUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
      ...options.serializers,
    },
  } as T;
}

/** The authenticated actor of a guarded route (the plugin has already refused anonymous calls). */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new Error('actorOf() on a public route');
  return request.actor;
}
