import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/actor.js';
import { canSeeUnitPrivate, isOffice } from '../../auth/policy.js';
import { UnitNotFound } from '../../campaigns/service.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { problemExtensions, type FieldIssue, type ProblemError } from '../../http/errors.js';
import type { Download } from '../../outlines/service.js';
import type { SelfReportView, UnitOutlineView } from '../../outlines/schema.js';
import { field } from '../forms.js';
import { deadline, rehearsalBanner } from '../leader/context.js';
import type { WebContext } from '../plugin.js';
import { wantsJson } from '../team/context.js';
import { sendFile } from '../team/checklist-routes.js';
import { fileRefusal, maxSizeLabel } from '../team/visit-day.js';
import { pageUploads } from '../uploads.js';
import { fieldId, fingerprint, readItems, reportSections, typedOf, type FormState } from './report-form.js';
import { localToday } from '../../text/dates.js';

// The self-report, filled in the browser: a form that follows the outline, saved section by section
// (or item by item as it is typed, by the page's script), completeness per section, "Nộp báo cáo",
// the signed scan; read-only once submitted, until the team returns it for correction with a reason.

type Params = { campaignId: string; unitId: string };
const readers = { config: { access: ['office', 'unit', 'member', 'leader', 'secretary'] as const, session: true } };
// A unit that sits on a team and is inspected by another signs in as a member unit: it writes its own report too.
const writers = { config: { access: ['office', 'unit', 'member'] as const, session: true } };
const FORMATS = new Set(['pdf', 'docx']);

