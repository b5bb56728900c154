import fp from 'fastify-plugin';
import { problemBody, sendProblem } from '../http/problem.js';
import { DOCS_PREFIX } from '../http/openapi.js';
import type { Actor } from './actor.js';
import { canSeeCampaign, type Access } from './policy.js';
import type { AuthService } from './service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: 'public', or the roles allowed. Every route must say. */
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
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

    app.addHook('onRoute', (route) => {
      const config = (route.config ?? {}) as { access?: Access };
      if (route.url.startsWith(DOCS_PREFIX)) {
        route.config = { ...config, access: 'public' };
        return;
      }
      if (config.access === undefined) {
        throw new Error(`route ${String(route.method)} ${route.url} has no config.access`);
      }
    });

    app.addHook('onRequest', async (request, reply) => {
      const access = request.routeOptions.config.access;
      if (access === undefined || access === 'public') return;

      const header = request.headers.authorization;
      const match = header ? BEARER.exec(header) : null;
      if (!match) {
        reply.header('www-authenticate', 'Bearer');
        return sendProblem(
          reply,
          problemBody(request, 401, 'UNAUTHENTICATED', 'Cần gửi token trong tiêu đề Authorization: Bearer <token>.'),
        );
      }
      const actor = auth.authenticate(match[1]!, request.id);
      if (!actor) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        return sendProblem(reply, problemBody(request, 401, 'INVALID_TOKEN', 'Token không hợp lệ, đã hết hạn hoặc đã bị thu hồi.'));
      }
      request.actor = actor;
      if (actor.role !== 'system' && !access.includes(actor.role)) {
        return sendProblem(
          reply,
          problemBody(request, 403, 'FORBIDDEN_ROLE', `Vai trò "${actor.role}" không được dùng chức năng này.`),
        );
      }
      const campaignId = (request.params as Record<string, unknown> | undefined)?.['campaignId'];
      if (typeof campaignId === 'string' && !canSeeCampaign(actor, campaignId.normalize('NFC'))) {
        return sendProblem(
          reply,
          problemBody(request, 404, 'CAMPAIGN_NOT_FOUND', `Không có đợt kiểm tra "${campaignId}"`),
        );
      }
    });
  },
  { name: 'auth' },
);

/** The authenticated actor of a guarded route (the plugin has already refused anonymous calls). */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new Error('actorOf() on a public route');
  return request.actor;
}
