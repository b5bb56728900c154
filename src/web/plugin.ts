import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import view from '@fastify/view';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Services } from '../app.js';
import { canSeeCampaign } from '../auth/policy.js';
import { findBadText } from '../http/input.js';
import { excerpt } from '../text/excerpt.js';
import { publicUrlOf, type Config } from '../config.js';
import type { ContentCache } from '../text/content-cache.js';
import { apiHelmet, helmetHeaders } from '../http/helmet.js';
import { fromRoot, STATIC_PREFIX } from '../paths.js';
import { registerAssets, type Assets } from './assets.js';
import { pageErrorHandler } from './errors.js';
import { formParser } from './forms.js';
import { officeRoutes } from './office/routes.js';
import { leaderRoutes } from './leader/routes.js';
import { cookieSettings, resolveSession, safeNext, type CookieSettings } from './session.js';
import { signInRoutes } from './sign-in/routes.js';
import { teamRoutes } from './team/routes.js';
import { unitRoutes } from './unit/routes.js';
import { compileOptions, loadPageViews } from './views.js';

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page (templates/pages/<name>.hbs) inside the layout, with what every page shows. */
    page(name: string, data: Record<string, unknown>, status?: number): FastifyReply;
  }
}

export interface WebContext {
  services: Services;
  config: Config;
  assets: Assets;
  cookie: CookieSettings;
  publicUrl: string;
}

/** A fresh random value for a form, so a resent form is recognised (sessions.once). */
export function formNonce(): string {
  return randomBytes(18).toString('base64url');
}

// Helmet's options for the pages, over the API's (src/http/security.ts): their own stylesheet and
// scripts only, nothing inline, forms post only here, no framing. Images may be data: (QR codes) or
// blob: (thumbnails of evidence chosen on a phone). A signed-in window shares no browsing context with
// a page of another site that opened it or that it opens.
const pageHeaders = helmetHeaders({
  ...apiHelmet,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
  },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'same-origin' },
});

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The web pages: the same services as the API, rendered as Vietnamese HTML. Encapsulated: the cookie,
 * form, CSRF, compression and view plugins and the session hook apply to the pages only; the API keeps
 * its bearer tokens and JSON.
 */
export const webPlugin: FastifyPluginAsync<{ services: Services; config: Config; cache?: ContentCache }> = async (app, { services, config, cache }) => {
  const publicUrl = publicUrlOf(config);
  const secure = publicUrl.startsWith('https:');
  const settings = cookieSettings(secure, config.sessionMaxDays * 86_400_000);
  const views = loadPageViews(fromRoot(config.templatesDir, 'pages'), cache);

  // Pages are not part of the API's contract: they stay out of openapi.yaml.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
  await app.register(formbody, { parser: formParser });
  await app.register(cookie);
  await app.register(csrf, {
    cookieKey: secure ? '__Host-csrf' : 'csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure },
  });
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(view, {
    engine: { handlebars: views.engine },
    root: views.root,
    production: true,
    options: { partials: views.partials, compileOptions },
  });
  const assets = await registerAssets(app, fromRoot('public'));

  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', (request, reply, done) => {
    // The pages' headers replace the API's (whose CSP forbids everything), set for every answer before.
    reply.headers(pageHeaders);
    // Pages hold personal data: never stored by a shared cache or the browser's back-forward cache.
    if (!request.url.startsWith(STATIC_PREFIX)) reply.header('cache-control', 'no-store');
    done();
  });
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (!config.session) return;
    const reason = resolveSession(request, services.sessions, settings);
    if (reason !== null) return askToSignIn(request, reply, reason);
    const access = config.access;
    const actor = request.actor!;
    const campaignId = (request.params as Record<string, unknown> | undefined)?.['campaignId'];
    const allowed =
      (access === 'public' || access === undefined || actor.role === 'system' || (actor.role !== 'anonymous' && access.includes(actor.role))) &&
      (typeof campaignId !== 'string' || canSeeCampaign(actor, campaignId));
    if (!allowed) return reply.page('not-found', { title: 'Không tìm thấy trang' }, 404);
  });
  // A form may only be sent from these pages: a foreign Origin (or Referer) is refused before anything
  // is read, whatever the CSRF token says.
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE.has(request.method)) return done();
    if (!originAllowed(request, publicUrl)) return void reply.page('refused', { title: 'Yêu cầu bị từ chối', origin: true, badText: null }, 403);
    app.csrfProtection(request, reply, done);
  });
  // Text no page may store (a NUL, bytes that were not UTF-8) is refused before any handler reads the
  // form, naming the field, whichever page it was posted to: as the API refuses it in every body.
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE.has(request.method) || !request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return done();
    const bad = findBadText(request.body);
    if (!bad) return done();
    reply.page(
      'refused',
      { title: 'Biểu mẫu có ký tự không hợp lệ', origin: false, badText: true, typed: bad.text === undefined ? null : typedIn(bad.text) },
      400,
    );
  });

  const pageCommon = (request: FastifyRequest, reply: FastifyReply) => ({
    assets: { css: assets.url('app.css'), js: assets.url('app.js') },
    actor: request.actor ? { label: request.actor.label, role: request.actor.role, campaignId: request.actor.campaignId } : null,
    csrf: reply.generateCsrf(),
    nonce: formNonce(),
    zone: config.timeZone,
    path: request.url,
  });
  app.decorateReply('page', function (this: FastifyReply, name: string, data: Record<string, unknown>, status = 200) {
    void this.code(status).view(`${name}.hbs`, { ...pageCommon(this.request, this), banner: null, script: null, ...data }, { layout: 'layout.hbs' });
    return this;
  });

  function askToSignIn(request: FastifyRequest, reply: FastifyReply, reason: string) {
    const next =
      request.method === 'GET' ? safeNext(request.url) : safeNext(request.headers.referer ? new URL(request.headers.referer, publicUrl).pathname : null);
    const query = new URLSearchParams({ ...(next ? { next } : {}), ...(reason !== 'none' ? { ly_do: reason } : {}) });
    return reply.redirect(`/dang-nhap${query.size > 0 ? `?${query}` : ''}`, 303);
  }

  app.setErrorHandler(pageErrorHandler);

  const context: WebContext = { services, config, assets, cookie: settings, publicUrl };
  await app.register(signInRoutes, context);
  await app.register(leaderRoutes, context);
  await app.register(officeRoutes, context);
  await app.register(unitRoutes, context);
  await app.register(teamRoutes, context);
};

/**
 * What was typed in the refused field, shortened, for the person to recognise it (the field's name in
 * the form means nothing to them); the refused characters show as "�".
 */
function typedIn(text: string): string {
  return excerpt(text.replaceAll('\u0000', '\uFFFD'), 60);
}

function originAllowed(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin ?? (request.headers.referer ? safeOrigin(request.headers.referer) : undefined);
  if (origin === undefined) return true; // no browser omits both on a form post; the CSRF token still guards
  const own = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`]);
  return own.has(origin);
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}
