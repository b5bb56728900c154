import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.js';
import { canActForTeam, isOffice, teamRoles } from '../../auth/policy.js';
import { isoDate } from '../../http/params.js';
import { etag } from '../../http/etag.js';
import { VisitNotFound } from '../../schedule/errors.js';
import type { VisitView } from '../../schedule/schema.js';
import { field, readForm, type FieldErrors } from '../forms.js';
import type { WebContext } from '../plugin.js';
import { numberParam, overrideReason, teamContext } from './context.js';

// One visit, for the team that makes it: where and when, its history, and moving or cancelling it. The
// version the page was read at travels with each form (If-Match for the service), so a change made
// meanwhile by someone else is shown instead of overwritten.

type Params = { campaignId: string; visitId: string };
const page = { config: { access: teamRoles, session: true } };

const versionField = z.coerce.number().int().min(1);
const moveForm = z.object({
  ngay: isoDate,
  buoi: z.enum(['sang', 'chieu', 'ca-ngay'], { error: 'Hãy chọn buổi sáng, buổi chiều hoặc cả ngày' }),
  dia_diem: z.string().trim().min(1, 'Hãy ghi địa điểm').max(500),
  phien_ban: versionField,
  ly_do_doi: overrideReason,
});
const cancelForm = z.object({
  ly_do: z.string().trim().min(3, 'Hãy ghi lý do hủy (ít nhất 3 ký tự)').max(2000),
  phien_ban: versionField,
});

const STALE = new Set(['PRECONDITION_FAILED', 'PRECONDITION_REQUIRED']);

export const visitRoutes: FastifyPluginAsync<WebContext> = async (app, { services }) => {
  const { schedule } = services;

  /** The visit, if the person acts for its team; another team's visit is a 404 page. */
  function visitFor(actor: Actor, campaignId: string, visitParam: string | undefined): VisitView {
    const visit = schedule.visit(campaignId, numberParam(visitParam), actor);
    if (!canActForTeam(actor, campaignId, visit.teamNumber)) throw new VisitNotFound(campaignId, visit.id);
    return visit;
  }

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    visit: VisitView,
    extra: { errors?: FieldErrors; typed?: Record<string, string>; stale?: boolean; done?: string | null },
    status = 200,
  ) {
    const ctx = teamContext(services, request.actor!, visit.campaignId, String(visit.teamNumber));
    const history = schedule.history(visit.campaignId, visit.id, request.actor!);
    const documents = services.documents
      .list(visit.campaignId, request.actor!, { teamNumber: visit.teamNumber, kind: 'notice' })
      .filter((d) => d.visitIds.includes(visit.id));
    return reply.page(
      'visit',
      {
        title: `Buổi kiểm tra ${visit.unitName}`,
        banner: ctx.banner,
        ctx,
        visit,
        history,
        documents,
        errors: extra.errors ?? {},
        typed: extra.typed ?? { ngay: visit.date, buoi: visit.session, dia_diem: visit.place, ly_do: '', ly_do_doi: '' },
        stale: extra.stale ?? false,
        done: extra.done ?? null,
        movable: visit.status === 'registered' || visit.status === 'notified',
        canRegister: ctx.canRegister,
      },
      status,
    );
  }

  app.get<{ Params: Params; Querystring: Record<string, string> }>('/dot/:campaignId/buoi/:visitId', page, async (request, reply) => {
    const visit = visitFor(request.actor!, request.params.campaignId, request.params.visitId);
    const done = request.query['da'] === 'doi-lich' ? 'moved' : request.query['da'] === 'huy' ? 'cancelled' : null;
    return render(request, reply, visit, { done });
  });

  app.post<{ Params: Params }>('/dot/:campaignId/buoi/:visitId/doi-lich', page, async (request, reply) => {
    const visit = visitFor(request.actor!, request.params.campaignId, request.params.visitId);
    const typed = {
      ngay: field(request.body, 'ngay'),
      buoi: field(request.body, 'buoi'),
      dia_diem: field(request.body, 'dia_diem'),
      ly_do: '',
      ly_do_doi: field(request.body, 'ly_do_doi'),
    };
    const form = readForm(moveForm, request.body);
    if (!form.ok) return render(request, reply, visit, { errors: form.errors, typed }, 400);
    const { ngay, buoi, dia_diem, phien_ban, ly_do_doi } = form.value;
    const override = ly_do_doi && isOffice(request.actor!) ? { override: { reason: ly_do_doi } } : {};
    try {
      schedule.move(visit.campaignId, visit.id, { date: ngay, session: buoi, place: dia_diem, ...override }, request.actor!, etag(phien_ban));
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (STALE.has(code)) return render(request, reply, schedule.visit(visit.campaignId, visit.id, request.actor!), { typed, stale: true }, 409);
      if (code !== 'VISIT_CLASH' && code !== 'VISIT_NOT_MOVABLE') throw error;
      const check = schedule.checkMove(visit.campaignId, visit.id, { date: ngay, session: buoi }, request.actor!);
      const messages = check.errors.map((e) => e.message.vi);
      return render(request, reply, visit, { errors: { ngay: messages.join(' ') || (error as Error).message }, typed }, 409);
    }
    return reply.redirect(`/dot/${encodeURIComponent(visit.campaignId)}/buoi/${visit.id}?da=doi-lich`, 303);
  });

  app.post<{ Params: Params }>('/dot/:campaignId/buoi/:visitId/huy', page, async (request, reply) => {
    const visit = visitFor(request.actor!, request.params.campaignId, request.params.visitId);
    const typed = { ngay: visit.date, buoi: visit.session, dia_diem: visit.place, ly_do: field(request.body, 'ly_do'), ly_do_doi: '' };
    const form = readForm(cancelForm, request.body);
    if (!form.ok) return render(request, reply, visit, { errors: form.errors, typed }, 400);
    try {
      schedule.cancel(visit.campaignId, visit.id, form.value.ly_do, request.actor!, etag(form.value.phien_ban));
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!STALE.has(code)) throw error;
      return render(request, reply, schedule.visit(visit.campaignId, visit.id, request.actor!), { typed, stale: true }, 409);
    }
    return reply.redirect(`/dot/${encodeURIComponent(visit.campaignId)}/buoi/${visit.id}?da=huy`, 303);
  });
};
