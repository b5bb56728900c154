import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { officeOnly } from '../../auth/policy.js';
import { campaignIdParam } from '../../campaigns/schema.js';
import { notModified } from '../../http/etag.js';
import { errorResponses } from '../../http/schemas.js';
import { feedPage, feedQuery } from './schema.js';
import type { FeedService } from './service.js';

const COMPACT_EVERY_MS = 6 * 3_600_000;

const description = `Sự kiện kết luận của một đợt kiểm tra theo thứ tự (published, amended, withdrawn, recommendation status changed).

Polling protocol: send the previous page's nextCursor as since; an empty since starts from the first event.
Every page has an ETag; send it back in If-None-Match and an unchanged page answers 304 with no body
(decided from the campaign's latest sequence, without loading the page). X-Poll-Interval says how many
seconds to wait before the next poll (0 when hasMore). wait=N (≤ 30) holds the request until an event
arrives or N seconds pass. A cursor older than the retention window answers 410: reload
GET /campaigns/{campaignId}/conclusions and follow on from its cursor.`;

export const feedRoutes: FastifyPluginAsyncZod<{ feed: FeedService }> = async (app, { feed }) => {
  let compactor: NodeJS.Timeout | null = null;
  // Compaction is housekeeping: a locked or full database must not stop start-up or the process.
  const compact = () => {
    try {
      feed.compact();
    } catch (error) {
      app.log.warn({ err: error }, 'feed compaction failed; retrying at the next interval');
    }
  };
  app.addHook('onReady', async () => {
    compact();
    compactor = setInterval(compact, COMPACT_EVERY_MS);
    compactor.unref();
  });
  // Long polls must not hold shutdown for up to 30 s: release them before the server stops.
  app.addHook('preClose', async () => feed.close());
  app.addHook('onClose', async () => {
    if (compactor) clearInterval(compactor);
  });

  app.get(
    '/campaigns/:campaignId/feed',
    {
      schema: {
        tags: ['feed'],
        summary: 'Dòng sự kiện kết luận cho cơ quan thường trực (cursor, ETag/304, long polling)',
        description,
        params: campaignIdParam,
        querystring: feedQuery,
        response: {
          200: feedPage,
          304: z.null().describe('Nothing new since the ETag sent in If-None-Match (no body)'),
          ...errorResponses(400, 403, 404, 410),
        },
      },
      config: { access: officeOnly },
    },
    async (request, reply) => {
      const { campaignId } = request.params;
      const { since, limit, wait } = request.query;
      let state = feed.state(campaignId, since, limit);
      if (wait > 0 && state.head.latestSeq <= state.since) {
        const gone = new AbortController();
        const onClose = () => gone.abort();
        reply.raw.once('close', onClose);
        await feed.waitForEvents(campaignId, state.since, wait, gone.signal);
        reply.raw.off('close', onClose);
        state = feed.state(campaignId, since, limit);
      }
      reply.header('cache-control', 'private, no-cache').header('x-poll-interval', String(state.pollSeconds));
      const unchanged = notModified(request, reply, state.etag);
      if (unchanged) return unchanged;
      const { etag, ...page } = feed.page(campaignId, state.since, limit);
      reply.header('etag', etag).header('x-poll-interval', String(page.pollIntervalSeconds));
      return page;
    },
  );
};