function timeLabel(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

const issuesOf = (error: unknown) => ((error as ProblemError)[problemExtensions]?.['errors'] ?? []) as FieldIssue[];

export const reportRoutes: FastifyPluginAsync<WebContext> = async (app, { services, config }) => {
  const { outlines } = services;
  await pageUploads(app, { maxBytes: outlines.scanLimits.maxBytes, files: 1 });

  const baseOf = (campaignId: string, unitId: string) => `/dot/${encodeURIComponent(campaignId)}/don-vi/${encodeURIComponent(unitId)}`;
  const progressText = (r: SelfReportView) => `Đã điền ${r.completeness.answered}/${r.completeness.total} mục`;

  interface Extra {
    state?: FormState | null;
    message?: string | null;
    done?: string | null;
    submitErrors?: { id: string; fid: string; message: string }[] | null;
    returnError?: string | null;
    scanError?: string | null;
    saved?: string | null;
  }

  function render(request: FastifyRequest, reply: FastifyReply, outline: UnitOutlineView, report: SelfReportView, extra: Extra, status = 200) {
    const actor = request.actor!;
    const { campaignId, unitId } = outline;
    const writer = isOffice(actor) || ((actor.role === 'unit' || actor.role === 'member') && actor.unitId === unitId);
    const team = isOffice(actor) || ((actor.role === 'leader' || actor.role === 'secretary') && actor.teamNumber === outline.team.number);
    const today = localToday(services.now(), config.timeZone);
    const due = report.dueDate ? deadline(services.calendar.forCampaign(campaignId), today, report.dueDate) : null;
    return reply.page(
      'self-report',
      {
        title: `Báo cáo của ${outline.unitName}`,
        banner: rehearsalBanner({ rehearsal: services.campaigns.isRehearsal(campaignId) }),
        base: baseOf(campaignId, unitId),
        outline,
        report,
        due,
        sections: reportSections(outline, report, extra.state ?? null),
        editable: writer && report.status !== 'submitted',
        canSubmit: writer && report.status !== 'submitted',
        canUploadScan: writer && report.status === 'submitted',
        canReturn: team && report.status === 'submitted',
        empty: report.completeness.total - report.completeness.answered,
        message: extra.message ?? null,
        done: extra.done ?? null,
        saved: extra.saved ?? null,
        submitErrors: extra.submitErrors ?? null,
        returnError: extra.returnError ?? null,
        scanError: extra.scanError ?? null,
        maxSize: maxSizeLabel(outlines.scanLimits.maxBytes),
      },
      status,
    );
  }

  function load(actor: Actor, params: Params) {
    const outline = outlines.forActor(actor, params.campaignId, params.unitId);
    return { outline, report: outlines.selfReport(actor, params.campaignId, params.unitId) };
  }

  function sendDownload(reply: FastifyReply, download: Download) {
    return reply
      .type(download.contentType)
      .header('content-disposition', contentDisposition('attachment', download.fileName, download.asciiName))
      .send(download.body);
  }

  app.get<{ Params: Params; Querystring: Record<string, string> }>('/dot/:campaignId/don-vi/:unitId/bao-cao', readers, async (request, reply) => {
    const { outline, report } = load(request.actor!, request.params);
    return render(request, reply, outline, report, { done: request.query['da'] ?? null, saved: request.query['da_luu'] ?? null });
  });

  app.post<{ Params: Params }>('/dot/:campaignId/don-vi/:unitId/bao-cao', writers, async (request, reply) => {
    const { campaignId, unitId } = request.params;
    const actor = request.actor!;
    if (!canSeeUnitPrivate(actor, campaignId, unitId)) throw new UnitNotFound(campaignId, unitId);
    // The outline and the report are read only to show the form again: the service checks the items it
    // is sent (an id it does not know refuses the save), so a save as typed costs about the API call.
    const shown = () => load(actor, request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const read = readItems(body);
    const json = wantsJson(request.headers);
    const section = field(body, 'phan');
    const back = `${baseOf(campaignId, unitId)}/bao-cao?da_luu=${encodeURIComponent(section)}#phan-${fieldId(section)}`;
    if (Object.keys(read.errors).length > 0) {
      if (json) return reply.code(400).send({ errors: read.errors, message: Object.values(read.errors).join(' ') });
      const { outline, report } = shown();
      return render(
        request,
        reply,
        outline,
        report,
        { state: { typed: read.typed, errors: read.errors, conflicts: new Map() }, message: 'Chưa lưu: có số liệu cần sửa (xem ghi chú màu đỏ bên cạnh).' },
        400,
      );
    }
    if (Object.keys(read.answers).length === 0) {
      const { report } = shown();
      if (json) return reply.send({ ok: true, message: 'Không có gì thay đổi', fields: {}, progress: progressText(report) });
      return reply.redirect(back, 303);
    }
    try {
      const saved = outlines.saveSelfReport(actor, campaignId, unitId, read.answers, { replace: false, expected: read.expected });
      if (json) {
        const fields: Record<string, string> = {};
        for (const id of Object.keys(read.answers)) {
          fields[`phien_ban:${id}`] = String(saved.answers[id]?.revision ?? 0);
          fields[`goc:${id}`] = fingerprint(typedOf(saved.answers[id]));
        }
        return reply.send({ ok: true, message: `Đã lưu lúc ${timeLabel(saved.updatedAt!, config.timeZone)}`, fields, progress: progressText(saved) });
      }
      return reply.redirect(back, 303);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'SELF_REPORT_SUBMITTED' || code === 'SELF_REPORT_INVALID') {
        const status = code === 'SELF_REPORT_INVALID' ? 400 : 409;
        if (json) return reply.code(status).send({ conflict: status === 409, message: (error as Error).message, fields: {} });
        const { outline, report } = shown();
        return render(request, reply, outline, report, { message: (error as Error).message }, status);
      }
      if (code !== 'SELF_REPORT_ITEM_CHANGED') throw error;
      const { outline, report: now } = shown();
      const items = ((error as ProblemError)[problemExtensions]?.['items'] ?? []) as { itemId: string }[];
      const conflicts = new Map(
        items.map((i) => [
          i.itemId,
          {
            text: now.answers[i.itemId]?.text ?? null,
            by: now.answers[i.itemId]?.updatedBy ?? 'người khác',
            at: now.answers[i.itemId]?.updatedAt ?? now.updatedAt ?? '',
          },
        ]),
      );
      const names = items.map((i) => i.itemId).join(', ');
      const message = `Mục ${names} vừa được ${[...conflicts.values()].map((c) => c.by).join(', ')} lưu sau khi bạn mở trang; những gì bạn nhập chưa được lưu. Xem bản đã lưu ngay dưới mục, rồi bấm “Lưu” lần nữa nếu vẫn muốn thay bằng nội dung của bạn.`;
      if (json) {
        const fields = Object.fromEntries(items.map((i) => [`phien_ban:${i.itemId}`, String(now.answers[i.itemId]?.revision ?? 0)]));
        return reply.code(409).send({ conflict: true, message, fields });
      }
      // The form comes back with what was typed, and the revisions now seen: saving again is a knowing choice.
      return render(request, reply, outline, now, { state: { typed: read.typed, errors: {}, conflicts }, message }, 409);
    }
  });

  app.post<{ Params: Params }>('/dot/:campaignId/don-vi/:unitId/bao-cao/nop', writers, async (request, reply) => {
    const { campaignId, unitId } = request.params;
    const { outline, report } = load(request.actor!, request.params);
    try {
      outlines.submitSelfReport(request.actor!, campaignId, unitId, { confirmIncomplete: field(request.body, 'xac_nhan') === '1' });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 422) {
        const submitErrors = issuesOf(error).map((i) => {
          const id = i.field.replace(/^answers\./, '');
          return { id, fid: fieldId(id), message: i.message };
        });
        return render(request, reply, outline, report, { submitErrors }, 400);
      }
      if (status === 409) return render(request, reply, outline, report, { message: (error as Error).message }, 409);
      throw error;
    }
    return reply.redirect(`${baseOf(campaignId, unitId)}/bao-cao?da=nop#nop`, 303);
  });

  app.post<{ Params: Params }>(
    '/dot/:campaignId/don-vi/:unitId/bao-cao/tra-lai',
    { config: { access: ['office', 'leader', 'secretary'] as const, session: true } },
    async (request, reply) => {
      const { campaignId, unitId } = request.params;
      const { outline, report } = load(request.actor!, request.params);
      const reason = field(request.body, 'ly_do');
      if (reason.length < 3)
        return render(request, reply, outline, report, { returnError: 'Hãy ghi lý do trả lại (ít nhất 3 ký tự): đơn vị cần biết phải sửa gì.' }, 400);
      try {
        outlines.returnSelfReport(request.actor!, campaignId, unitId, reason);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 409) throw error;
        return render(request, reply, outline, outlines.selfReport(request.actor!, campaignId, unitId), { message: (error as Error).message }, 409);
      }
      return reply.redirect(`${baseOf(campaignId, unitId)}/bao-cao?da=tra-lai`, 303);
    },
  );

  app.post<{ Params: Params }>('/dot/:campaignId/don-vi/:unitId/bao-cao/ban-ky', writers, async (request, reply) => {
    const { campaignId, unitId } = request.params;
    const { outline, report } = load(request.actor!, request.params);
    const upload = request.pageUpload;
    const file = upload && !upload.broken ? await upload.next() : null;
    if (!file) return render(request, reply, outline, report, { scanError: 'Hãy chọn tệp PDF của báo cáo đã ký, đóng dấu.' }, 400);
    try {
      const resolved = outlines.prepareScan(request.actor!, campaignId, unitId);
      await outlines.uploadScan(request.actor!, resolved, { fileName: file.filename, mimeType: file.mimetype, stream: file.file });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (![400, 409, 413, 415].includes(status)) throw error;
      const message =
        status === 415
          ? 'Chỉ nhận tệp PDF (bản quét báo cáo đã ký, đóng dấu).'
          : fileRefusal(status, (error as Error).message, file.filename, outlines.scanLimits);
      return render(request, reply, outline, report, { scanError: message }, status);
    }
    return reply.redirect(`${baseOf(campaignId, unitId)}/bao-cao?da=ban-ky#ban-ky`, 303);
  });

  app.get<{ Params: Params }>('/dot/:campaignId/don-vi/:unitId/bao-cao/ban-ky', readers, async (request, reply) => {
    const scan = outlines.openScan(request.actor!, request.params.campaignId, request.params.unitId);
    sendFile(request, reply, { mimeType: 'application/pdf', fileName: scan.fileName, size: scan.size });
    return reply.send(scan.stream);
  });

  app.get<{ Params: Params & { format: string } }>('/dot/:campaignId/don-vi/:unitId/bao-cao/tai/:format', readers, async (request, reply) => {
    const { campaignId, unitId, format } = request.params;
    if (!FORMATS.has(format)) return reply.page('not-found', { title: 'Không tìm thấy trang' }, 404);
    return sendDownload(reply, await outlines.download(request.actor!, campaignId, unitId, 'report', format as 'pdf', []));
  });

  app.get<{ Params: Params & { format: string } }>('/dot/:campaignId/don-vi/:unitId/de-cuong/:format', readers, async (request, reply) => {
    const { campaignId, unitId, format } = request.params;
    if (!FORMATS.has(format)) return reply.page('not-found', { title: 'Không tìm thấy trang' }, 404);
    return sendDownload(reply, await outlines.download(request.actor!, campaignId, unitId, 'outline', format as 'pdf', []));
  });
};
