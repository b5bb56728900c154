import type { FastifyPluginAsync } from 'fastify';
import type { Actor } from '../../auth/actor.js';
import { canSeeUnitPrivate } from '../../auth/policy.js';
import { UnitNotFound } from '../../campaigns/service.js';
import { localToday } from '../../text/dates.js';
import { deadline, rehearsalBanner } from '../leader/context.js';
import type { WebContext } from '../plugin.js';
import { unitConclusionRoutes } from './conclusion-routes.js';
import { reportRoutes } from './report-routes.js';

// The home page of a unit (an inspected unit, or a unit sitting on teams): its visits, the notices
// that concern it, its report outline and self-report with the deadline, its conclusions and the
// recommendations it must carry out.

type Params = { campaignId: string; unitId: string };

/** A read the person may not make (a member unit that is not inspected has no outline): nothing to show. */
function optional<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

export const unitRoutes: FastifyPluginAsync<WebContext> = async (app, context) => {
  const { services } = context;

  app.get<{ Params: Params }>(
    '/dot/:campaignId/don-vi/:unitId',
    { config: { access: ['office', 'unit', 'member'], session: true } },
    async (request, reply) => {
      const { campaignId, unitId } = request.params;
      const actor: Actor = request.actor!;
      if (!canSeeUnitPrivate(actor, campaignId, unitId)) throw new UnitNotFound(campaignId, unitId);
      const campaign = services.campaigns.detail(campaignId);
      const schedule = services.schedule.byUnit(campaignId, unitId, actor, false);
      const concerned = new Set([...schedule.inspected, ...schedule.awayInspecting].map((v) => v.id));
      const documents = services.documents
        .list(campaignId, actor, {})
        .filter((d) => (d.kind === 'notice' ? d.visitIds.some((id) => concerned.has(id)) : d.unitId === unitId));
      const outline = optional(() => services.outlines.forActor(actor, campaignId, unitId));
      const report = outline ? services.outlines.selfReport(actor, campaignId, unitId) : null;
      const today = localToday(services.now(), services.config.timeZone);
      const calendar = services.calendar.forCampaign(campaignId);
      const conclusions = services.findings.conclusions.list(actor, campaignId).conclusions.filter((c) => c.unitId === unitId && c.state !== 'draft');
      const recommendations = services.findings.recommendations.list(actor, campaignId, { unitId });
      const base = `/dot/${encodeURIComponent(campaignId)}`;
      return reply.page('unit-home', {
        title: schedule.name,
        banner: rehearsalBanner(campaign),
        campaign,
        unit: { id: unitId, name: schedule.name },
        unitBase: `${base}/don-vi/${encodeURIComponent(unitId)}`,
        inspected: schedule.inspected.map((v) => ({ ...v, teamName: services.campaigns.team(campaignId, v.teamNumber).name })),
        away: schedule.awayInspecting,
        notices: documents.filter((d) => d.kind === 'notice'),
        results: documents.filter((d) => d.kind === 'results-notice'),
        outline,
        report,
        reportDue: report?.dueDate ? deadline(calendar, today, report.dueDate) : null,
        conclusions,
        recommendations: {
          total: recommendations.length,
          open: recommendations.filter((r) => r.status !== 'done').length,
          overdue: recommendations.filter((r) => r.overdue).length,
        },
        base,
      });
    },
  );

  await app.register(reportRoutes, context);
  await app.register(unitConclusionRoutes, context);
};
