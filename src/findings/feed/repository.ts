import { and, asc, desc, eq, gt, lte, max, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/connection.js';
import { feedCompactions, feedEvents, type FeedEventDetail, type FeedEventType } from '../tables.js';
import type { FeedHead } from './cursor.js';

export type FeedEventRow = typeof feedEvents.$inferSelect;

export interface NewFeedEvent {
  campaignId: string;
  type: FeedEventType;
  at: string;
  actorLabel: string;
  visitId: number;
  teamNumber: number;
  unitId: string;
  version?: number | null;
  recommendationId?: number | null;
  status?: string | null;
  reason?: string | null;
  detail: FeedEventDetail;
}

/**
 * Appends an event inside the transaction of the change it describes (tx is that transaction).
 *
 * Why a poller following `seq > cursor` can never skip or repeat an event:
 * - The event row and the change commit or roll back together, so no event exists for a change
 *   that did not happen, and no committed change lacks its event.
 * - SQLite has one writer at a time: a write transaction holds the write lock from its first write
 *   (BEGIN IMMEDIATE in this service) to COMMIT, so transactions that append events are serialised.
 * - AUTOINCREMENT hands each insert a seq larger than any seq ever used (sqlite_sequence is updated
 *   in the same serialised transaction), so seqs grow in commit order.
 * - A reader sees a snapshot of committed transactions only. When it sees seq N, every transaction
 *   that got a seq below N committed before the one that wrote N (seqs follow commit order), so it is
 *   in the snapshot too; anything committed later gets a seq above N. The rows at or below any seq a
 *   poller has seen are therefore final, and "seq > cursor" finds exactly the new ones.
 * A rolled-back transaction may leave a hole in the numbering; pollers never rely on seqs being
 * consecutive, only increasing. (On a multi-writer database such as PostgreSQL a sequence does not
 * follow commit order; there the append must take a per-campaign row lock first.)
 */
export function appendEvent(tx: DbOrTx, event: NewFeedEvent): number {
  const row = tx
    .insert(feedEvents)
    .values({
      ...event,
      version: event.version ?? null,
      recommendationId: event.recommendationId ?? null,
      status: event.status ?? null,
      reason: event.reason ?? null,
    })
    .returning({ seq: feedEvents.seq })
    .get();
  return row.seq;
}

export type FeedRepository = ReturnType<typeof createFeedRepository>;

/** Prepared statements for the polling hot path: one indexed statement decides 304 or 410. */
export function createFeedRepository(db: Db) {
  const head = db
    .select({
      latest: sql<number | null>`(select max(${feedEvents.seq}) from ${feedEvents} where ${feedEvents.campaignId} = ${sql.placeholder('campaignId')})`,
      compacted: sql<
        number | null
      >`(select ${feedCompactions.throughSeq} from ${feedCompactions} where ${feedCompactions.campaignId} = ${sql.placeholder('campaignId')})`,
    })
    .from(sql`(select 1)`)
    .prepare();

  const page = db
    .select()
    .from(feedEvents)
    .where(and(eq(feedEvents.campaignId, sql.placeholder('campaignId')), gt(feedEvents.seq, sql.placeholder('since'))))
    .orderBy(asc(feedEvents.seq))
    .limit(sql.placeholder('limit'))
    .prepare();

  // Index-only (feed_events_campaign_seq): the seqs of a page, without reading the rows.
  const pageSeqs = db.$client
    .prepare<[string, number, number], number>('select seq from feed_events where campaign_id = ? and seq > ? order by seq limit ?')
    .pluck();

  return {
    head(campaignId: string): FeedHead {
      const row = head.get({ campaignId });
      const compactedThrough = row?.compacted ?? 0;
      return { latestSeq: Math.max(row?.latest ?? 0, compactedThrough), compactedThrough };
    },

    /** The seqs of up to limit events after since, in order. */
    pageSeqs(campaignId: string, since: number, limit: number): number[] {
      return pageSeqs.all(campaignId, since, limit);
    },

    /** Up to limit events after since, in seq order. */
    page(campaignId: string, since: number, limit: number): FeedEventRow[] {
      return page.all({ campaignId, since, limit });
    },
  };
}

/**
 * Removes a campaign's events written before `before` and remembers the highest seq removed, in one
 * transaction, so a cursor below it is answered 410 instead of silently skipping what was removed.
 */
export function compactBefore(tx: DbOrTx, before: string, now: string): { campaignId: string; throughSeq: number }[] {
  const doomed = tx
    .select({ campaignId: feedEvents.campaignId, throughSeq: max(feedEvents.seq) })
    .from(feedEvents)
    .where(sql`${feedEvents.at} < ${before}`)
    .groupBy(feedEvents.campaignId)
    .all();
  const done: { campaignId: string; throughSeq: number }[] = [];
  for (const { campaignId, throughSeq } of doomed) {
    if (throughSeq === null) continue;
    tx.delete(feedEvents)
      .where(and(eq(feedEvents.campaignId, campaignId), lte(feedEvents.seq, throughSeq)))
      .run();
    tx.insert(feedCompactions)
      .values({ campaignId, throughSeq, compactedAt: now })
      .onConflictDoUpdate({
        target: feedCompactions.campaignId,
        set: { throughSeq: sql`max(${feedCompactions.throughSeq}, excluded.through_seq)`, compactedAt: now },
      })
      .run();
    done.push({ campaignId, throughSeq });
  }
  return done;
}

export interface FeedFilter {
  teamNumber?: number | undefined;
  unitId?: string | undefined;
}

function filtered(campaignId: string, filter: FeedFilter) {
  return [
    eq(feedEvents.campaignId, campaignId),
    filter.teamNumber === undefined ? undefined : eq(feedEvents.teamNumber, filter.teamNumber),
    filter.unitId === undefined ? undefined : eq(feedEvents.unitId, filter.unitId),
  ];
}

/** The newest events of a campaign (optionally of one team or unit), newest first. */
export function recentEvents(db: DbOrTx, campaignId: string, filter: FeedFilter, limit: number): FeedEventRow[] {
  return db
    .select()
    .from(feedEvents)
    .where(and(...filtered(campaignId, filter)))
    .orderBy(desc(feedEvents.seq))
    .limit(limit)
    .all();
}

/** Events after `since` up to `through` (both seqs), oldest first. */
export function eventsBetween(db: DbOrTx, campaignId: string, filter: FeedFilter, since: number, through: number, limit: number): FeedEventRow[] {
  return db
    .select()
    .from(feedEvents)
    .where(and(...filtered(campaignId, filter), gt(feedEvents.seq, since), lte(feedEvents.seq, through)))
    .orderBy(asc(feedEvents.seq))
    .limit(limit)
    .all();
}
