import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { anyRole, teamRoles } from '../../auth/policy.js';
import type { DocumentFormat } from '../../documents/service.js';
import { field } from '../forms.js';
import type { WebContext } from '../plugin.js';
import { needingNotice, numberParam, teamContext, type TeamContext } from './context.js';

// Notices from the board: the visits still needing one (with the last day to issue it), a preview of
// the draft (the very HTML the PDF is made from), issuing, and every issued notice with the visits it
// covers and its PDF and Word files.

type Params = { campaignId: string; teamNo: string };
const page = { config: { access: teamRoles, session: true } };

// The document's own HTML (its inline stylesheet, nothing else), as the API serves it.
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";
const FORMATS = new Set<DocumentFormat>(['pdf', 'docx', 'html']);

/** Visit ids chosen in a form or a query (?buoi=3&buoi=5), as numbers. */
function chosenVisits(value: unknown): number[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && /^[1-9]\d{0,9}$/.test(v)).map(Number))];
}

export const noticeRoutes: FastifyPluginAsync<WebContext> = async (app, { services }) => {
  const { documents, schedule } = services;

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: TeamContext,
    extra: { error?: string | null; chosen?: number[]; issued?: number | null },
    status = 200,
  ) {
    const visits = schedule.byTeam(ctx.campaign.id, ctx.team.number, request.actor!, false).visits;
    const waiting = needingNotice(ctx, visits);
    const issued = documents
      .list(ctx.campaign.id, request.actor!, { teamNumber: ctx.team.number, kind: 'notice' })
      .map((d) => ({ ...d, visits: visits.filter((v) => d.visitIds.includes(v.id)) }));
    const chosen = extra.chosen ?? waiting.filter((w) => !w.late).map((w) => w.visit.id);
    return reply.page(
      'notices',
      {
        title: `${ctx.team.name} · Thông báo kiểm tra`,
        banner: ctx.banner,
        ctx,
        waiting: waiting.map((w) => ({ ...w, checked: chosen.includes(w.visit.id) })),
        issued,
        justIssued: extra.issued ? (issued.find((d) => d.id === extra.issued) ?? null) : null,
        error: extra.error ?? null,
      },
      status,
    );
  }

  app.get<{ Params: Params; Querystring: Record<string, string> }>('/dot/:campaignId/doan/:teamNo/thong-bao', page, async (request, reply) => {
    const ctx = teamContext(services, request.actor!, request.params.campaignId, request.params.teamNo);
    const issued = /^\d+$/.test(request.query['da_ban_hanh'] ?? '') ? Number(request.query['da_ban_hanh']) : null;
    return render(request, reply, ctx, { issued });
  });

  app.get<{ Params: Params; Querystring: Record<string, unknown> }>('/dot/:campaignId/doan/:teamNo/thong-bao/du-thao', page, async (request, reply) => {
    const ctx = teamContext(services, request.actor!, request.params.campaignId, request.params.teamNo);
    const ids = chosenVisits(request.query['buoi']);
    if (ids.length === 0) return render(request, reply, ctx, { error: 'Hãy chọn ít nhất một buổi kiểm tra để xem dự thảo.', chosen: [] }, 400);
    const file = await documents.draftNoticeFile(ctx.campaign.id, ctx.team.number, ids, 'html', request.actor!);
    return reply.header('content-security-policy', DOCUMENT_CSP).type(file.contentType).send(file.bytes);
  });

  app.post<{ Params: Params }>('/dot/:campaignId/doan/:teamNo/thong-bao', page, async (request, reply) => {
    const ctx = teamContext(services, request.actor!, request.params.campaignId, request.params.teamNo);
    const ids = chosenVisits((request.body as Record<string, unknown> | undefined)?.['buoi']);
    if (ids.length === 0) return render(request, reply, ctx, { error: 'Hãy chọn ít nhất một buổi kiểm tra để ban hành thông báo.', chosen: [] }, 400);
    try {
      const location = services.sessions.once(request.sessionId!, field(request.body, 'lan'), () => {
        const notice = documents.issueNotice(ctx.campaign.id, ctx.team.number, { visitIds: ids }, request.actor!);
        return `${ctx.base}/doan/${ctx.team.number}/thong-bao?da_ban_hanh=${notice.id}#ket-qua`;
      });
      return reply.redirect(location, 303);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status !== 409 && status !== 400) throw error;
      return render(request, reply, ctx, { error: (error as Error).message, chosen: ids }, status);
    }
  });

  app.get<{ Params: { campaignId: string; documentId: string; format: string } }>(
    '/dot/:campaignId/van-ban/:documentId/:format',
    { config: { access: anyRole, session: true } },
    async (request, reply) => {
      const format = request.params.format as DocumentFormat;
      if (!FORMATS.has(format)) return reply.page('not-found', { title: 'Không tìm thấy trang' }, 404);
      const file = await documents.file(request.params.campaignId, numberParam(request.params.documentId), format, request.actor!);
      if (format === 'html') reply.header('content-security-policy', DOCUMENT_CSP);
      const disposition = format === 'html' ? 'inline' : 'attachment';
      return reply.type(file.contentType).header('content-disposition', `${disposition}; filename="${file.filename}"`).send(file.bytes);
    },
  );
};
