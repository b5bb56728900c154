import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../auth/plugin.js';
import { anyRole, teamRoles } from '../auth/policy.js';
import { campaignIdParam } from '../http/params.js';
import { errorResponses } from '../http/schemas.js';
import { campaignProgress, progressTeamParams, progressUnitParams, teamProgress, unitLine } from './schema.js';
import type { ProgressService } from './service.js';

const tags = ['progress'];

export const progressRoutes: FastifyPluginAsyncZod<{ progress: ProgressService }> = async (app, { progress }) => {
  app.get(
    '/campaigns/:campaignId/progress',
    {
      schema: {
        operationId: 'getCampaignProgress',
        tags,
        summary: 'Tiến độ đợt kiểm tra theo đoàn: lịch, thông báo, kết luận, thông báo kết quả, báo cáo và mọi việc quá hạn',
        description: 'The standing office sees every team; a team leader or secretary sees their own team.',
        params: campaignIdParam,
        response: { 200: campaignProgress, ...errorResponses(403, 404) },
      },
      config: { access: teamRoles },
    },
    async (request) => progress.campaign(actorOf(request), request.params.campaignId),
  );

  app.get(
    '/campaigns/:campaignId/progress/teams/:teamNo',
    {
      schema: {
        operationId: 'getTeamProgress',
        tags,
        summary: 'Tiến độ của một đoàn kiểm tra',
        params: progressTeamParams,
        response: { 200: teamProgress, ...errorResponses(403, 404) },
      },
      config: { access: teamRoles },
    },
    async (request) => progress.team(actorOf(request), request.params.campaignId, request.params.teamNo),
  );

  app.get(
    '/campaigns/:campaignId/progress/units/:unitId',
    {
      schema: {
        operationId: 'getUnitProgress',
        tags,
        summary: 'Tiến độ của một đơn vị được kiểm tra (đơn vị xem dòng của mình)',
        params: progressUnitParams,
        response: { 200: unitLine, ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request) => progress.unit(actorOf(request), request.params.campaignId, request.params.unitId),
  );
};
