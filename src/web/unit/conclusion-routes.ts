import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.js';
import { canSeeUnitPrivate } from '../../auth/policy.js';
import { addDays } from '../../calendar/rules.js';
import { UnitNotFound } from '../../campaigns/service.js';
import type { RecommendationListItem } from '../../findings/conclusions/schema.js';
import { recommendationEtag } from '../../findings/service.js';
import { isoDate } from '../../http/params.js';
import { localToday } from '../../text/dates.js';
import { readForm, type FieldErrors } from '../forms.js';
import { deadline, numberParam, rehearsalBanner } from '../leader/context.js';
import type { WebContext } from '../plugin.js';
import { fileBadge, fileSize } from '../team/checklist-view.js';
import { sendFile } from '../team/checklist-routes.js';
import { acceptList, fileRefusal, maxSizeLabel } from '../team/visit-day.js';
import { pageUploads } from '../uploads.js';

// The conclusion as the inspected unit sees it (only what was published), and the recommendations
// addressed to the unit, each answered here: done, or in progress with the day it expects to finish,
// with a note and evidence. The standing office follows every answer.

type Params = { campaignId: string; unitId: string };
const page = { config: { access: ['office', 'unit', 'member'] as const, session: true } };

const answerForm = z
  .object({
    trang_thai: z.enum(['done', 'in-progress'], { error: 'Hãy chọn: đã thực hiện xong, hoặc đang thực hiện' }),
    ngay_du_kien: z.union([z.literal(''), isoDate]).default(''),
    ghi_chu: z.string().trim().min(1, 'Hãy ghi đơn vị đã làm gì hoặc đang làm gì').max(4000, 'Ghi chú dài quá 4.000 ký tự'),
    phien_ban: z.coerce.number().int().min(0),
  })
  .superRefine((form, ctx) => {
    if (form.trang_thai === 'in-progress' && form.ngay_du_kien === '')
      ctx.addIssue({ code: 'custom', path: ['ngay_du_kien'], message: 'Đang thực hiện thì hãy chọn ngày dự kiến hoàn thành' });
  });

