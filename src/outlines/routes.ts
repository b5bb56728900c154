import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { actorOf } from '../auth/plugin.js';
import { anyRole, officeOnly } from '../auth/policy.js';
import { etag, notModified, parseEtags } from '../http/etag.js';
import { campaignIdParam } from '../http/params.js';
import { errorResponses, fileAnswer, notModifiedAnswer } from '../http/schemas.js';
import type { Download } from './downloads.js';
import {
  blockParams,
  blockView,
  bundleBody,
  bundleParams,
  bundleView,
  formatParams,
  outlineSetView,
  outlineSummary,
  selfReportBody,
  selfReportView,
  setParams,
  unitOutlineParams,
  unitOutlineView,
} from './schema.js';
import type { OutlineService } from './service.js';
import { contentDisposition } from '../http/content-disposition.js';
import { submissionRoutes } from './submission-routes.js';

const tags = ['outlines'];
const fileResponse = {
  200: fileAnswer('The file: HTML to read, PDF to print, Word to fill in', 'text/html', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  304: notModifiedAnswer,
};

function knownEtags(request: FastifyRequest): string[] {
  return parseEtags(request.headers['if-none-match']).map((tag) => tag.replace(/^W\//, ''));
}

function sendDownload(reply: FastifyReply, download: Download, format: string) {
  reply.header('etag', download.etag).header('cache-control', 'private, no-cache');
  if (!download.body) return reply.code(304).send();
  const disposition = format === 'html' ? 'inline' : 'attachment';
  reply
    .type(download.contentType)
    .header('content-disposition', contentDisposition(disposition, download.fileName, download.asciiName));
  // The page carries its own styles; the API's blanket CSP would strip them in a browser.
  if (format === 'html') reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  return reply.send(download.body);
}

function sendZip(reply: FastifyReply, zip: { file: string; bytes: number; fileName: string }) {
  reply.type('application/zip').header('content-length', String(zip.bytes)).header('content-disposition', `attachment; filename="${zip.fileName}"`);
  return reply.send(createReadStream(zip.file));
}

export const outlineRoutes: FastifyPluginAsyncZod<{ outlines: OutlineService }> = async (app, { outlines }) => {
  app.addHook('onClose', async () => outlines.close());
  await app.register(submissionRoutes, { outlines });

  app.get(
    '/outline-sets/:setId',
    {
      schema: { operationId: 'getOutlineSet', tags, summary: 'Bộ đề cương báo cáo (Phụ lục 2): các đề cương và khối câu hỏi', params: setParams, response: { 200: outlineSetView, ...errorResponses(404) } },
      config: { access: anyRole },
    },
    async (request) => outlines.set(request.params.setId),
  );

  app.get(
    '/outline-sets/:setId/blocks/:blockId',
    {
      schema: { operationId: 'getQuestionBlock', tags, summary: 'Một khối câu hỏi dành cho phòng, ban (ví dụ y-te)', params: blockParams, response: { 200: blockView, ...errorResponses(404) } },
      config: { access: anyRole },
    },
    async (request) => outlines.block(request.params.setId, request.params.blockId),
  );

  app.get(
    '/campaigns/:campaignId/outlines',
    {
      schema: {
        operationId: 'listOutlines',
        tags,
        summary: 'Đề cương của các đơn vị được kiểm tra mà token được xem',
        description: 'The office sees every target; a leader or secretary the team’s targets; an inspected unit its own.',
        params: campaignIdParam,
        querystring: z.object({ team: z.coerce.number().int().min(1).max(999).optional() }),
        response: { 200: z.array(outlineSummary), ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => outlines.listForActor(actorOf(request), request.params.campaignId, request.query.team),
  );

  app.get(
    '/campaigns/:campaignId/units/:unitId/outline',
    {
      schema: {
        operationId: 'getUnitOutline',
        tags,
        summary: 'Đề cương báo cáo của một đơn vị: đề cương A/B, khối câu hỏi, kỳ số liệu, đoàn, ngày kiểm tra',
        params: unitOutlineParams,
        response: { 200: unitOutlineView, ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request) => outlines.forActor(actorOf(request), request.params.campaignId, request.params.unitId),
  );

  app.get(
    '/campaigns/:campaignId/units/:unitId/outline/:format',
    {
      schema: {
        operationId: 'downloadUnitOutline',
        tags,
        summary: 'Tải đề cương để điền: HTML, PDF theo thể thức Nghị định 30, hoặc Word',
        description: 'Rendered once per content and then served from storage; send If-None-Match with the ETag to get 304.',
        params: formatParams,
        response: { ...fileResponse, ...errorResponses(404, 503) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const { campaignId, unitId, format } = request.params;
      const download = await outlines.download(actorOf(request), campaignId, unitId, 'outline', format, knownEtags(request));
      return sendDownload(reply, download, format);
    },
  );

  app.get(
    '/campaigns/:campaignId/units/:unitId/self-report',
    {
      schema: {
        operationId: 'getSelfReport',
        tags,
        summary: 'Báo cáo tự đánh giá của đơn vị: các câu trả lời và mức độ hoàn thành',
        params: unitOutlineParams,
        response: { 200: selfReportView, 304: z.null(), ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const report = outlines.selfReport(actorOf(request), request.params.campaignId, request.params.unitId);
      return notModified(request, reply, etag(report.version)) ?? report;
    },
  );

  const save = (replace: boolean) => async (
    request: FastifyRequest<{ Params: z.infer<typeof unitOutlineParams>; Body: z.infer<typeof selfReportBody> }>,
    reply: FastifyReply,
  ) => {
    const { campaignId, unitId } = request.params;
    const report = outlines.saveSelfReport(actorOf(request), campaignId, unitId, request.body.answers, { replace, request, expected: request.body.expected });
    reply.header('etag', etag(report.version));
    return report;
  };
  const saveSchema = (operationId: string, summary: string, description: string) => ({
    operationId,
    tags,
    summary,
    description,
    params: unitOutlineParams,
    body: selfReportBody,
    response: { 200: selfReportView, ...errorResponses(400, 403, 404, 409, 412) },
  });

  app.patch(
    '/campaigns/:campaignId/units/:unitId/self-report',
    {
      schema: saveSchema('answerSelfReport', 
        'Gửi câu trả lời cho từng mục (các mục khác giữ nguyên)',
        'Answers keyed by item id; null removes an answer. Unknown ids and non-numeric figures refuse the whole request, naming each item. ' +
          'If-Match is optional (412 when stale); `expected` guards single items (409 SELF_REPORT_ITEM_CHANGED naming them). A submitted report answers 409 SELF_REPORT_SUBMITTED.',
      ),
      config: { access: ['office', 'unit', 'member'] },
    },
    save(false),
  );

  app.put(
    '/campaigns/:campaignId/units/:unitId/self-report',
    {
      schema: saveSchema('replaceSelfReport', 'Thay toàn bộ báo cáo bằng nội dung gửi lên', 'The body becomes the whole report: items not named lose their answers.'),
      config: { access: ['office', 'unit', 'member'] },
    },
    save(true),
  );

  app.get(
    '/campaigns/:campaignId/units/:unitId/self-report/:format',
    {
      schema: {
        operationId: 'downloadSelfReport',
        tags,
        summary: 'Báo cáo đã điền của đơn vị: HTML, PDF hoặc Word (cho đoàn kiểm tra)',
        params: formatParams,
        response: { ...fileResponse, ...errorResponses(404, 503) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const { campaignId, unitId, format } = request.params;
      const download = await outlines.download(actorOf(request), campaignId, unitId, 'report', format, knownEtags(request));
      return sendDownload(reply, download, format);
    },
  );

  app.post(
    '/campaigns/:campaignId/outline-bundles',
    {
      schema: {
        operationId: 'requestOutlineBundle',
        tags,
        summary: 'Tạo gói zip mọi đề cương (PDF và Word) của đợt hoặc của một đoàn, chạy nền',
        description: '202 with a new job; 200 with the unfinished job of the same scope if one is running.',
        params: campaignIdParam,
        body: bundleBody,
        response: { 200: bundleView, 202: bundleView, ...errorResponses(400, 403, 404) },
      },
      config: { access: officeOnly, idempotent: true },
    },
    async (request, reply) => {
      const { created, bundle } = outlines.bundles.request(actorOf(request), request.params.campaignId, request.body.teamNumber ?? null);
      reply.code(created ? 202 : 200).header('location', `/campaigns/${bundle.campaignId}/outline-bundles/${bundle.id}`);
      return bundle;
    },
  );

  app.get(
    '/campaigns/:campaignId/outline-bundles',
    {
      schema: { operationId: 'listOutlineBundles', tags, summary: 'Các gói đề cương gần đây', params: campaignIdParam, response: { 200: z.array(bundleView), ...errorResponses(403, 404) } },
      config: { access: officeOnly },
    },
    async (request) => outlines.bundles.list(request.params.campaignId),
  );

  app.get(
    '/campaigns/:campaignId/outline-bundles/:bundleId',
    {
      schema: { operationId: 'getOutlineBundle', tags, summary: 'Tiến độ một gói đề cương (done/total)', params: bundleParams, response: { 200: bundleView, ...errorResponses(403, 404) } },
      config: { access: officeOnly },
    },
    async (request) => outlines.bundles.get(request.params.campaignId, request.params.bundleId),
  );

  app.get(
    '/campaigns/:campaignId/outline-bundles/:bundleId/file',
    {
      schema: {
        operationId: 'downloadOutlineBundle',
        tags,
        summary: 'Tải gói zip đã tạo xong',
        params: bundleParams,
        response: { 200: fileAnswer('The zip of the outlines', 'application/zip'), ...errorResponses(403, 404, 409) },
      },
      config: { access: officeOnly },
    },
    async (request, reply) => {
      return sendZip(reply, outlines.bundles.file(request.params.campaignId, request.params.bundleId));
    },
  );
};
