import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { anyRole, officeOnly } from '../../auth/policy.js';
import { roles } from '../../auth/tables.js';
import { problemExtensions, type FieldIssue, type ProblemError } from '../../http/errors.js';
import { field, readForm, type FieldErrors } from '../forms.js';
import { numberParam, rehearsalBanner } from '../leader/context.js';
import type { WebContext } from '../plugin.js';
import { homeOf } from '../sign-in/routes.js';
import { dashboardView } from './dashboard-view.js';
import { dashboardFilters, readFilters } from './filters.js';
import { roundRoutes } from './round-routes.js';
import { feedRoutes } from './feed-routes.js';
import { actingRoutes } from './acting-routes.js';

// The standing office's pages of part 1: its campaigns, and the people who sign in with their
// invitations (create, invite again, revoke, print the sheet of QR cards).

type Params = { campaignId: string };
const page = { config: { access: officeOnly, session: true } };

const personForm = z
  .object({
    ho_ten: z.string().trim().min(2, 'Hãy ghi họ và tên').max(200),
    chuc_vu: z.string().trim().max(200).optional(),
    vai_tro: z.enum(roles, { error: 'Hãy chọn vai trò' }),
    doan: z.string().trim().optional(),
    don_vi: z.string().trim().optional(),
  })
  .transform((f) => ({
    name: f.ho_ten,
    ...(f.chuc_vu ? { position: f.chuc_vu } : {}),
    role: f.vai_tro,
    ...((f.vai_tro === 'leader' || f.vai_tro === 'secretary') && f.doan ? { teamNumber: Number(f.doan) } : {}),
    ...((f.vai_tro === 'member' || f.vai_tro === 'unit') && f.don_vi ? { unitId: f.don_vi } : {}),
  }));

/** The service's field names of a person, as the form names them. */
const formNames: Record<string, string> = { name: 'ho_ten', position: 'chuc_vu', role: 'vai_tro', teamNumber: 'doan', unitId: 'don_vi', campaignId: 'vai_tro' };

export const officeRoutes: FastifyPluginAsync<WebContext> = async (app, context) => {
  const { services, publicUrl } = context;
  const { campaigns, people, invitationSheet } = services;

  app.get('/dot', { config: { access: anyRole, session: true } }, async (request, reply) => {
    if (request.actor!.role !== 'office') return reply.redirect(homeOf(request.actor!), 303);
    return reply.page('campaigns', { title: 'Các đợt kiểm tra', list: campaigns.list(request.actor!) });
  });

  app.get<{ Params: Params; Querystring: Record<string, unknown> }>('/dot/:campaignId', page, async (request, reply) => {
    const campaign = campaigns.detail(request.params.campaignId);
    const query = readFilters(dashboardFilters, request.query);
    const board = services.dashboard.dashboard(request.actor!, campaign.id, { team: query.doan, page: query.trang });
    const link = (p: number) =>
      `/dot/${encodeURIComponent(campaign.id)}?${new URLSearchParams({ ...(query.doan ? { doan: String(query.doan) } : {}), trang: String(p) })}#h-don-vi`;
    return reply.page('office-home', {
      title: campaign.title,
      banner: rehearsalBanner(campaign),
      campaign,
      section: 'tong-quan',
      board,
      view: dashboardView(board, `/dot/${encodeURIComponent(campaign.id)}`),
      prevPage: board.units.page > 1 ? link(board.units.page - 1) : null,
      nextPage: board.units.page < board.units.pages ? link(board.units.page + 1) : null,
    });
  });

  async function renderPeople(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; typed?: Record<string, string>; link?: { url: string; qr: string; name: string; expiresAt: string } | null },
    status = 200,
  ) {
    const campaign = campaigns.detail((request.params as Params).campaignId);
    const list = people.list(campaign.id);
    return reply.page(
      'people',
      {
        title: 'Người dùng và lời mời đăng nhập',
        banner: rehearsalBanner(campaign),
        campaign,
        people: list,
        teams: campaigns.teams(campaign.id),
        units: campaigns.units(campaign.id),
        errors: extra.errors ?? {},
        section: 'nguoi-dung',
        typed: { ho_ten: '', chuc_vu: '', vai_tro: 'leader', doan: '', don_vi: '', ...extra.typed },
        link: extra.link ?? null,
        publicUrl,
      },
      status,
    );
  }

  async function showLink(request: FastifyRequest, reply: FastifyReply, campaignId: string, personId: number) {
    const { code, expiresAt, person } = people.invite(campaignId, personId, request.actor!);
    const url = invitationSheet.linkFor(code);
    const qr = await QRCode.toDataURL(url, { margin: 1, width: 220 });
    return renderPeople(request, reply, { link: { url, qr, name: person.name, expiresAt } }, 201);
  }

  app.get<{ Params: Params }>('/dot/:campaignId/nguoi-dung', page, async (request, reply) => renderPeople(request, reply, {}));

  app.post<{ Params: Params }>('/dot/:campaignId/nguoi-dung', page, async (request, reply) => {
    const { campaignId } = request.params;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const typed = Object.fromEntries(['ho_ten', 'chuc_vu', 'vai_tro', 'doan', 'don_vi'].map((k) => [k, field(body, k)]));
    const form = readForm(personForm, body);
    if (!form.ok) return renderPeople(request, reply, { errors: form.errors, typed }, 400);
    let personId: number;
    try {
      personId = people.create(campaignId, form.value, request.actor!).id;
    } catch (error) {
      const list = ((error as ProblemError)[problemExtensions]?.['errors'] ?? []) as FieldIssue[];
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status !== 400 && status !== 422) throw error;
      const errors: FieldErrors = {};
      for (const issue of list) errors[formNames[issue.field] ?? issue.field] ??= issue.message;
      if (list.length === 0) errors[form.value.unitId ? 'don_vi' : 'doan'] = (error as Error).message;
      return renderPeople(request, reply, { errors, typed }, status);
    }
    return showLink(request, reply, campaignId, personId);
  });

  app.post<{ Params: Params & { personId: string } }>('/dot/:campaignId/nguoi-dung/:personId/moi', page, async (request, reply) =>
    showLink(request, reply, request.params.campaignId, numberParam(request.params.personId)),
  );

  app.post<{ Params: Params & { personId: string } }>('/dot/:campaignId/nguoi-dung/:personId/thu-hoi', page, async (request, reply) => {
    people.revoke(request.params.campaignId, numberParam(request.params.personId), request.actor!);
    return reply.redirect(`/dot/${encodeURIComponent(request.params.campaignId)}/nguoi-dung#nguoi-${request.params.personId}`, 303);
  });

  app.post<{ Params: Params }>('/dot/:campaignId/nguoi-dung/phieu-moi', page, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = Array.isArray(body['nguoi']) ? body['nguoi'] : body['nguoi'] === undefined ? [] : [body['nguoi']];
    const ids = values.filter((v): v is string => typeof v === 'string' && /^[1-9]\d*$/.test(v)).map(Number);
    const { pdf } = await invitationSheet.print(request.params.campaignId, ids.length > 0 ? ids : undefined, request.actor!);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="phieu-moi-${request.params.campaignId}.pdf"`).send(pdf);
  });

  await app.register(roundRoutes, context);
  await app.register(feedRoutes, context);
  await app.register(actingRoutes, context);
};
