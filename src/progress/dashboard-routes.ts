import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../auth/plugin.js';
import { officeOnly } from '../auth/policy.js';
import { errorResponses } from '../http/schemas.js';
import type { Dashboard } from './dashboard.js';
import { dashboardParams, dashboardQuery, dashboardView } from './dashboard-schema.js';

export const dashboardRoutes: FastifyPluginAsyncZod<{ dashboard: Dashboard }> = async (app, { dashboard }) => {
  app.get(
    '/campaigns/:campaignId/dashboard',
    {
      schema: {
        tags: ['progress'],
        operationId: 'getCampaignDashboard',
        summary: 'Bảng theo dõi của cơ quan thường trực: việc cần xử lý hôm nay, số liệu theo đoàn, theo đơn vị và theo ngày',
        description:
          'Counted in SQL: the answer costs the same for a campaign of a thousand units. Unit lines come 50 a page (page), ' +
          'optionally of one team (team); a team the campaign does not have, or a page past the last, is a 400 naming the filter.',
        params: dashboardParams,
        querystring: dashboardQuery,
        response: { 200: dashboardView, ...errorResponses(400, 403, 404) },
      },
      config: { access: officeOnly },
    },
    async (request) => dashboard.dashboard(actorOf(request), request.params.campaignId, request.query),
  );
};
