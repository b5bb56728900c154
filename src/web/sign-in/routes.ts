import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/actor.js';
import { anyRole } from '../../auth/policy.js';
import { roleLabel } from '../../auth/roles.js';
import type { InvitationRefusal } from '../../auth/people.js';
import { field } from '../forms.js';
import type { WebContext } from '../plugin.js';
import { clearSessionCookie, safeNext, setSessionCookie } from '../session.js';

// Signing in by invitation, signing out, and "/" leading each person to their home page.

const refusalText: Record<InvitationRefusal, string> = {
  unknown: 'Liên kết hoặc mã đăng nhập không đúng. Hãy kiểm tra lại (sao chép cả liên kết), hoặc xin cơ quan thường trực một liên kết mới.',
  used: 'Liên kết này đã được dùng để đăng nhập. Mỗi liên kết chỉ dùng được một lần; hãy xin cơ quan thường trực một liên kết mới.',
  expired: 'Liên kết này đã hết hạn. Hãy xin cơ quan thường trực một liên kết mới.',
  revoked: 'Quyền truy cập của người này đã bị thu hồi. Hãy liên hệ cơ quan thường trực.',
};

const reasonText: Record<string, string> = {
  'expired-idle': 'Phiên làm việc đã hết hạn vì lâu không dùng. Hãy đăng nhập lại; bạn sẽ trở về đúng trang đang xem.',
  'expired-absolute': 'Phiên làm việc đã hết thời hạn tối đa. Hãy đăng nhập lại; bạn sẽ trở về đúng trang đang xem.',
  'signed-out': 'Bạn đã đăng xuất.',
  'signed-out-everywhere': 'Bạn đã đăng xuất trên mọi thiết bị.',
  revoked: 'Quyền truy cập đã bị thu hồi. Hãy liên hệ cơ quan thường trực.',
  unknown: 'Phiên làm việc không còn hiệu lực. Hãy đăng nhập lại.',
};

/** Where a person lands after signing in. */
export function homeOf(actor: Actor): string {
  const c = actor.campaignId ? encodeURIComponent(actor.campaignId) : null;
  if (!c) return '/dot';
  if ((actor.role === 'leader' || actor.role === 'secretary') && actor.teamNumber !== null) return `/dot/${c}/doan/${actor.teamNumber}`;
  if ((actor.role === 'unit' || actor.role === 'member') && actor.unitId) return `/dot/${c}/don-vi/${encodeURIComponent(actor.unitId)}`;
  return `/dot/${c}`;
}

/** The code inside whatever was pasted: the whole link, or the code alone. */
function codeOf(pasted: string): string {
  const match = /\/moi\/([A-Za-z0-9_-]+)/.exec(pasted);
  return match ? match[1]! : pasted.trim();
}

export const signInRoutes: FastifyPluginAsync<WebContext> = async (app, { services, cookie }) => {
  // Invitation codes are 256-bit random: guessing is hopeless, and this limit keeps it so. One count
  // by address over the three routes that take a code.
  const attempts = app.createRateLimit({ max: 30, timeWindow: 15 * 60_000, keyGenerator: (request) => `sign-in:${normalizeIP(request.ip)}` });
  const tooMany = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const verdict = await attempts(request);
    if (verdict.isAllowed || !verdict.isExceeded) return false;
    const minutes = Math.ceil(verdict.ttl / 60_000);
    reply.header('retry-after', String(verdict.ttlInSeconds));
    reply.page(
      'error',
      { title: 'Quá nhiều lần thử', status: 429, message: `Có quá nhiều lần thử đăng nhập từ địa chỉ này. Hãy thử lại sau ${minutes} phút.` },
      429,
    );
    return true;
  };

  function signIn(request: FastifyRequest, reply: FastifyReply, code: string, next: string | null) {
    const result = services.sessions.signIn(code, request.id);
    if (!result.ok) {
      const status = result.refusal === 'unknown' ? 400 : 410;
      return reply.page('sign-in', { title: 'Đăng nhập', next, error: refusalText[result.refusal], reason: null, pasted: '' }, status);
    }
    setSessionCookie(reply, cookie, result.session.token);
    return reply.redirect(next ?? homeOf(result.session.actor), 303);
  }

  app.get('/', { config: { access: anyRole, session: true } }, async (request, reply) => reply.redirect(homeOf(request.actor!), 303));

  app.get('/dang-nhap', { config: { access: 'public' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const reason = typeof query['ly_do'] === 'string' ? (reasonText[query['ly_do']] ?? null) : null;
    return reply.page('sign-in', { title: 'Đăng nhập', next: safeNext(query['next']), error: null, reason, pasted: '' });
  });

  app.post('/dang-nhap', { config: { access: 'public' } }, async (request, reply) => {
    if (await tooMany(request, reply)) return reply;
    const pasted = field(request.body, 'ma');
    const next = safeNext(field(request.body, 'next'));
    if (pasted === '') {
      return reply.page(
        'sign-in',
        { title: 'Đăng nhập', next, error: 'Hãy dán liên kết đăng nhập (hoặc mã) mà cơ quan thường trực đã gửi.', reason: null, pasted },
        400,
      );
    }
    return signIn(request, reply, codeOf(pasted), next);
  });

  app.get('/moi/:code', { config: { access: 'public' } }, async (request, reply) => {
    if (await tooMany(request, reply)) return reply;
    const { code } = request.params as { code: string };
    const next = safeNext((request.query as Record<string, unknown>)['next']);
    const seen = services.people.lookup(code);
    if (!seen.ok || !seen.person) {
      services.sessions.refused(code, seen.refusal ?? 'unknown', request.id);
      return reply.page(
        'invitation',
        { title: 'Liên kết đăng nhập', refusal: refusalText[seen.refusal ?? 'unknown'], person: null, next, code: null },
        seen.refusal === 'unknown' ? 404 : 410,
      );
    }
    const campaign = seen.person.campaignId ? services.campaigns.summary(seen.person.campaignId) : null;
    const person = {
      name: seen.person.name,
      role: roleLabel(seen.person.role, seen.person.teamNumber),
      unitName:
        seen.person.unitId && seen.person.campaignId
          ? (services.campaigns.unitNames(seen.person.campaignId, [seen.person.unitId]).get(seen.person.unitId) ?? null)
          : null,
      campaignTitle: campaign?.title ?? null,
      rehearsal: campaign?.rehearsal ?? false,
      expiresAt: seen.expiresAt,
    };
    return reply.page('invitation', { title: 'Đăng nhập', refusal: null, person, next, code });
  });

  app.post('/moi/:code', { config: { access: 'public' } }, async (request, reply) => {
    if (await tooMany(request, reply)) return reply;
    const { code } = request.params as { code: string };
    return signIn(request, reply, code, safeNext(field(request.body, 'next')));
  });

  const signOut = (everywhere: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    services.sessions.signOut(request.sessionId!, request.actor!, everywhere);
    clearSessionCookie(reply, cookie);
    return reply.redirect(`/dang-nhap?ly_do=${everywhere ? 'signed-out-everywhere' : 'signed-out'}`, 303);
  };
  app.post('/dang-xuat', { config: { access: anyRole, session: true } }, signOut(false));
  app.post('/dang-xuat-moi-noi', { config: { access: anyRole, session: true } }, signOut(true));
};
