import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { publishInput } from '../../findings/conclusions/schema.js';
import { conclusionEtag } from '../../findings/service.js';
import { problemExtensions, type FieldIssue, type ProblemError } from '../../http/errors.js';
import { field } from '../forms.js';
import type { WebContext } from '../plugin.js';
import { checkDraft, typedDraft, withBlanks, type DraftTyped } from './conclusion-view.js';
import { visitPage, type VisitPage } from './context.js';
import { renderVisitDay } from './visit-day.js';

// The conclusion, on the visit page: the leader (or the secretary) drafts it; the leader publishes it,
// amends it with a reason, or withdraws it with a reason. Each form carries the conclusion's revision,
// so a change made meanwhile by someone else is shown instead of overwritten.

type Params = { campaignId: string; visitId: string };
const page = { config: { access: ['office', 'leader', 'secretary'] as const, session: true } };

const STALE = new Set(['PRECONDITION_FAILED', 'PRECONDITION_REQUIRED']);
// Refusals a person can act on: shown on the page beside the form, with the service's words.
const REFUSED = new Set([400, 403, 409, 422]);

/** A field the service names ("recommendations[1].responsibleUnitId") as the form names it. */
function formField(serviceField: string): string {
  const row = /^recommendations\[(\d+)\]\.(\w+)$/.exec(serviceField);
  if (row) return `${row[2] === 'dueDate' ? 'kn_han' : row[2] === 'responsibleUnitId' ? 'kn_don_vi' : 'kn_noi_dung'}:${row[1]}`;
  return (
    { achieved: 'ket_qua', shortcomings: 'ton_tai', causes: 'nguyen_nhan', reason: 'ly_do', checklistReason: 'ly_do_danh_muc' }[serviceField] ?? serviceField
  );
}

/** The service's message without the API field names it ends with ("… (checklistReason)"): the page shows each beside its field. */
function pageMessage(message: string, listed: FieldIssue[]): string {
  return listed.reduce((text, issue) => text.replace(` (${issue.field})`, ''), message);
}

type Reasons = { ly_do: string; ly_do_danh_muc: string };

