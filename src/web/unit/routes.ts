import type { FastifyPluginAsync } from 'fastify';
import { canSeeUnitPrivate } from '../../auth/policy.js';
import { UnitNotFound } from '../../campaigns/service.js';
import { rehearsalBanner } from '../leader/context.js';
import type { WebContext } from '../plugin.js';

// The home page of a unit (an inspected unit, or a unit sitting on teams): its visits and the notices
// that concern it. Part 2 of the pages adds its report outline, self-report and conclusions.

type Params = { campaignId: string; unitId: string };

export const unitRoutes: FastifyPluginAsync<WebContext> = async (app, { services }) => {
  app.get<{ Params: Params }>('/dot/:campaignId/don-vi/:unitId', { config: { access: ['office', 'unit', 'member'], session: true } }, async (request, reply) => {
    const { campaignId, unitId } = request.params;
    const actor = request.actor!;
    if (!canSeeUnitPrivate(actor, campaignId, unitId)) throw new UnitNotFound(campaignId, unitId);
    const campaign = services.campaigns.detail(campaignId);
    const schedule = services.schedule.byUnit(campaignId, unitId, actor, false);
    const notices = services.documents.list(campaignId, actor, { kind: 'notice' });
    return reply.page('unit-home', {
      title: schedule.name,
      banner: rehearsalBanner(campaign),
      campaign,
      unit: { id: unitId, name: schedule.name },
      inspected: schedule.inspected,
      away: schedule.awayInspecting,
      notices,
      base: `/dot/${encodeURIComponent(campaignId)}`,
    });
  });
};
