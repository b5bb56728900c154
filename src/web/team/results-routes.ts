import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { teamRoles } from '../../auth/policy.js';
import { addDays } from '../../calendar/rules.js';
import { field } from '../forms.js';
import { deadline, teamContext, type TeamContext } from '../leader/context.js';
import type { WebContext } from '../plugin.js';

// Results of the team's round: a Thông báo kết quả kiểm tra for each unit with a published conclusion
// (due a number of working days after the round, shown before it is late), the team's Báo cáo kết quả
// kiểm tra to the standing office; each previewed as a draft before it is issued, then PDF and Word.

type Params = { campaignId: string; teamNo: string };
const page = { config: { access: teamRoles, session: true } };
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

export const resultsRoutes: FastifyPluginAsync<WebContext> = async (app, { services }) => {
  const { documents, schedule, findings } = services;

  function render(request: FastifyRequest, reply: FastifyReply, ctx: TeamContext, extra: { error?: string | null; issued?: number | null }, status = 200) {
    const actor = request.actor!;
    const own = schedule.byTeam(ctx.campaign.id, ctx.team.number, actor, false);
    const states = new Map(
      findings.conclusions
        .list(actor, ctx.campaign.id)
        .conclusions.filter((c) => c.teamNumber === ctx.team.number)
        .map((c) => [c.visitId, c]),
    );
    const issued = documents.list(ctx.campaign.id, actor, { teamNumber: ctx.team.number }).filter((d) => d.kind !== 'notice');
    const order = [...new Set(own.visits.map((v) => v.unitId))];
    const units = order.map((unitId) => {
      const visits = own.visits.filter((v) => v.unitId === unitId);
      const published = visits.some((v) => states.get(v.id)?.state === 'published');
      const notices = issued.filter((d) => d.kind === 'results-notice' && d.unitId === unitId);
      const current = notices.find((d) => d.status === 'current') ?? null;
      const due = [...visits.map((v) => v.deadlines.resultsNoticeDue)].sort().at(-1)!;
      return {
        unitId,
        unitName: visits[0]!.unitName,
        visits: visits.map((v) => ({ id: v.id, date: v.date, state: states.get(v.id)?.state ?? null })),
        published,
        current,
        earlier: notices.filter((d) => d !== current),
        due: deadline(ctx.calendar, ctx.today, addDays(due, 1)),
      };
    });
    const reports = issued.filter((d) => d.kind === 'team-report');
    const exclusive = ctx.campaign.rules.teamReportDeadlineExclusive;
    return reply.page(
      'team-results',
      {
        title: `${ctx.team.name} · Kết quả kiểm tra`,
        banner: ctx.banner,
        ctx,
        units,
        concluded: units.filter((u) => u.published).length,
        roundOver: own.unscheduledTargets.length === 0 && own.visits.every((v) => states.get(v.id)?.state === 'published'),
        report: {
          current: reports.find((d) => d.status === 'current') ?? null,
          earlier: reports.filter((d) => d.status !== 'current'),
          due: exclusive ? deadline(ctx.calendar, ctx.today, exclusive) : null,
        },
        justIssued: extra.issued ? (issued.find((d) => d.id === extra.issued) ?? null) : null,
        error: extra.error ?? null,
      },
      status,
    );
  }

  async function issue(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, act: (ctx: TeamContext) => number) {
    const ctx = teamContext(services, request.actor!, request.params.campaignId, request.params.teamNo);
    try {
      const location = services.sessions.once(
        request.sessionId!,
        field(request.body, 'lan'),
        () => `${ctx.base}/doan/${ctx.team.number}/ket-qua?da_ban_hanh=${act(ctx)}#ket-qua`,
      );
      return reply.redirect(location, 303);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status !== 409 && status !== 404) throw error;
      return render(request, reply, ctx, { error: (error as Error).message }, status);
    }
  }

  app.get<{ Params: Params; Querystring: Record<string, string> }>('/dot/:campaignId/doan/:teamNo/ket-qua', page, async (request, reply) => {
    const ctx = teamContext(services, request.actor!, request.params.campaignId, request.params.teamNo);
    const issued = /^\d+$/.test(request.query['da_ban_hanh'] ?? '') ? Number(request.query['da_ban_hanh']) : null;
    return render(request, reply, ctx, { issued });
  });

  app.get<{ Params: Params; Querystring: Record<string, string> }>('/dot/:campaignId/doan/:teamNo/ket-qua/du-thao', page, async (request, reply) => {
    const ctx = teamContext(services, request.actor!, request.params.campaignId, request.params.teamNo);
    const unitId = request.query['don_vi'] ?? '';
    if (!ctx.team.targets.some((t) => t.unitId === unitId)) return reply.page('not-found', { title: 'Không tìm thấy trang' }, 404);
    const file = await documents.draftResultsNoticeFile(ctx.campaign.id, ctx.team.number, unitId, 'html', request.actor!);
    return reply.header('content-security-policy', DOCUMENT_CSP).type(file.contentType).send(file.bytes);
  });

  app.get<{ Params: Params }>('/dot/:campaignId/doan/:teamNo/bao-cao/du-thao', page, async (request, reply) => {
    const ctx = teamContext(services, request.actor!, request.params.campaignId, request.params.teamNo);
    const file = await documents.draftTeamReportFile(ctx.campaign.id, ctx.team.number, 'html', request.actor!);
    return reply.header('content-security-policy', DOCUMENT_CSP).type(file.contentType).send(file.bytes);
  });

  app.post<{ Params: Params }>('/dot/:campaignId/doan/:teamNo/ket-qua', page, async (request, reply) =>
    issue(
      request,
      reply,
      (ctx) => documents.issueResultsNotice(ctx.campaign.id, ctx.team.number, { unitId: field(request.body, 'don_vi') }, request.actor!).id,
    ),
  );

  app.post<{ Params: Params }>('/dot/:campaignId/doan/:teamNo/bao-cao', page, async (request, reply) =>
    issue(request, reply, (ctx) => documents.issueTeamReport(ctx.campaign.id, ctx.team.number, {}, request.actor!).id),
  );
};
