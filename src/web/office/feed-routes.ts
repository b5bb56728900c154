import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { officeOnly } from '../../auth/policy.js';
import { fieldErrors, ValidationFailed } from '../../http/errors.js';
import type { FeedEvent } from '../../findings/feed/schema.js';
import { rehearsalBanner } from '../leader/context.js';
import type { WebContext } from '../plugin.js';
import { feedEntry, needsConclusion } from './feed-view.js';
import { readFilters } from './filters.js';

// Conclusions as they come in: the office's feed as a page. Without JavaScript it shows the newest
// entries (reload for more); public/feed.js long-polls /ket-luan/moi, which holds the request until
// the feed service reports an event after the page's cursor, and adds the new entries on top. The
// feed (findings) stays the only source: nothing here stores or counts events.

type Params = { campaignId: string };
type Query = { Params: Params; Querystring: Record<string, unknown> };
const page = { config: { access: officeOnly, session: true } };
const SHOWN = 30;
const WAIT_SECONDS = 25;

const feedFilters = z.object({
  doan: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[1-9]\d{0,2}$/, 'phải là số của một đoàn')
      .transform(Number)
      .optional(),
  ),
  don_vi: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(80).optional()),
  sau: z.string().max(64).optional(),
  cho: z
    .string()
    .regex(/^\d{1,2}$/, 'số giây chờ')
    .transform(Number)
    .pipe(z.number().max(WAIT_SECONDS))
    .optional(),
});

export const feedRoutes: FastifyPluginAsync<WebContext> = async (app, { services, assets }) => {
  const { campaigns, findings } = services;
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  /** The filters, each checked against the campaign: an unknown team or unit is a 400 naming it. */
  function filtersOf(campaignId: string, query: unknown) {
    const filters = readFilters(feedFilters, query);
    const bad = (field: string, message: string) =>
      fieldErrors(ValidationFailed, `Bộ lọc không hợp lệ: bộ lọc "${field}" ${message}`, [{ in: 'querystring', field, message }]);
    if (filters.doan !== undefined && !campaigns.hasTeam(campaignId, filters.doan))
      throw bad('doan', `không nhận giá trị "${filters.doan}": đợt kiểm tra không có đoàn này`);
    if (filters.don_vi !== undefined && campaigns.unitNames(campaignId, [filters.don_vi]).size === 0) {
      throw bad('don_vi', `không nhận giá trị "${filters.don_vi}": đợt kiểm tra không có đơn vị này`);
    }
    return filters;
  }

  function entries(campaignId: string, events: FeedEvent[]) {
    const base = `/dot/${encodeURIComponent(campaignId)}`;
    const units = campaigns.unitNames(campaignId, [...new Set(events.map((e) => e.unitId))]);
    const teams = new Map(campaigns.targetCountsByTeam(campaignId).map((t) => [t.number, t.name]));
    return events.map((e) =>
      feedEntry(
        e,
        base,
        { unit: (id) => units.get(id) ?? id, team: (n) => teams.get(n) ?? '' },
        needsConclusion(e) ? findings.publishedConclusion(campaignId, e.visitId) : null,
      ),
    );
  }

  app.get<Query>('/dot/:campaignId/ket-luan', page, async (request, reply) => {
    const campaign = campaigns.detail(request.params.campaignId);
    const filters = filtersOf(campaign.id, request.query);
    const recent = findings.feed.recent(campaign.id, { teamNumber: filters.doan, unitId: filters.don_vi }, SHOWN);
    const query = new URLSearchParams({ ...(filters.doan ? { doan: String(filters.doan) } : {}), ...(filters.don_vi ? { don_vi: filters.don_vi } : {}) });
    return reply.page('office-feed', {
      title: `Kết luận mới · ${campaign.title}`,
      banner: rehearsalBanner(campaign),
      campaign,
      section: 'ket-luan',
      script: assets.url('feed.js'),
      entries: entries(campaign.id, recent.events),
      cursor: recent.cursor,
      poll: `/dot/${encodeURIComponent(campaign.id)}/ket-luan/moi?${query}`,
      filters: { doan: filters.doan ?? '', don_vi: filters.don_vi ?? '' },
      teams: campaigns.targetCountsByTeam(campaign.id),
      units: campaigns.targetsPage(campaign.id, { limit: 2000, offset: 0 }).lines,
    });
  });

  /** New entries after ?sau=<cursor>: 200 with their HTML, or 204 after waiting; X-Con-Tro is the next cursor. */
  app.get<Query>('/dot/:campaignId/ket-luan/moi', page, async (request: FastifyRequest<Query>, reply: FastifyReply) => {
    const { campaignId } = request.params;
    campaigns.rules(campaignId);
    const filters = filtersOf(campaignId, request.query);
    if (!filters.sau) throw fieldErrors(ValidationFailed, 'Thiếu con trỏ "sau"', [{ in: 'querystring', field: 'sau', message: 'cần con trỏ của trang' }]);
    const filter = { teamNumber: filters.doan, unitId: filters.don_vi };
    let found: ReturnType<typeof findings.feed.since>;
    try {
      found = findings.feed.since(campaignId, filters.sau, filter, SHOWN);
    } catch (error) {
      // The feed names its API parameter (since); the page's address calls it "sau".
      if ((error as { code?: string }).code !== 'VALIDATION_FAILED') throw error;
      throw fieldErrors(ValidationFailed, 'Con trỏ "sau" không hợp lệ', [
        { in: 'querystring', field: 'sau', message: 'không phải con trỏ do trang này cấp; hãy tải lại trang' },
      ]);
    }
    if (found.events.length === 0 && !closing) {
      const gone = new AbortController();
      const onClose = () => gone.abort();
      reply.raw.once('close', onClose);
      await findings.feed.waitForEvents(campaignId, found.since, filters.cho ?? WAIT_SECONDS, gone.signal);
      reply.raw.off('close', onClose);
      found = findings.feed.since(campaignId, found.cursor, filter, SHOWN);
    }
    reply.header('x-con-tro', found.cursor).header('cache-control', 'no-store');
    if (found.events.length === 0) return reply.code(204).send();
    const html = await app.view('feed-entries.hbs', { entries: entries(campaignId, found.events).reverse(), zone: services.config.timeZone, fresh: true });
    return reply.type('text/html; charset=utf-8').send(html);
  });
};
