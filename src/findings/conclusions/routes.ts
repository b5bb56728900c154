import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../auth/plugin.js';
import { anyRole, teamRoles } from '../../auth/policy.js';
import { campaignIdParam } from '../../http/params.js';
import { errorResponses } from '../../http/schemas.js';
import type { RecommendationService } from './recommendations.js';
import {
  conclusionList,
  conclusionView,
  draftInput,
  publishInput,
  recommendationListItem,
  recommendationListQuery,
  recommendationParams,
  statusInput,
  versionParams,
  versionView,
  visitParams,
  withdrawInput,
} from './schema.js';
import type { ConclusionService } from './service.js';

const tags = ['conclusions'];
const leaderOrOffice = ['office', 'leader'] as const;

function ifMatch(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
}

export const conclusionRoutes: FastifyPluginAsyncZod<{ conclusions: ConclusionService; recommendations: RecommendationService }> = async (
  app,
  { conclusions, recommendations },
) => {
  app.get(
    '/campaigns/:campaignId/conclusions',
    {
      schema: {
        operationId: 'listConclusions',
        tags,
        summary: 'Kết luận hiện hành của đợt kiểm tra, kèm con trỏ của dòng sự kiện (snapshot)',
        description: 'After a 410 from the feed, reload this list and follow the feed from its cursor.',
        params: campaignIdParam,
        response: { 200: conclusionList, ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request) => conclusions.list(actorOf(request), request.params.campaignId),
  );

  app.get(
    '/campaigns/:campaignId/visits/:visitId/conclusion',
    {
      schema: {
        operationId: 'getConclusion',
        tags,
        summary: 'Kết luận của một buổi kiểm tra (bản đang có hiệu lực, dự thảo, các phiên bản)',
        params: visitParams,
        response: { 200: conclusionView, ...errorResponses(404) },
      },
      config: { access: anyRole, etag: true },
    },
    async (request, reply) => {
      const { view, etag } = conclusions.get(actorOf(request), request.params.campaignId, request.params.visitId);
      reply.header('etag', etag);
      return view;
    },
  );

  app.get(
    '/campaigns/:campaignId/visits/:visitId/conclusion/versions/:version',
    {
      schema: {
        operationId: 'getConclusionVersion',
        tags,
        summary: 'Một phiên bản của kết luận (cả bản đã bị thay thế hoặc thu hồi)',
        params: versionParams,
        response: { 200: versionView, ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request) => {
      const { campaignId, visitId, version } = request.params;
      return conclusions.version(actorOf(request), campaignId, visitId, version);
    },
  );

  app.put(
    '/campaigns/:campaignId/visits/:visitId/conclusion/draft',
    {
      schema: {
        operationId: 'saveConclusionDraft',
        tags,
        summary: 'Soạn hoặc sửa dự thảo kết luận (kết quả đạt được, tồn tại, nguyên nhân, kiến nghị)',
        description: `Creates the conclusion (201) or replaces its draft; after publication this starts an amendment. The very first draft needs no If-Match.`,
        params: visitParams,
        body: draftInput,
        response: { 200: conclusionView, 201: conclusionView, ...errorResponses(400, 403, 404, 409, 412, 422, 428) },
      },
      config: { access: teamRoles },
    },
    async (request, reply) => {
      const { campaignId, visitId } = request.params;
      const result = conclusions.saveDraft(actorOf(request), campaignId, visitId, request.body, ifMatch(request.headers));
      reply.header('etag', result.etag).code(result.created ? 201 : 200);
      return result.view;
    },
  );

  app.delete(
    '/campaigns/:campaignId/visits/:visitId/conclusion/draft',
    {
      schema: {
        operationId: 'discardConclusionDraft',
        tags,
        summary: 'Hủy dự thảo kết luận',
        description: 'The published version, if any, stays in force.',
        params: visitParams,
        response: {
          200: conclusionView,
          204: z.null().describe('the conclusion had never been published and is gone'),
          ...errorResponses(403, 404, 409, 412, 428),
        },
      },
      config: { access: teamRoles },
    },
    async (request, reply) => {
      const { campaignId, visitId } = request.params;
      const result = conclusions.discardDraft(actorOf(request), campaignId, visitId, ifMatch(request.headers));
      if (!result) return reply.code(204).send(null);
      reply.header('etag', result.etag);
      return result.view;
    },
  );

  app.post(
    '/campaigns/:campaignId/visits/:visitId/conclusion/publish',
    {
      schema: {
        operationId: 'publishConclusion',
        tags,
        summary: 'Trưởng đoàn ban hành kết luận (hoặc ban hành bản sửa đổi)',
        description: `Publishing the first version moves the visit to "concluded". Publishing over a published version is an amendment: the old version is kept (superseded) and a reason is required.`,
        params: visitParams,
        body: publishInput,
        response: { 200: conclusionView, ...errorResponses(400, 403, 404, 409, 412, 422, 428) },
      },
      config: { access: leaderOrOffice },
    },
    async (request, reply) => {
      const { campaignId, visitId } = request.params;
      const result = conclusions.publish(actorOf(request), campaignId, visitId, request.body.reason, ifMatch(request.headers), request.body.checklistReason);
      reply.header('etag', result.etag);
      return result.view;
    },
  );

  app.post(
    '/campaigns/:campaignId/visits/:visitId/conclusion/withdraw',
    {
      schema: {
        operationId: 'withdrawConclusion',
        tags,
        summary: 'Thu hồi kết luận đã ban hành (ghi lý do)',
        description: 'The withdrawn version stays readable; the visit goes back to "carried-out".',
        params: visitParams,
        body: withdrawInput,
        response: { 200: conclusionView, ...errorResponses(400, 403, 404, 409, 412, 428) },
      },
      config: { access: leaderOrOffice },
    },
    async (request, reply) => {
      const { campaignId, visitId } = request.params;
      const result = conclusions.withdraw(actorOf(request), campaignId, visitId, request.body.reason, ifMatch(request.headers));
      reply.header('etag', result.etag);
      return result.view;
    },
  );

  app.get(
    '/campaigns/:campaignId/recommendations',
    {
      schema: {
        operationId: 'listRecommendations',
        tags,
        summary: 'Kiến nghị đang có hiệu lực, với trạng thái và quá hạn (tính theo hôm nay và lịch làm việc)',
        params: campaignIdParam,
        querystring: recommendationListQuery,
        response: { 200: z.array(recommendationListItem), ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => {
      const { status, overdue, unitId } = request.query;
      return recommendations.list(actorOf(request), request.params.campaignId, {
        status,
        unitId,
        overdue: overdue === undefined ? undefined : overdue === 'true',
      });
    },
  );

  app.patch(
    '/campaigns/:campaignId/recommendations/:recommendationId',
    {
      schema: {
        operationId: 'setRecommendationStatus',
        tags,
        summary: 'Đánh dấu kiến nghị đã thực hiện (done) hoặc mở lại (open)',
        description: "The team, the office, or the unit the recommendation is addressed to. If-Match takes the recommendation's own etag.",
        params: recommendationParams,
        body: statusInput,
        response: { 200: recommendationListItem, ...errorResponses(400, 403, 404, 409, 412, 428) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const { campaignId, recommendationId } = request.params;
      const item = recommendations.setStatus(actorOf(request), campaignId, recommendationId, request.body, ifMatch(request.headers));
      reply.header('etag', item.etag);
      return item;
    },
  );
};
