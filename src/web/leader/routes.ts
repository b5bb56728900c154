import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isOffice, teamRoles } from '../../auth/policy.js';
import { addDays, latestNoticeDate, listDays } from '../../calendar/rules.js';
import { isoDate } from '../../http/params.js';
import { DOUBLE_BOOKINGS } from '../../schedule/rules.js';
import type { VisitView } from '../../schedule/schema.js';
import { field, readForm, type FieldErrors } from '../forms.js';
import type { WebContext } from '../plugin.js';
import { buildBoard, relatedVisits } from './board.js';
import { deadline, needingNotice, overrideReason, teamContext, type TeamContext } from './context.js';
import { noticeRoutes } from './notice-routes.js';
import { visitRoutes } from './visit-routes.js';

// The team leader's pages: home (deadlines and what is left to do) and the planning board, from which
// visits are registered after the same dry-run check the API offers.

type Params = { campaignId: string; teamNo: string };

const page = { config: { access: teamRoles, session: true } };

export const slotForm = z.object({
  don_vi: z.string().trim().min(1, 'Hãy chọn đơn vị được kiểm tra').max(80),
  ngay: isoDate,
  buoi: z.enum(['sang', 'chieu', 'ca-ngay'], { error: 'Hãy chọn buổi sáng, buổi chiều hoặc cả ngày' }),
  dia_diem: z.string().trim().max(500).optional(),
});

