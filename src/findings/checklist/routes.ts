import multipart from '@fastify/multipart';
import createError from '@fastify/error';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../auth/plugin.js';
import { anyRole, teamRoles } from '../../auth/policy.js';
import { notModified, etag } from '../../http/etag.js';
import { withExtensions } from '../../http/errors.js';
import { errorResponses, fileAnswer, notModifiedAnswer } from '../../http/schemas.js';
import { visitParams } from '../conclusions/schema.js';
import { contentDisposition } from '../evidence/rules.js';
import type { EvidenceService } from '../evidence/service.js';
import { answerInput, checklistItemView, checklistView, evidenceParams, evidenceView, itemParams, progressView } from './schema.js';
import type { ChecklistService } from './service.js';

const NotMultipart = createError('EVIDENCE_NOT_MULTIPART', 'Hãy gửi tệp minh chứng dạng multipart/form-data, trường "file".', 415);
const FileMissing = createError('EVIDENCE_FILE_MISSING', 'Yêu cầu không có tệp nào (trường "file").', 400);
const fileMissing = () => withExtensions(new FileMissing(), { errors: [{ in: 'body', field: 'file', message: 'thiếu tệp' }] });
const tags = ['checklist'];
// The team's member units fill the checklist on the day too (findings/access.ts, canFillChecklist).
const teamAndMembers = teamRoles.concat('member');

export const checklistRoutes: FastifyPluginAsyncZod<{ checklist: ChecklistService; evidence: EvidenceService }> = async (app, { checklist, evidence }) => {
  // Registered here only: no other route of the service accepts multipart bodies.
  await app.register(multipart, { limits: { fileSize: evidence.limits.maxBytes, files: 1, fields: 10, parts: 11 } });

  app.get(
    '/campaigns/:campaignId/visits/:visitId/checklist',
    {
      schema: {
        operationId: 'getChecklist',
        tags,
        summary: 'Danh mục kiểm tra của buổi kiểm tra: nội dung (mục II), phương pháp (mục III), câu hỏi của khối chuyên ngành',
        params: visitParams,
        response: { 200: checklistView, ...errorResponses(404) },
      },
      config: { access: teamRoles.concat('member') },
    },
    async (request) => checklist.get(actorOf(request), request.params.campaignId, request.params.visitId),
  );

  app.get(
    '/campaigns/:campaignId/visits/:visitId/checklist/progress',
    {
      schema: {
        operationId: 'getChecklistProgress',
        tags,
        summary: 'Tiến độ danh mục kiểm tra: số mục đã đánh giá / tổng số',
        params: visitParams,
        response: { 200: progressView, ...errorResponses(404) },
      },
      config: { access: teamRoles.concat('member') },
    },
    async (request) => checklist.get(actorOf(request), request.params.campaignId, request.params.visitId).progress,
  );

  app.put(
    '/campaigns/:campaignId/visits/:visitId/checklist/items/:itemKey',
    {
      schema: {
        operationId: 'answerChecklistItem',
        tags,
        summary: 'Đánh giá một mục: đạt, đạt một phần, chưa đạt, không áp dụng; ghi chú; số liệu',
        description: 'Changing an item answered before needs its etag in If-Match (428 without, 412 when stale).',
        params: itemParams,
        body: answerInput,
        response: { 200: z.object({ item: checklistItemView, progress: progressView }), ...errorResponses(400, 403, 404, 409, 412, 428) },
      },
      config: { access: teamAndMembers },
    },
    async (request, reply) => {
      const { campaignId, visitId, itemKey } = request.params;
      const result = checklist.answer(actorOf(request), campaignId, visitId, itemKey, request.body, request.headers['if-match']);
      reply.header('etag', result.item.etag);
      return result;
    },
  );

  app.post(
    '/campaigns/:campaignId/visits/:visitId/checklist/items/:itemKey/evidence',
    {
      schema: {
        operationId: 'uploadEvidence',
        tags,
        summary: 'Tải lên tệp minh chứng cho một mục (multipart/form-data, trường "file")',
        description:
          'Kept once per content (SHA-256): the same file again answers 200 with the existing record. ' +
          'Beyond EVIDENCE_MAX_BYTES → 413; a type outside EVIDENCE_TYPES, or bytes that are not of the declared type → 415.',
        params: itemParams,
        response: { 200: evidenceView, 201: evidenceView, ...errorResponses(400, 403, 404, 409, 413, 415) },
      },
      config: { access: teamAndMembers },
    },
    async (request, reply) => {
      const { campaignId, visitId, itemKey } = request.params;
      const actor = actorOf(request);
      const ctx = evidence.prepare(actor, campaignId, visitId, itemKey);
      if (!request.isMultipart()) throw new NotMultipart();
      const declared = Number(request.headers['content-length'] ?? 0);
      // Refuse an obviously oversized body before reading it (multipart overhead is far below 64 KiB).
      if (declared > evidence.limits.maxBytes + 65_536) throw evidence.tooLarge();
      const file = await request.file({ throwFileSizeLimit: false }).catch(evidence.refuseUnreadable);
      if (!file) throw fileMissing();
      const result = await evidence.attach(actor, ctx, itemKey, { fileName: file.filename, mimeType: file.mimetype, stream: file.file });
      reply.code(result.created ? 201 : 200).header('location', result.evidence.url);
      return result.evidence;
    },
  );

  app.get(
    '/campaigns/:campaignId/visits/:visitId/evidence/:evidenceId',
    {
      schema: {
        operationId: 'downloadEvidence',
        tags,
        summary: 'Tải về tệp minh chứng',
        description: 'For those who may see the visit: the office, the team (leader, secretary, members) and the inspected unit.',
        params: evidenceParams,
        response: { 200: fileAnswer('The file, with its own type and name', 'application/octet-stream'), 304: notModifiedAnswer, ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const { campaignId, visitId, evidenceId } = request.params;
      const file = evidence.open(actorOf(request), campaignId, visitId, evidenceId);
      reply.header('cache-control', 'private, no-cache').header('x-content-type-options', 'nosniff');
      const unchanged = notModified(request, reply, etag(file.evidence.sha256));
      if (unchanged) {
        file.stream.destroy();
        return unchanged;
      }
      return reply
        .type(file.evidence.mimeType)
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(file.evidence.fileName))
        .send(file.stream);
    },
  );

  app.delete(
    '/campaigns/:campaignId/visits/:visitId/evidence/:evidenceId',
    {
      schema: {
        operationId: 'deleteEvidence',
        tags,
        summary: 'Xóa tệp minh chứng khỏi một mục',
        params: evidenceParams,
        response: { 204: z.null(), ...errorResponses(403, 404) },
      },
      config: { access: teamAndMembers },
    },
    async (request, reply) => {
      const { campaignId, visitId, evidenceId } = request.params;
      evidence.remove(actorOf(request), campaignId, visitId, evidenceId);
      return reply.code(204).send(null);
    },
  );
};
