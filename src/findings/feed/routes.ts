import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { officeOnly } from '../../auth/policy.js';
import { campaignIdParam } from '../../http/params.js';
import { notModified } from '../../http/etag.js';
import { errorResponses } from '../../http/schemas.js';
import { feedPage, feedQuery } from './schema.js';
import type { FeedService, PollState } from './service.js';
import { nfc } from '../../text/vietnamese.js';

/** A body that is JSON already (the feed keeps its events' JSON): sent as it is, not serialised again. */
function sendJsonText(reply: FastifyReply, body: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

const COMPACT_EVERY_MS = 6 * 3_600_000;

const description = `Sự kiện kết luận của một đợt kiểm tra theo thứ tự (published, amended, withdrawn, recommendation status changed).

Polling protocol: send the previous page's nextCursor as since; an empty since starts from the first event.
Every page has an ETag; send it back in If-None-Match and an unchanged page answers 304 with no body
(decided from the campaign's latest sequence, without loading the page). X-Poll-Interval says how many
seconds to wait before the next poll (0 when hasMore). wait=N (≤ 30) holds the request until an event
arrives or N seconds pass. A cursor older than the retention window answers 410: reload
GET /campaigns/{campaignId}/conclusions and follow on from its cursor.`;

const DEFAULT_LIMIT = feedQuery.shape.limit.parse(undefined);

export const feedRoutes: FastifyPluginAsyncZod<{ feed: FeedService }> = async (app, { feed }) => {
  /**
   * The poll that dominates the office's traffic, "anything after my cursor?" with the ETag it holds,
   * answered 304 before the rest of the request pipeline runs (body parsing, validation, the
   * handler). Only a plain, authorised, well-formed poll is answered here; anything else (a long
   * poll, an odd parameter, a cursor the service did not issue, a changed page) goes on to the route,
   * which validates and answers it in full. Returns true when it answered.
   */
  function answeredUnchanged(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.headers['if-none-match'] === undefined || request.authRefusal !== null || request.actor === null) return false;
    const { since, limit, wait } = request.query as Record<string, unknown>;
    if ((wait !== undefined && wait !== '0') || (since !== undefined && typeof since !== 'string')) return false;
    if (limit !== undefined && (typeof limit !== 'string' || !/^[1-9]\d{0,2}$/.test(limit) || Number(limit) > 500)) return false;
    let state: PollState;
    try {
      state = feed.state(nfc((request.params as { campaignId: string }).campaignId), since, limit === undefined ? DEFAULT_LIMIT : Number(limit));
    } catch {
      return false; // the route answers it with the proper error
    }
    reply.header('cache-control', 'private, no-cache').header('x-poll-interval', String(state.pollSeconds));
    return notModified(request, reply, state.etag) !== undefined;
  }

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
        operationId: 'pollConclusionFeed',
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
      config: { access: officeOnly, pollInterval: true },
      onRequest: (request, reply, done) => {
        if (!answeredUnchanged(request, reply)) done();
      },
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
      const page = feed.page(campaignId, state.since, limit);
      reply.header('etag', page.etag).header('x-poll-interval', String(page.pollIntervalSeconds));
      return sendJsonText(reply, page.body);
    },
  );
};