export const leaderRoutes: FastifyPluginAsync<WebContext> = async (app, context) => {
  const { services } = context;
  const { schedule, campaigns } = services;

  app.get<{ Params: Params }>('/dot/:campaignId/doan/:teamNo', page, async (request, reply) => {
    const { campaignId, teamNo } = request.params;
    const ctx = teamContext(services, request.actor!, campaignId, teamNo);
    const own = schedule.byTeam(campaignId, ctx.team.number, request.actor!, false);
    const notices = needingNotice(ctx, own.visits);
    const rules = ctx.campaign.rules;
    const deadlineOf = (exclusive: string | null) => (exclusive ? deadline(ctx.calendar, ctx.today, exclusive) : null);
    return reply.page('leader-home', {
      title: `${ctx.team.name} · Trang chính`,
      banner: ctx.banner,
      ctx,
      registration: ctx.registration,
      window: { start: rules.window.start, last: deadline(ctx.calendar, ctx.today, rules.window.endExclusive).lastDay },
      resultsDue: own.resultsNoticeDue,
      teamReport: deadlineOf(rules.teamReportDeadlineExclusive),
      unscheduled: own.unscheduledTargets,
      notices,
      visits: own.visits,
      scheduledCount: ctx.team.targets.length - own.unscheduledTargets.length,
    });
  });

  app.get<{ Params: Params; Querystring: Record<string, string> }>('/dot/:campaignId/doan/:teamNo/lich', page, async (request, reply) => {
    const { campaignId, teamNo } = request.params;
    const ctx = teamContext(services, request.actor!, campaignId, teamNo);
    const movingId = /^\d+$/.test(request.query['doi'] ?? '') ? Number(request.query['doi']) : null;
    const moving = movingId === null ? null : schedule.visit(campaignId, movingId, request.actor!);
    if (moving && moving.teamNumber !== ctx.team.number) return reply.page('not-found', { title: 'Không tìm thấy trang' }, 404);
    const board = boardData(ctx, request, moving);
    const done = /^\d+$/.test(request.query['da_dang_ky'] ?? '') ? doneMessage(ctx, request, Number(request.query['da_dang_ky'])) : null;
    return reply.page('board', { title: `${ctx.team.name} · Lịch kiểm tra`, banner: ctx.banner, ctx, moving, done, ...board });
  });

  /** The dry run of one cell: what registering (or moving there) would find, and the form to confirm. */
  app.get<{ Params: Params; Querystring: Record<string, string> }>('/dot/:campaignId/doan/:teamNo/lich/chon', page, async (request, reply) => {
    const { campaignId, teamNo } = request.params;
    const ctx = teamContext(services, request.actor!, campaignId, teamNo);
    const parsed = slotForm.safeParse(request.query);
    if (!parsed.success) return reply.redirect(`${ctx.base}/doan/${ctx.team.number}/lich`, 303);
    const movingId = /^\d+$/.test(request.query['doi'] ?? '') ? Number(request.query['doi']) : null;
    return renderChoice(request, reply, ctx, parsed.data, movingId, {});
  });

  app.post<{ Params: Params }>('/dot/:campaignId/doan/:teamNo/lich', page, async (request, reply) => {
    const { campaignId, teamNo } = request.params;
    const ctx = teamContext(services, request.actor!, campaignId, teamNo);
    const form = readForm(slotForm.extend({ ly_do: overrideReason }), request.body);
    if (!form.ok) {
      const slot = slotForm.safeParse(request.body);
      // Only the written reason is wrong: the same check again, with the reason typed and its message.
      if (slot.success && Object.keys(form.errors).every((k) => k === 'ly_do')) {
        return renderChoice(request, reply, ctx, slot.data, null, form.errors, 400, field(request.body, 'ly_do'));
      }
      return renderChoiceFromBody(request, reply, ctx, form.errors);
    }
    const { don_vi, ngay, buoi, dia_diem, ly_do } = form.value;
    const input = {
      teamNumber: ctx.team.number,
      unitId: don_vi,
      date: ngay,
      session: buoi,
      ...(dia_diem ? { place: dia_diem } : {}),
      ...(ly_do ? { override: { reason: ly_do } } : {}),
    };
    try {
      const location = services.sessions.once(request.sessionId!, field(request.body, 'lan'), () => {
        const result = schedule.register(campaignId, input, request.actor!);
        return `${ctx.base}/doan/${ctx.team.number}/lich?da_dang_ky=${result.visit.id}#ket-qua`;
      });
      return reply.redirect(location, 303);
    } catch (error) {
      // Someone took the session meanwhile: the same page again, with what the check finds now.
      if ((error as { code?: string }).code !== 'VISIT_CLASH') throw error;
      const errors: FieldErrors =
        isOffice(request.actor!) && !ly_do ? { ly_do: 'Buổi này trùng lịch hoặc đã hết hạn đăng ký: hãy ghi lý do để đăng ký vượt quy định.' } : {};
      return renderChoice(request, reply, ctx, form.value, null, errors, 409, ly_do ?? '');
    }
  });

  function renderChoiceFromBody(request: FastifyRequest, reply: FastifyReply, ctx: TeamContext, errors: FieldErrors) {
    const body = (request.body ?? {}) as Record<string, string>;
    const slot = { don_vi: field(body, 'don_vi'), ngay: field(body, 'ngay'), buoi: field(body, 'buoi') as 'sang', dia_diem: field(body, 'dia_diem') };
    const typed = { dia_diem: field(body, 'dia_diem'), ly_do: field(body, 'ly_do') };
    return reply.page(
      'choose',
      { title: 'Đăng ký lịch kiểm tra', banner: ctx.banner, ctx, slot, check: null, target: null, moving: null, errors, typed, lastNotice: null },
      400,
    );
  }

  function renderChoice(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: TeamContext,
    slot: z.output<typeof slotForm>,
    movingId: number | null,
    errors: FieldErrors,
    status = 200,
    typedReason = '',
  ) {
    const target = ctx.team.targets.find((t) => t.unitId === slot.don_vi);
    if (!target) return reply.page('not-found', { title: 'Không tìm thấy trang' }, 404);
    const moving = movingId === null ? null : schedule.visit(ctx.campaign.id, movingId, request.actor!);
    const check = moving
      ? schedule.checkMove(ctx.campaign.id, moving.id, { date: slot.ngay, session: slot.buoi }, request.actor!)
      : schedule.check(ctx.campaign.id, { teamNumber: ctx.team.number, unitId: slot.don_vi, date: slot.ngay, session: slot.buoi }, request.actor!);
    const data = {
      title: moving ? 'Đổi lịch kiểm tra' : 'Đăng ký lịch kiểm tra',
      banner: ctx.banner,
      ctx,
      slot,
      target,
      moving,
      check,
      // "Trùng lịch" heads the refusal only when someone would be in two places at once; a closed
      // deadline or a day outside the window is a refusal, not a clash.
      clash: check.errors.some((issue) => DOUBLE_BOOKINGS.has(issue.code)),
      errors,
      typed: { dia_diem: slot.dia_diem ?? '', ly_do: typedReason },
      lastNotice: latestNoticeDate(ctx.calendar, slot.ngay, ctx.campaign.rules.notice.leadWorkingDays, ctx.campaign.rules.notice.convention),
    };
    return reply.page('choose', data, status);
  }

  function boardData(ctx: TeamContext, request: FastifyRequest, moving: VisitView | null) {
    const rules = ctx.campaign.rules;
    const from = rules.window.start;
    const to = addDays(rules.window.endExclusive, -1);
    const days = listDays(ctx.calendar, from, to);
    const free = new Map(ctx.team.targets.map((t) => [t.unitId, schedule.freeSessions(ctx.campaign.id, { team: ctx.team.number, unit: t.unitId, from, to })]));
    const teamSchedule = schedule.byTeam(ctx.campaign.id, ctx.team.number, request.actor!, false);
    const board = buildBoard({
      campaignId: ctx.campaign.id,
      teamNumber: ctx.team.number,
      days,
      targets: ctx.team.targets.map((t) => ({ unitId: t.unitId, name: t.name })),
      free,
      visits: teamSchedule.visits,
      canRegister: ctx.canRegister,
      moving,
      canOverride: isOffice(request.actor!),
    });
    const structure = campaigns.teams(ctx.campaign.id);
    const ownUnits = new Set([ctx.team.leader.unitId, ...ctx.team.members.map((m) => m.unitId), ...ctx.team.targets.map((t) => t.unitId)]);
    const linkedTeams = new Set(
      structure
        .filter((t) => t.number !== ctx.team.number && [t.leader.unitId, ...t.members.map((m) => m.unitId)].some((u) => ownUnits.has(u)))
        .map((t) => t.number),
    );
    const others = relatedVisits(schedule.listForCampaign(ctx.campaign.id), ctx.team.number, ownUnits, linkedTeams);
    return { board, days, others, unscheduled: teamSchedule.unscheduledTargets };
  }

  function doneMessage(ctx: TeamContext, request: FastifyRequest, visitId: number) {
    const visit = schedule.visit(ctx.campaign.id, visitId, request.actor!);
    return { visit, lastNotice: visit.deadlines.latestNoticeDate };
  }

  await app.register(visitRoutes, context);
  await app.register(noticeRoutes, context);
};
