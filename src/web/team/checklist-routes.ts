import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { answerEtag } from '../../findings/service.js';
import { contentDisposition } from '../../findings/evidence/rules.js';
import { checklistResults } from '../../findings/tables.js';
import { field, readForm } from '../forms.js';
import { numberParam } from '../leader/context.js';
import type { WebContext } from '../plugin.js';
import { pageUploads } from '../uploads.js';
import { itemAnchor, RESULT_LABELS } from './checklist-view.js';
import { visitPage, wantsJson, type VisitPage } from './context.js';
import { fileRefusal, renderVisitDay } from './visit-day.js';

// The checklist on the day: each item's result and note saved as it is given (a form per item, or the
// page's script posting the same form as the person types), evidence from the phone's camera or a
// file, and the files served back (images inline, for the thumbnails).

type Params = { campaignId: string; visitId: string };
type ItemParams = Params & { itemKey: string };
const page = { config: { access: ['office', 'leader', 'secretary', 'member'] as const, session: true } };

const itemForm = z.object({
  ket_qua: z.union([z.literal(''), z.enum(checklistResults, { error: 'Hãy chọn một kết quả trong danh sách' })]).default(''),
  ghi_chu: z.string().max(10_000, 'Ghi chú dài quá 10.000 ký tự').default(''),
  phien_ban: z.coerce.number().int().min(0),
});

const STALE = new Set(['PRECONDITION_FAILED', 'PRECONDITION_REQUIRED']);
const UPLOAD_REFUSALS = new Set([400, 409, 413, 415]);

