import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionEnd, SessionService } from '../auth/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The web session of a page request, once resolved from its cookie. */
    sessionId: number | null;
  }
}

// The session cookie: HttpOnly, SameSite=Lax (a link from a message app still opens the page signed
// in; every state change is a POST guarded by a CSRF token and the Origin check), Secure and
// __Host- prefixed when the service is reached over HTTPS. It holds a random token and nothing else.

export interface CookieSettings {
  name: string;
  secure: boolean;
  maxAgeSeconds: number;
}

export function cookieSettings(secure: boolean, absoluteMs: number): CookieSettings {
  return { name: secure ? '__Host-phien' : 'phien', secure, maxAgeSeconds: Math.floor(absoluteMs / 1000) };
}

export function setSessionCookie(reply: FastifyReply, settings: CookieSettings, token: string): void {
  reply.setCookie(settings.name, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secure,
    maxAge: settings.maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, settings: CookieSettings): void {
  reply.clearCookie(settings.name, { path: '/', httpOnly: true, sameSite: 'lax', secure: settings.secure });
}

/** Why a page asked the visitor to sign in, as the sign-in page says it. */
export type SignInReason = SessionEnd | 'unknown' | 'none';

/** Resolves the session cookie of a page request into request.actor (null when signed out). */
export function resolveSession(request: FastifyRequest, sessions: SessionService, settings: CookieSettings): SignInReason | null {
  const token = request.cookies[settings.name];
  if (!token) return 'none';
  const found = sessions.resolve(token, request.id);
  if (!found.actor) return found.ended;
  request.actor = found.actor;
  request.sessionId = found.sessionId;
  return null;
}

/** A local path to come back to after signing in; anything else (another site, //host) is dropped. */
export function safeNext(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex -- a path with a control character (a header split) is dropped
  if (value.length > 500 || /[\u0000-\u001f]/.test(value)) return null;
  return value;
}