export const conclusionRoutes: FastifyPluginAsync<WebContext> = async (app, { services }) => {
  const { conclusions } = services.findings;
  const back = (p: VisitPage, done: string) => `${p.base}/kiem-tra?da=${done}#ket-luan`;

  function refused(request: FastifyRequest, reply: FastifyReply, p: VisitPage, error: unknown, typed: DraftTyped | null, reasons: Reasons | null = null) {
    const code = (error as { code?: string }).code ?? '';
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const fresh = () => visitPage(services, request.actor!, p.visit.campaignId, String(p.visit.id));
    if (STALE.has(code)) return renderVisitDay(services, request, reply, fresh(), { conclusion: { typed, reasons, stale: true } }, 409);
    if (!REFUSED.has(status)) throw error;
    const listed = ((error as ProblemError)[problemExtensions]?.['errors'] ?? []) as FieldIssue[];
    const errors = Object.fromEntries(listed.map((i) => [formField(i.field), i.message]));
    const message = pageMessage((error as Error).message, listed);
    return renderVisitDay(services, request, reply, fresh(), { conclusion: { typed, reasons, errors, message } }, status === 422 ? 400 : status);
  }

  app.post<{ Params: Params }>('/dot/:campaignId/buoi/:visitId/ket-luan', page, async (request, reply) => {
    const p = visitPage(services, request.actor!, request.params.campaignId, request.params.visitId);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const typed = typedDraft(body, p.visit.unitId);
    const shown = {
      ...typed,
      rows: withBlanks(
        typed.rows.filter((r) => r.text !== '' || r.dueDate !== ''),
        p.visit.unitId,
      ),
    };
    const checked = checkDraft(typed);
    if (!checked.ok) return renderVisitDay(services, request, reply, p, { conclusion: { typed, errors: checked.errors } }, 400);
    const revision = Number(field(body, 'phien_ban')) || 0;
    try {
      conclusions.saveDraft(
        request.actor!,
        p.visit.campaignId,
        p.visit.id,
        checked.input,
        revision === 0 ? undefined : conclusionEtag({ visitId: p.visit.id, revision }),
      );
    } catch (error) {
      return refused(request, reply, p, error, shown);
    }
    return reply.redirect(back(p, 'luu-du-thao'), 303);
  });

  app.post<{ Params: Params }>('/dot/:campaignId/buoi/:visitId/ket-luan/ban-hanh', page, async (request, reply) => {
    const p = visitPage(services, request.actor!, request.params.campaignId, request.params.visitId);
    const reasons: Reasons = { ly_do: field(request.body, 'ly_do'), ly_do_danh_muc: field(request.body, 'ly_do_danh_muc') };
    const reason = reasons.ly_do;
    // The API's own rule for the reason of publishing with the checklist unfinished (one schema for both).
    const checklistReason = reasons.ly_do_danh_muc === '' ? undefined : publishInput.shape.checklistReason.safeParse(reasons.ly_do_danh_muc);
    if (checklistReason && !checklistReason.success) {
      return renderVisitDay(
        services,
        request,
        reply,
        p,
        { conclusion: { reasons, errors: { ly_do_danh_muc: `Lý do chưa đủ: ${checklistReason.error.issues[0]!.message}.` } } },
        400,
      );
    }
    try {
      const etag = conclusionEtag({ visitId: p.visit.id, revision: Number(field(request.body, 'phien_ban')) || 0 });
      conclusions.publish(request.actor!, p.visit.campaignId, p.visit.id, reason === '' ? undefined : reason, etag, checklistReason?.data);
    } catch (error) {
      if ((error as { code?: string }).code === 'AMENDMENT_REASON_REQUIRED') {
        return renderVisitDay(services, request, reply, p, { conclusion: { reasons, errors: { ly_do: 'Sửa đổi kết luận đã ban hành cần ghi lý do.' } } }, 400);
      }
      return refused(request, reply, p, error, null, reasons);
    }
    return reply.redirect(back(p, 'ban-hanh'), 303);
  });

  app.post<{ Params: Params }>('/dot/:campaignId/buoi/:visitId/ket-luan/thu-hoi', page, async (request, reply) => {
    const p = visitPage(services, request.actor!, request.params.campaignId, request.params.visitId);
    const reason = field(request.body, 'ly_do_thu_hoi');
    if (reason.length < 3) {
      return renderVisitDay(
        services,
        request,
        reply,
        p,
        { conclusion: { errors: { ly_do_thu_hoi: 'Hãy ghi lý do thu hồi (ít nhất 3 ký tự); lý do được gửi cùng thông báo cho cơ quan thường trực.' } } },
        400,
      );
    }
    try {
      const etag = conclusionEtag({ visitId: p.visit.id, revision: Number(field(request.body, 'phien_ban')) || 0 });
      conclusions.withdraw(request.actor!, p.visit.campaignId, p.visit.id, reason, etag);
    } catch (error) {
      return refused(request, reply, p, error, null);
    }
    return reply.redirect(back(p, 'thu-hoi'), 303);
  });

  app.post<{ Params: Params }>('/dot/:campaignId/buoi/:visitId/ket-luan/huy-du-thao', page, async (request, reply) => {
    const p = visitPage(services, request.actor!, request.params.campaignId, request.params.visitId);
    try {
      const etag = conclusionEtag({ visitId: p.visit.id, revision: Number(field(request.body, 'phien_ban')) || 0 });
      conclusions.discardDraft(request.actor!, p.visit.campaignId, p.visit.id, etag);
    } catch (error) {
      return refused(request, reply, p, error, null);
    }
    return reply.redirect(back(p, 'huy-du-thao'), 303);
  });
};
