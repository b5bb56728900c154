import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/plugin.js';
import { anyRole, teamRoles } from '../auth/policy.js';
import { etag, notModified } from '../http/etag.js';
import { errorResponses } from '../http/schemas.js';
import { oneFile } from '../http/upload.js';
import { contentDisposition } from '../findings/evidence/rules.js';
import { returnBody, selfReportView, submitBody, unitOutlineParams } from './schema.js';
import type { OutlineService } from './service.js';

// Submitting a self-report, returning it for correction, and its signed scan.

const tags = ['outlines'];

export const submissionRoutes: FastifyPluginAsyncZod<{ outlines: OutlineService }> = async (app, { outlines }) => {
  await app.register(multipart, { limits: { fileSize: outlines.scanLimits.maxBytes, files: 1, fields: 10, parts: 11 } });

  app.post(
    '/campaigns/:campaignId/units/:unitId/self-report/submission',
    {
      schema: {
        tags,
        operationId: 'submitSelfReport',
        summary: 'Nộp báo cáo: ghi người nộp và thời điểm; sau đó báo cáo chỉ đọc cho đến khi bị trả lại để chỉnh sửa',
        description:
          'With empty items (unanswered, or asking for figures and having none), 422 SELF_REPORT_INCOMPLETE lists every one (errors[]); ' +
          'send confirmIncomplete: true to submit anyway, knowingly (the items are recorded with the submission). 409 when already submitted.',
        params: unitOutlineParams,
        body: submitBody,
        response: { 200: selfReportView, ...errorResponses(400, 403, 404, 409, 422) },
      },
      config: { access: ['office', 'unit', 'member'] },
    },
    async (request, reply) => {
      const report = outlines.submitSelfReport(actorOf(request), request.params.campaignId, request.params.unitId, request.body);
      reply.header('etag', etag(report.version));
      return report;
    },
  );

  app.post(
    '/campaigns/:campaignId/units/:unitId/self-report/return',
    {
      schema: {
        tags,
        operationId: 'returnSelfReport',
        summary: 'Trả lại báo cáo đã nộp để đơn vị chỉnh sửa (ghi lý do)',
        description: 'The inspecting team’s leader or secretary, or the office. The report becomes editable again; a signed scan of the old submission is set aside. 409 unless submitted.',
        params: unitOutlineParams,
        body: returnBody,
        response: { 200: selfReportView, ...errorResponses(400, 403, 404, 409) },
      },
      config: { access: teamRoles },
    },
    async (request) => outlines.returnSelfReport(actorOf(request), request.params.campaignId, request.params.unitId, request.body.reason),
  );

  app.put(
    '/campaigns/:campaignId/units/:unitId/self-report/signed-scan',
    {
      schema: {
        tags,
        operationId: 'uploadSignedScan',
        summary: 'Tải lên bản báo cáo đã ký, đóng dấu (PDF, multipart/form-data, trường "file")',
        description: 'Only once the report is submitted (409 otherwise); replaces an earlier scan. Beyond EVIDENCE_MAX_BYTES → 413; anything but a PDF → 415.',
        params: unitOutlineParams,
        response: { 200: selfReportView, ...errorResponses(400, 403, 404, 409, 413, 415) },
      },
      config: { access: ['office', 'unit', 'member'] },
    },
    async (request) => {
      const { campaignId, unitId } = request.params;
      const actor = actorOf(request);
      const resolved = outlines.prepareScan(actor, campaignId, unitId);
      const file = await oneFile(request, outlines.scanLimits.maxBytes, outlines.scanTooLarge);
      return outlines.uploadScan(actor, resolved, file);
    },
  );

  app.get(
    '/campaigns/:campaignId/units/:unitId/self-report/signed-scan',
    {
      schema: {
        tags,
        operationId: 'downloadSignedScan',
        summary: 'Tải về bản báo cáo đã ký, đóng dấu',
        params: unitOutlineParams,
        response: { 200: z.any().describe('application/pdf'), 304: z.null().describe('not modified'), ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const scan = outlines.openScan(actorOf(request), request.params.campaignId, request.params.unitId);
      reply.header('cache-control', 'private, no-cache').header('x-content-type-options', 'nosniff');
      const unchanged = notModified(request, reply, etag(scan.sha256));
      if (unchanged) {
        scan.stream.destroy();
        return unchanged;
      }
      return reply.type('application/pdf').header('content-length', String(scan.size)).header('content-disposition', contentDisposition(scan.fileName)).send(scan.stream);
    },
  );
};