/** The revision inside a recommendation's ETag ("r12.3" → 3), carried by its form as phien_ban. */
const revisionOf = (etag: string) => Number(/\.(\d+)"$/.exec(etag)?.[1] ?? 0);

export const unitConclusionRoutes: FastifyPluginAsync<WebContext> = async (app, { services, config }) => {
  const { findings } = services;
  await pageUploads(app, { maxBytes: findings.recommendationFiles.limits.maxBytes, files: 1 });
  const baseOf = (campaignId: string, unitId: string) => `/dot/${encodeURIComponent(campaignId)}/don-vi/${encodeURIComponent(unitId)}`;

  function own(actor: Actor, { campaignId, unitId }: Params): void {
    if (!canSeeUnitPrivate(actor, campaignId, unitId)) throw new UnitNotFound(campaignId, unitId);
  }

  interface State {
    id: number;
    typed: Record<string, string>;
    errors: FieldErrors;
    message: string | null;
  }

  function renderRecommendations(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    extra: { state?: State | null; done?: string | null },
    status = 200,
  ) {
    const { campaignId, unitId } = request.params;
    const actor = request.actor!;
    const campaign = services.campaigns.detail(campaignId);
    const today = localToday(services.now(), config.timeZone);
    const calendar = services.calendar.forCampaign(campaignId);
    const base = baseOf(campaignId, unitId);
    const list = findings.recommendations.list(actor, campaignId, { unitId });
    const items = list.map((r: RecommendationListItem) => {
      const state = extra.state?.id === r.id ? extra.state : null;
      return {
        ...r,
        revision: revisionOf(r.etag),
        due: deadline(calendar, today, addDays(r.effectiveDueDate, 1)),
        fromUnit: r.unitId === unitId ? null : (services.campaigns.unitNames(campaignId, [r.unitId]).get(r.unitId) ?? r.unitId),
        conclusionHref: r.unitId === unitId ? `${base}/ket-luan/${r.visitId}` : null,
        files: r.evidence.map((f) => ({
          ...f,
          href: `${base}/kien-nghi/${r.id}/minh-chung/${f.id}`,
          image: f.mimeType.startsWith('image/'),
          badge: fileBadge(f.fileName),
          size: fileSize(f.size),
        })),
        typed: state?.typed ?? { trang_thai: r.status === 'open' ? '' : r.status, ngay_du_kien: r.expectedDate ?? '', ghi_chu: '' },
        errors: state?.errors ?? {},
        message: state?.message ?? null,
      };
    });
    return reply.page(
      'unit-recommendations',
      {
        title: 'Kiến nghị đơn vị thực hiện',
        banner: rehearsalBanner(campaign),
        base,
        unitName: services.campaigns.unitNames(campaignId, [unitId]).get(unitId) ?? unitId,
        items,
        done: extra.done ?? null,
        accept: acceptList(findings.recommendationFiles.limits.types),
        maxSize: maxSizeLabel(findings.recommendationFiles.limits.maxBytes),
        today,
      },
      status,
    );
  }

  app.get<{ Params: Params & { visitId: string } }>('/dot/:campaignId/don-vi/:unitId/ket-luan/:visitId', page, async (request, reply) => {
    const { campaignId, unitId } = request.params;
    own(request.actor!, request.params);
    const visit = services.schedule.get(campaignId, numberParam(request.params.visitId));
    if (visit.unitId !== unitId) return reply.page('not-found', { title: 'Không tìm thấy trang' }, 404);
    const { view } = findings.conclusions.get(request.actor!, campaignId, visit.id);
    const campaign = services.campaigns.detail(campaignId);
    const base = baseOf(campaignId, unitId);
    const published = view.published
      ? {
          ...view.published,
          recommendations: view.published.recommendations.map((r) => ({
            ...r,
            unitName: r.responsibleUnitName,
            note: r.statusNote,
            ours: r.responsibleUnitId === unitId,
          })),
        }
      : null;
    return reply.page('unit-conclusion', {
      title: `Kết luận kiểm tra tại ${view.unitName}`,
      banner: rehearsalBanner(campaign),
      base,
      visit,
      teamName: services.campaigns.team(campaignId, visit.teamNumber).name,
      conclusion: view,
      published,
      ours: published?.recommendations.filter((r) => r.ours).length ?? 0,
    });
  });

  app.get<{ Params: Params; Querystring: Record<string, string> }>('/dot/:campaignId/don-vi/:unitId/kien-nghi', page, async (request, reply) => {
    own(request.actor!, request.params);
    return renderRecommendations(request, reply, { done: request.query['da'] ?? null });
  });

  app.post<{ Params: Params & { recommendationId: string } }>('/dot/:campaignId/don-vi/:unitId/kien-nghi/:recommendationId', page, async (request, reply) => {
    const { campaignId, unitId } = request.params;
    own(request.actor!, request.params);
    const id = numberParam(request.params.recommendationId);
    const body = (request.body ?? {}) as Record<string, string>;
    const typed = { trang_thai: body['trang_thai'] ?? '', ngay_du_kien: body['ngay_du_kien'] ?? '', ghi_chu: body['ghi_chu'] ?? '' };
    const form = readForm(answerForm, request.body);
    if (!form.ok) return renderRecommendations(request, reply, { state: { id, typed, errors: form.errors, message: null } }, 400);
    const { trang_thai, ngay_du_kien, ghi_chu, phien_ban } = form.value;
    try {
      findings.recommendations.answer(
        request.actor!,
        campaignId,
        id,
        { status: trang_thai, note: ghi_chu, ...(trang_thai === 'in-progress' ? { expectedDate: ngay_du_kien } : {}) },
        recommendationEtag({ id, revision: phien_ban }),
      );
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (code === 'PRECONDITION_FAILED' || code === 'PRECONDITION_REQUIRED') {
        return renderRecommendations(
          request,
          reply,
          {
            state: {
              id,
              typed,
              errors: {},
              message:
                'Kiến nghị này vừa được người khác cập nhật sau khi bạn mở trang; câu trả lời của bạn chưa được lưu. Xem tình hình mới nhất ở trên rồi gửi lại nếu vẫn cần.',
            },
          },
          409,
        );
      }
      if (code === 'VALIDATION_FAILED') {
        return renderRecommendations(
          request,
          reply,
          { state: { id, typed, errors: { ngay_du_kien: 'Ngày dự kiến hoàn thành đã qua; hãy chọn từ hôm nay trở đi.' }, message: null } },
          400,
        );
      }
      if (status !== 409) throw error;
      return renderRecommendations(request, reply, { state: { id, typed, errors: {}, message: (error as Error).message } }, 409);
    }
    return reply.redirect(`${baseOf(campaignId, unitId)}/kien-nghi?da=${id}#kn-${id}`, 303);
  });

  app.post<{ Params: Params & { recommendationId: string } }>(
    '/dot/:campaignId/don-vi/:unitId/kien-nghi/:recommendationId/minh-chung',
    page,
    async (request, reply) => {
      const { campaignId, unitId } = request.params;
      own(request.actor!, request.params);
      const id = numberParam(request.params.recommendationId);
      const refuse = (message: string, status: number) =>
        renderRecommendations(
          request,
          reply,
          { state: { id, typed: { trang_thai: '', ngay_du_kien: '', ghi_chu: '' }, errors: { file: message }, message: null } },
          status,
        );
      const rec = findings.recommendationFiles.prepare(request.actor!, campaignId, id);
      const upload = request.pageUpload;
      const file = upload && !upload.broken ? await upload.next() : null;
      if (!file) return refuse('Hãy chọn tệp hoặc chụp ảnh trước khi bấm “Tải lên”.', 400);
      try {
        await findings.recommendationFiles.attach(request.actor!, rec, { fileName: file.filename, mimeType: file.mimetype, stream: file.file });
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode ?? 500;
        if (![400, 409, 413, 415].includes(status)) throw error;
        return refuse(fileRefusal(status, (error as Error).message, file.filename, findings.recommendationFiles.limits), status);
      }
      return reply.redirect(`${baseOf(campaignId, unitId)}/kien-nghi?da=${id}#kn-${id}`, 303);
    },
  );

  app.get<{ Params: Params & { recommendationId: string; fileId: string } }>(
    '/dot/:campaignId/don-vi/:unitId/kien-nghi/:recommendationId/minh-chung/:fileId',
    page,
    async (request, reply) => {
      own(request.actor!, request.params);
      const found = findings.recommendationFiles.open(
        request.actor!,
        request.params.campaignId,
        numberParam(request.params.recommendationId),
        numberParam(request.params.fileId),
      );
      sendFile(request, reply, { ...found.file, size: found.size });
      return reply.send(found.stream);
    },
  );
};
