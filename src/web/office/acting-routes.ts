import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { officeOnly } from '../../auth/policy.js';
import { isoDate } from '../../http/params.js';
import { etag } from '../../http/etag.js';
import { field, readForm, type FieldErrors } from '../forms.js';
import { numberParam, rehearsalBanner } from '../leader/context.js';
import type { WebContext } from '../plugin.js';
import { auditLine } from './audit-view.js';

// The office acting from pages with the API's own checks: the campaign's local days off (add,
// remove with the version read), and the audit trail of a visit or a unit, page by page.

type Params = { campaignId: string };
const page = { config: { access: officeOnly, session: true } };

const dayForm = z.object({
  ngay: isoDate,
  ten: z.string().trim().min(2, 'Hãy ghi tên ngày nghỉ (ví dụ: Nghỉ bù lễ hội địa phương)').max(200),
  can_cu: z.string().trim().max(500).optional(),
});
const removeForm = z.object({ phien_ban: z.coerce.number().int().min(1) });
const AUDIT_PAGE = 50;

const auditQuery = z.object({
  buoi: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'phải là số của một buổi kiểm tra')
    .transform(Number)
    .optional(),
  don_vi: z.string().min(1).max(80).optional(),
  truoc: z
    .string()
    .regex(/^[1-9]\d{0,12}$/, 'phải là một số')
    .transform(Number)
    .optional(),
});

export const actingRoutes: FastifyPluginAsync<WebContext> = async (app, { services }) => {
  const { calendar, campaigns, audit, schedule } = services;

  function renderDays(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; typed?: Record<string, string>; done?: string | null; stale?: boolean },
    status = 200,
  ) {
    const campaign = campaigns.detail((request.params as Params).campaignId);
    const local = calendar.localExceptions(request.actor!, campaign.id);
    return reply.page(
      'office-days-off',
      {
        title: `Ngày nghỉ riêng · ${campaign.title}`,
        banner: rehearsalBanner(campaign),
        campaign,
        section: 'ngay-nghi',
        days: local.exceptions,
        removed: local.removed,
        errors: extra.errors ?? {},
        typed: { ngay: '', ten: '', can_cu: '', ...extra.typed },
        done: extra.done ?? null,
        stale: extra.stale ?? false,
      },
      status,
    );
  }

  app.get<{ Params: Params; Querystring: Record<string, string> }>('/dot/:campaignId/ngay-nghi', page, async (request, reply) => {
    const done = request.query['da'] === 'them' ? 'added' : request.query['da'] === 'bo' ? 'removed' : null;
    return renderDays(request, reply, { done });
  });

  app.post<{ Params: Params }>('/dot/:campaignId/ngay-nghi', page, async (request, reply) => {
    const typed = { ngay: field(request.body, 'ngay'), ten: field(request.body, 'ten'), can_cu: field(request.body, 'can_cu') };
    const form = readForm(dayForm, request.body);
    if (!form.ok) return renderDays(request, reply, { errors: form.errors, typed }, 400);
    const { campaignId } = request.params;
    try {
      calendar.addLocalDay(request.actor!, campaignId, {
        date: form.value.ngay,
        name: form.value.ten,
        ...(form.value.can_cu ? { legalBasis: form.value.can_cu } : {}),
      });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status !== 400 && status !== 409 && status !== 422) throw error;
      return renderDays(request, reply, { errors: { ngay: (error as Error).message }, typed }, status);
    }
    return reply.redirect(`/dot/${encodeURIComponent(campaignId)}/ngay-nghi?da=them#ket-qua`, 303);
  });

  app.post<{ Params: Params & { date: string } }>('/dot/:campaignId/ngay-nghi/:date/bo', page, async (request, reply) => {
    const { campaignId } = request.params;
    const date = isoDate.safeParse(request.params.date);
    const form = readForm(removeForm, request.body);
    if (!date.success || !form.ok) return renderDays(request, reply, { errors: { ngay: 'Ngày hoặc phiên bản không hợp lệ; hãy tải lại trang.' } }, 400);
    try {
      calendar.removeLocalDay(request.actor!, campaignId, date.data, (current) => {
        if (current !== etag(form.value.phien_ban)) throw Object.assign(new Error('stale'), { code: 'PRECONDITION_FAILED', statusCode: 412 });
      });
    } catch (error) {
      if ((error as { code?: string }).code !== 'PRECONDITION_FAILED') throw error;
      return renderDays(request, reply, { stale: true }, 409);
    }
    return reply.redirect(`/dot/${encodeURIComponent(campaignId)}/ngay-nghi?da=bo#ket-qua`, 303);
  });

  app.get<{ Params: Params; Querystring: Record<string, unknown> }>('/dot/:campaignId/nhat-ky', page, async (request, reply) => {
    const campaign = campaigns.detail(request.params.campaignId);
    const parsed = auditQuery.safeParse(request.query);
    if (!parsed.success || (parsed.data.buoi === undefined) === (parsed.data.don_vi === undefined)) {
      return reply.page(
        'error',
        { title: 'Không xem được nhật ký', message: 'Hãy chọn một buổi kiểm tra (buoi) hoặc một đơn vị (don_vi) để xem nhật ký.', status: 400 },
        400,
      );
    }
    const { buoi, don_vi, truoc } = parsed.data;
    let subject: string;
    if (buoi !== undefined) {
      const visit = schedule.visit(campaign.id, numberParam(String(buoi)), request.actor!);
      subject = `Buổi kiểm tra tại ${visit.unitName}, Đoàn ${String(visit.teamNumber).padStart(2, '0')}, ngày ${visit.date.split('-').reverse().join('/')}`;
    } else {
      subject = campaigns.unit(campaign.id, don_vi!).name;
    }
    const trail = audit.page({ campaignId: campaign.id, visitId: buoi, unitId: don_vi, beforeId: truoc, limit: AUDIT_PAGE });
    const base = `/dot/${encodeURIComponent(campaign.id)}/nhat-ky?${buoi !== undefined ? `buoi=${buoi}` : `don_vi=${encodeURIComponent(don_vi!)}`}`;
    return reply.page('office-audit', {
      title: `Nhật ký · ${subject}`,
      banner: rehearsalBanner(campaign),
      campaign,
      section: 'nhat-ky',
      subject,
      visitId: buoi ?? null,
      entries: trail.entries.map(auditLine),
      older: trail.nextBefore ? `${base}&truoc=${trail.nextBefore}` : null,
      newest: truoc ? base : null,
    });
  });
};
