import createError from '@fastify/error';
import type { Db, DbOrTx } from '../../db/connection.js';
import { ValidationFailed, fieldErrors, withExtensions } from '../../http/errors.js';
import { decodeCursor, encodeCursor, isServable, pageEtag, pollIntervalSeconds, type FeedHead } from './cursor.js';
import { appendEvent, compactBefore, createFeedRepository, type FeedEventRow, type NewFeedEvent } from './repository.js';
import type { FeedEvent, FeedPage } from './schema.js';
import { createFeedWaiters } from './waiters.js';

export const FeedCursorExpired = createError<[string]>('FEED_CURSOR_EXPIRED', '%s', 410);

const DAY_MS = 86_400_000;

export interface FeedOptions {
  retentionDays: number;
  pollSeconds: number;
  /** How often a long poll checks the database for events written by another process. */
  checkMs?: number;
}

/** What a poll is about, decided from the campaign's head only (no page loaded). */
export interface PollState {
  since: number;
  head: FeedHead;
  etag: string;
  pollSeconds: number;
}

function eventView(row: FeedEventRow): FeedEvent {
  return {
    cursor: encodeCursor(row.seq),
    type: row.type,
    at: row.at,
    by: row.actorLabel,
    campaignId: row.campaignId,
    visitId: row.visitId,
    teamNumber: row.teamNumber,
    unitId: row.unitId,
    version: row.version,
    recommendationId: row.recommendationId,
    status: row.status,
    reason: row.reason,
  };
}

const HEAD_MAX_AGE_MS = 250;

export type FeedService = ReturnType<typeof createFeedService>;

export function createFeedService(deps: {
  db: Db;
  now: () => Date;
  options: FeedOptions;
  /** Throws 404 CAMPAIGN_NOT_FOUND for an unknown campaign (asked only when it has no event yet). */
  assertCampaign: (campaignId: string) => void;
}) {
  const { db, now, options } = deps;
  const repo = createFeedRepository(db);
  const waiters = createFeedWaiters({ latestSeq: (id) => repo.head(id).latestSeq, checkMs: options.checkMs ?? 1000 });

  function expired(campaignId: string, head: FeedHead): Error {
    return withExtensions(
      new FeedCursorExpired(
        `Con trỏ đã quá cũ: các sự kiện đến ${encodeCursor(head.compactedThrough)} đã được dọn sau ${options.retentionDays} ngày lưu giữ. ` +
          `Hãy tải lại danh sách kết luận hiện hành (GET /campaigns/${campaignId}/conclusions) rồi theo dõi tiếp từ con trỏ "cursor" của danh sách đó.`,
      ),
      { snapshot: `/campaigns/${campaignId}/conclusions`, retentionDays: options.retentionDays },
    );
  }

  function headOf(campaignId: string): FeedHead {
    const head = repo.head(campaignId);
    if (head.latestSeq === 0) deps.assertCampaign(campaignId);
    heads.set(campaignId, { head, readAt: performance.now() });
    return head;
  }

  // Polls decide 304 from a head at most HEAD_MAX_AGE_MS old (monotonic time, not the domain clock).
  // Events committed by this process update it at once; one committed by another process is seen by
  // the next poll after that: a poller may be told "nothing new" a fraction of a second late, never
  // skip an event, because pages are always read from the database.
  const heads = new Map<string, { head: FeedHead; readAt: number }>();
  function cachedHead(campaignId: string): FeedHead {
    const hit = heads.get(campaignId);
    if (hit && performance.now() - hit.readAt < HEAD_MAX_AGE_MS) return hit.head;
    return headOf(campaignId);
  }

  return {
    /** Inside the change's transaction; call committed() after the transaction returns. */
    append(tx: DbOrTx, event: NewFeedEvent): number {
      return appendEvent(tx, event);
    },

    /** Wakes long polls of the campaign once the transaction that appended seq has committed. */
    committed(campaignId: string, seq: number): void {
      const hit = heads.get(campaignId);
      if (hit && seq > hit.head.latestSeq) hit.head = { ...hit.head, latestSeq: seq };
      waiters.notify(campaignId, seq);
    },

    /** The cursor a snapshot taken now should hand out (read in the snapshot's own transaction). */
    cursorNow(campaignId: string): string {
      return encodeCursor(repo.head(campaignId).latestSeq);
    },

    /** 400 for a cursor that is not ours, 404 for an unknown campaign, 410 for a compacted one. */
    state(campaignId: string, cursor: string | undefined, limit: number): PollState {
      const since = cursor === undefined || cursor === '' ? 0 : decodeCursor(cursor);
      if (since === null) {
        throw fieldErrors(ValidationFailed, 'Con trỏ "since" không hợp lệ', [
          { in: 'querystring', field: 'since', message: 'không phải con trỏ do dịch vụ cấp (dùng nextCursor của trang trước)' },
        ]);
      }
      const head = cachedHead(campaignId);
      if (!isServable(since, head)) throw expired(campaignId, head);
      return { since, head, etag: pageEtag(campaignId, since, limit, head), pollSeconds: options.pollSeconds };
    },

    /** Holds a long poll until an event after since is committed, the time runs out, or the app closes. */
    waitForEvents(campaignId: string, since: number, seconds: number, signal?: AbortSignal): Promise<boolean> {
      return waiters.wait(campaignId, since, seconds * 1000, signal);
    },

    /** The page itself; head and rows are read in one snapshot so compaction cannot slip in between. */
    page(campaignId: string, since: number, limit: number): FeedPage & { etag: string } {
      return db.transaction(() => {
        const head = headOf(campaignId);
        if (!isServable(since, head)) throw expired(campaignId, head);
        const rows = repo.page(campaignId, since, limit + 1);
        const hasMore = rows.length > limit;
        const events = rows.slice(0, limit).map(eventView);
        const last = events.at(-1);
        const pollSeconds = pollIntervalSeconds(hasMore, options.pollSeconds);
        return {
          campaignId,
          events,
          nextCursor: last ? last.cursor : encodeCursor(since),
          hasMore,
          latestCursor: encodeCursor(Math.max(head.latestSeq, since)),
          pollIntervalSeconds: pollSeconds,
          etag: pageEtag(campaignId, since, limit, head),
        };
      });
    },

    /** Removes events older than the retention window (see README: the office's feed). */
    compact(): { campaignId: string; throughSeq: number }[] {
      const at = now();
      const before = new Date(at.getTime() - options.retentionDays * DAY_MS).toISOString();
      const removed = db.transaction((tx) => compactBefore(tx, before, at.toISOString()), { behavior: 'immediate' });
      if (removed.length > 0) heads.clear();
      return removed;
    },

    close(): void {
      waiters.close();
    },

    waiting(): number {
      return waiters.size();
    },
  };
}