function timeLabel(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export const checklistRoutes: FastifyPluginAsync<WebContext> = async (app, { services, config }) => {
  const { findings } = services;
  await pageUploads(app, { maxBytes: findings.evidence.limits.maxBytes, files: 2 });

  const itemUrl = (p: VisitPage, key: string, query = '') => `${p.base}/kiem-tra${query}#${itemAnchor(key)}`;
  const progressText = (answered: number, total: number) => `Đã đánh giá ${answered}/${total} nội dung`;

  app.get<{ Params: Params; Querystring: Record<string, string> }>('/dot/:campaignId/buoi/:visitId/kiem-tra', page, async (request, reply) => {
    const p = visitPage(services, request.actor!, request.params.campaignId, request.params.visitId);
    const done = request.query['da'] ?? null;
    return renderVisitDay(services, request, reply, p, {
      saved: request.query['da_luu'] ?? null,
      uploaded: request.query['da_tai_len'] ?? null,
      conclusion: { done },
    });
  });

  app.post<{ Params: ItemParams }>('/dot/:campaignId/buoi/:visitId/kiem-tra/:itemKey', page, async (request, reply) => {
    const p = visitPage(services, request.actor!, request.params.campaignId, request.params.visitId);
    const key = request.params.itemKey;
    const item = p.checklist.sections.flatMap((s) => s.items).find((i) => i.key === key);
    if (!item) return reply.page('not-found', { title: 'Không tìm thấy trang' }, 404);
    const typed = {
      result: field(request.body, 'ket_qua'),
      note: typeof (request.body as Record<string, unknown>)?.['ghi_chu'] === 'string' ? String((request.body as Record<string, unknown>)['ghi_chu']) : '',
    };
    const form = readForm(itemForm, request.body);
    const json = wantsJson(request.headers);
    if (!form.ok) {
      if (json) return reply.code(400).send({ errors: form.errors, message: Object.values(form.errors).join(' ') });
      return renderVisitDay(services, request, reply, p, { item: { key, typed, errors: form.errors, conflict: null } }, 400);
    }
    const { ket_qua, ghi_chu, phien_ban } = form.value;
    const input = { result: ket_qua === '' ? null : ket_qua, note: ghi_chu.trim() === '' ? null : ghi_chu.trim(), figures: item.answer?.figures ?? [] };
    try {
      const saved = findings.checklist.answer(request.actor!, p.visit.campaignId, p.visit.id, key, input, answerEtag(p.visit.id, key, phien_ban));
      if (json) {
        return reply.send({
          ok: true,
          message: `Đã lưu lúc ${timeLabel(saved.item.answer!.updatedAt, config.timeZone)}`,
          fields: { phien_ban: String(saved.item.answer!.version) },
          progress: progressText(saved.progress.answered, saved.progress.total),
        });
      }
      return reply.redirect(itemUrl(p, key, `?da_luu=${encodeURIComponent(key)}`), 303);
    } catch (error) {
      if (!STALE.has((error as { code?: string }).code ?? '')) throw error;
      // Someone saved this item meanwhile: show theirs beside what was typed; the next save is a knowing one.
      const now = visitPage(services, request.actor!, p.visit.campaignId, String(p.visit.id));
      const current = now.checklist.sections.flatMap((s) => s.items).find((i) => i.key === key)!.answer!;
      const conflict = { result: current.result, note: current.note, by: current.updatedBy, at: current.updatedAt };
      const message = `Nội dung này vừa được ${current.updatedBy} lưu lúc ${timeLabel(current.updatedAt, config.timeZone)} (kết quả: ${current.result ? RESULT_LABELS[current.result] : 'chưa chọn'}; ghi chú: ${current.note ?? 'không có'}). Những gì bạn nhập chưa được lưu; bấm “Lưu” nếu vẫn muốn thay bằng nội dung của bạn.`;
      if (json) return reply.code(409).send({ conflict: true, message, fields: { phien_ban: String(current.version) } });
      return renderVisitDay(services, request, reply, now, { item: { key, typed, errors: {}, conflict } }, 409);
    }
  });

  app.post<{ Params: ItemParams }>('/dot/:campaignId/buoi/:visitId/kiem-tra/:itemKey/minh-chung', page, async (request, reply) => {
    const p = visitPage(services, request.actor!, request.params.campaignId, request.params.visitId);
    const key = request.params.itemKey;
    const refuse = (message: string, status: number) =>
      renderVisitDay(services, request, reply, p, { item: { key, typed: { result: '', note: '' }, errors: { file: message }, conflict: null } }, status);
    const upload = request.pageUpload;
    if (!upload || upload.broken) return refuse('Không đọc được tệp gửi lên; hãy chọn lại tệp rồi bấm “Tải lên”.', 400);
    const ctx = findings.evidence.prepare(request.actor!, p.visit.campaignId, p.visit.id, key);
    let count = 0;
    let current = '';
    try {
      for (let file = await upload.next(); file; file = await upload.next()) {
        current = file.filename;
        await findings.evidence.attach(request.actor!, ctx, key, { fileName: file.filename, mimeType: file.mimetype, stream: file.file });
        count += 1;
      }
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (!UPLOAD_REFUSALS.has(status)) throw error;
      const kept = count > 0 ? ` (${count} tệp trước đó đã được lưu)` : '';
      return refuse(`${fileRefusal(status, (error as Error).message, current, findings.evidence.limits)}${kept}`, status);
    }
    if (count === 0) return refuse('Hãy chụp ảnh hoặc chọn một tệp trước khi bấm “Tải lên”.', 400);
    return reply.redirect(itemUrl(p, key, `?da_tai_len=${encodeURIComponent(key)}`), 303);
  });

  app.post<{ Params: Params & { evidenceId: string } }>('/dot/:campaignId/buoi/:visitId/minh-chung/:evidenceId/xoa', page, async (request, reply) => {
    const p = visitPage(services, request.actor!, request.params.campaignId, request.params.visitId);
    const id = numberParam(request.params.evidenceId);
    const item = p.checklist.sections.flatMap((s) => s.items).find((i) => i.evidence.some((e) => e.id === id));
    findings.evidence.remove(request.actor!, p.visit.campaignId, p.visit.id, id);
    return reply.redirect(item ? itemUrl(p, item.key) : `${p.base}/kiem-tra`, 303);
  });

  app.get<{ Params: Params & { evidenceId: string } }>('/dot/:campaignId/buoi/:visitId/minh-chung/:evidenceId', page, async (request, reply) => {
    const file = findings.evidence.open(request.actor!, request.params.campaignId, numberParam(request.params.visitId), numberParam(request.params.evidenceId));
    sendFile(request, reply, { ...file.evidence, size: file.size });
    return reply.send(file.stream);
  });
};

/** A stored file back to the browser: images inline (thumbnails), anything else as a download. */
export function sendFile(_request: FastifyRequest, reply: FastifyReply, file: { mimeType: string; fileName: string; size: number }): void {
  const disposition = contentDisposition(file.fileName);
  reply
    .type(file.mimeType)
    .header('content-length', String(file.size))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .header('content-disposition', file.mimeType.startsWith('image/') ? disposition.replace(/^attachment/, 'inline') : disposition);
}
