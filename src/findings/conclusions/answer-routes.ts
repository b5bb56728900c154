import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../auth/plugin.js';
import { anyRole } from '../../auth/policy.js';
import { etag, notModified } from '../../http/etag.js';
import { errorResponses } from '../../http/schemas.js';
import { oneFile } from '../../http/upload.js';
import { contentDisposition } from '../evidence/rules.js';
import type { RecommendationFiles } from './files.js';
import type { RecommendationService } from './recommendations.js';
import { recommendationAnswerInput, recommendationFileParams, recommendationFileView, recommendationListItem, recommendationParams } from './schema.js';

// The responsible unit's follow-up of a recommendation: its answer (done, or in progress with a date
// and a note) and the evidence it attaches. The standing office reads both in the list and the feed.

const tags = ['conclusions'];

function ifMatch(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
}

export const answerRoutes: FastifyPluginAsyncZod<{ recommendations: RecommendationService; files: RecommendationFiles }> = async (
  app,
  { recommendations, files },
) => {
  await app.register(multipart, { limits: { fileSize: files.limits.maxBytes, files: 1, fields: 10, parts: 11 } });

  app.post(
    '/campaigns/:campaignId/recommendations/:recommendationId/answer',
    {
      schema: {
        tags,
        operationId: 'answerRecommendation',
        summary: 'Đơn vị trả lời kiến nghị: đã thực hiện xong, hoặc đang thực hiện (kèm ngày dự kiến hoàn thành), với ghi chú',
        description:
          "The unit the recommendation is addressed to (or the team, or the office). Send the recommendation's etag in If-Match " +
          '(428 without, 412 when stale). An expected date in the past is refused (400). Every answer goes to the feed.',
        params: recommendationParams,
        body: recommendationAnswerInput,
        response: { 200: recommendationListItem, ...errorResponses(400, 403, 404, 409, 412, 428) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const { campaignId, recommendationId } = request.params;
      const item = recommendations.answer(actorOf(request), campaignId, recommendationId, request.body, ifMatch(request.headers));
      reply.header('etag', item.etag);
      return item;
    },
  );

  app.post(
    '/campaigns/:campaignId/recommendations/:recommendationId/evidence',
    {
      schema: {
        tags,
        operationId: 'attachRecommendationEvidence',
        summary: 'Đính kèm tài liệu, hình ảnh minh chứng cho việc thực hiện kiến nghị (multipart/form-data, trường "file")',
        description:
          'The same file again answers 200 with the existing record. Beyond EVIDENCE_MAX_BYTES → 413; a type outside EVIDENCE_TYPES, or bytes not of the declared type → 415.',
        params: recommendationParams,
        response: { 200: recommendationFileView, 201: recommendationFileView, ...errorResponses(400, 403, 404, 409, 413, 415) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const { campaignId, recommendationId } = request.params;
      const actor = actorOf(request);
      const rec = files.prepare(actor, campaignId, recommendationId);
      const upload = await oneFile(request, files.limits.maxBytes, files.tooLarge);
      const result = await files.attach(actor, rec, upload);
      reply.code(result.created ? 201 : 200).header('location', result.file.url);
      return result.file;
    },
  );

  app.get(
    '/campaigns/:campaignId/recommendations/:recommendationId/evidence/:fileId',
    {
      schema: {
        tags,
        operationId: 'downloadRecommendationEvidence',
        summary: 'Tải về tệp minh chứng của việc thực hiện kiến nghị',
        params: recommendationFileParams,
        response: { 200: z.any().describe('the file, with its type and name'), 304: z.null().describe('not modified'), ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const { campaignId, recommendationId, fileId } = request.params;
      const found = files.open(actorOf(request), campaignId, recommendationId, fileId);
      reply.header('cache-control', 'private, no-cache').header('x-content-type-options', 'nosniff');
      const unchanged = notModified(request, reply, etag(found.sha256));
      if (unchanged) {
        found.stream.destroy();
        return unchanged;
      }
      return reply
        .type(found.file.mimeType)
        .header('content-length', String(found.size))
        .header('content-disposition', contentDisposition(found.file.fileName))
        .send(found.stream);
    },
  );
};
