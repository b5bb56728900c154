import createError from '@fastify/error';
import type { Db, DbOrTx } from '../../db/connection.js';
import { ValidationFailed, fieldErrors, withExtensions } from '../../http/errors.js';
import { readEpochs } from '../../db/epoch.js';
import { encodeCursor, isServable, pageEtag, pollIntervalSeconds, type CursorKeys, type FeedHead } from './cursor.js';
import { cursorCheck } from './cursor-check.js';
import {
  appendEvent,
  compactBefore,
  createFeedRepository,
  eventsBetween,
  recentEvents,
  type FeedEventRow,
  type FeedFilter,
  type NewFeedEvent,
} from './repository.js';
import { jsonSerializer } from '../../http/serializer.js';
import { feedEvent, type FeedEvent, type FeedPage } from './schema.js';
import { createFeedWaiters } from './waiters.js';

export const FeedCursorExpired = createError<[string]>('FEED_CURSOR_EXPIRED', '%s', 410);
export const FeedCursorBeforeRestore = createError<[string]>('FEED_CURSOR_BEFORE_RESTORE', '%s', 410);

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

function eventView(keys: CursorKeys, row: FeedEventRow): FeedEvent {
  const { campaignId, visitId, unitId, detail } = row;
  const visit = `/campaigns/${campaignId}/visits/${visitId}`;
  return {
    cursor: encodeCursor(keys, campaignId, row.seq),
    type: row.type,
    at: row.at,
    by: row.actorLabel,
    campaignId,
    visitId,
    teamNumber: row.teamNumber,
    unitId,
    version: row.version,
    recommendationId: row.recommendationId,
    status: row.status,
    reason: row.reason,
    unit: { id: unitId, name: detail?.unitName ?? null },
    team: { number: row.teamNumber, name: detail?.teamName ?? null },
    conclusion: {
      state: detail?.conclusion.state ?? null,
      version: row.version,
      summary: detail?.conclusion.summary ?? null,
    },
    recommendation: row.recommendationId !== null && detail?.recommendation ? { id: row.recommendationId, status: row.status, ...detail.recommendation } : null,
    links: {
      visit,
      conclusion: `${visit}/conclusion`,
      conclusionVersion: row.version === null ? null : `${visit}/conclusion/versions/${row.version}`,
      checklist: `${visit}/checklist`,
      progress: `/campaigns/${campaignId}/progress/units/${unitId}`,
      recommendation: row.recommendationId === null ? null : `/campaigns/${campaignId}/recommendations/${row.recommendationId}`,
    },
  };
}

const HEAD_MAX_AGE_MS = 250;
/** Events whose JSON is kept (about 300 bytes each); the oldest kept goes first. */
const KEPT_EVENTS = 20_000;

const COMMA = Buffer.from(',');

/** The page's JSON (UTF-8) with the events' JSON spliced in, field for field what feedPage describes. */
function pageJson(page: Omit<FeedPage, 'events'>, events: Buffer[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`{"campaignId":${JSON.stringify(page.campaignId)},"events":[`)];
  for (const [i, event] of events.entries()) {
    if (i > 0) parts.push(COMMA);
    parts.push(event);
  }
  parts.push(
    Buffer.from(
      `],"nextCursor":${JSON.stringify(page.nextCursor)},"hasMore":${page.hasMore},` +
        `"latestCursor":${JSON.stringify(page.latestCursor)},"pollIntervalSeconds":${page.pollIntervalSeconds}}`,
    ),
  );
  return Buffer.concat(parts);
}

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
  // The epochs of the file open now: a restore means a restart, so they are read once.
  let epochs: CursorKeys | null = null;
  const keys = () => (epochs ??= readEpochs(db.$client));
  const checkCursor = cursorCheck(keys);
  const waiters = createFeedWaiters({ latestSeq: (id) => repo.head(id).latestSeq, checkMs: options.checkMs ?? 1000 });

  function expired(campaignId: string, head: FeedHead): Error {
    return withExtensions(
      new FeedCursorExpired(
        `Con trỏ đã quá cũ: các sự kiện đến ${encodeCursor(keys(), campaignId, head.compactedThrough)} đã được dọn sau ${options.retentionDays} ngày lưu giữ. ` +
          `Hãy tải lại danh sách kết luận hiện hành (GET /campaigns/${campaignId}/conclusions) rồi theo dõi tiếp từ con trỏ "cursor" của danh sách đó.`,
      ),
      { snapshot: `/campaigns/${campaignId}/conclusions`, retentionDays: options.retentionDays },
    );
  }

  function beforeRestore(campaignId: string): Error {
    return withExtensions(
      new FeedCursorBeforeRestore(
        'Con trỏ được cấp trước khi cơ sở dữ liệu được khôi phục từ bản sao lưu; các sự kiện sau đó có thể đã khác. ' +
          `Hãy tải lại danh sách kết luận hiện hành (GET /campaigns/${campaignId}/conclusions) rồi theo dõi tiếp từ con trỏ "cursor" của danh sách đó.`,
      ),
      { snapshot: `/campaigns/${campaignId}/conclusions` },
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

  // Compiled at the first page, not at start (zod to JSON Schema to fast-json-stringify: 10–30 ms).
  let eventJson: ((event: FeedEvent) => string) | undefined;
  // UTF-8 bytes: a page is then one copy of its events, with nothing to encode again.
  const keptEvents = new Map<number, Buffer>();
  /** The JSON of each event of seqs (all of one page, in this transaction's snapshot). */
  function eventsJson(campaignId: string, since: number, seqs: number[]): Buffer[] {
    const kept = seqs.map((seq) => keptEvents.get(seq));
    if (!kept.includes(undefined)) return kept as Buffer[];
    const made = new Map<number, Buffer>();
    for (const row of repo.page(campaignId, since, seqs.length)) {
      eventJson ??= jsonSerializer(feedEvent);
      const json = Buffer.from(eventJson(eventView(keys(), row)));
      made.set(row.seq, json);
      keptEvents.set(row.seq, json);
      if (keptEvents.size > KEPT_EVENTS) keptEvents.delete(keptEvents.keys().next().value!);
    }
    return seqs.map((seq, i) => kept[i] ?? made.get(seq)!);
  }
  function cachedHead(campaignId: string): FeedHead {
    const hit = heads.get(campaignId);
    if (hit && performance.now() - hit.readAt < HEAD_MAX_AGE_MS) return hit.head;
    return headOf(campaignId);
  }

  // better-sqlite3's own transaction: a read snapshot for BEGIN/COMMIT, without the 15 µs drizzle's
  // wrapper adds to every call (most of a cached page's own cost).
  const readPage = db.$client.transaction((campaignId: string, since: number, limit: number) => {
    const head = headOf(campaignId);
    if (!isServable(since, head)) throw expired(campaignId, head);
    const seqs = repo.pageSeqs(campaignId, since, limit + 1);
    const hasMore = seqs.length > limit;
    if (hasMore) seqs.length = limit;
    const events = eventsJson(campaignId, since, seqs);
    const pollSeconds = pollIntervalSeconds(hasMore, options.pollSeconds);
    const page: Omit<FeedPage, 'events'> = {
      campaignId,
      nextCursor: encodeCursor(keys(), campaignId, seqs.at(-1) ?? since),
      hasMore,
      latestCursor: encodeCursor(keys(), campaignId, Math.max(head.latestSeq, since)),
      pollIntervalSeconds: pollSeconds,
    };
    const etag = pageEtag(campaignId, since, limit, head, keys().current.epoch);
    return { body: pageJson(page, events), etag, pollIntervalSeconds: pollSeconds };
  });

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
      return encodeCursor(keys(), campaignId, repo.head(campaignId).latestSeq);
    },

    /**
     * 400 for a cursor the service never issued (for this campaign), 404 for an unknown campaign, 410
     * for a compacted one and for one issued before the database was restored from a backup.
     */
    state(campaignId: string, cursor: string | undefined, limit: number): PollState {
      const decoded = cursor === undefined || cursor === '' ? ({ kind: 'current', seq: 0 } as const) : checkCursor(campaignId, cursor);
      if (decoded.kind === 'foreign') {
        throw fieldErrors(ValidationFailed, 'Con trỏ "since" không hợp lệ', [
          {
            in: 'querystring',
            field: 'since',
            message: 'không phải con trỏ dịch vụ đã cấp cho đợt kiểm tra này (dùng nextCursor của trang trước)',
          },
        ]);
      }
      if (decoded.kind === 'earlier-epoch') throw beforeRestore(campaignId);
      const since = decoded.seq;
      let head = cachedHead(campaignId);
      // Beyond the newest event: another process may have just written it, so look again; if it is
      // still beyond, the service signed it for events this database no longer has (a restored copy).
      if (since > head.latestSeq) head = headOf(campaignId);
      if (since > head.latestSeq) throw beforeRestore(campaignId);
      if (!isServable(since, head)) throw expired(campaignId, head);
      return { since, head, etag: pageEtag(campaignId, since, limit, head, keys().current.epoch), pollSeconds: options.pollSeconds };
    },

    /** Holds a long poll until an event after since is committed, the time runs out, or the app closes. */
    waitForEvents(campaignId: string, since: number, seconds: number, signal?: AbortSignal): Promise<boolean> {
      return waiters.wait(campaignId, since, seconds * 1000, signal);
    },

    /**
     * The page as its JSON body. Head and events are read in one snapshot so compaction cannot slip
     * in between. Events never change once written, so each one's JSON is made once and kept by seq:
     * a page costs an index-only query for its seqs, and reads rows only for events not kept yet.
     */
    page(campaignId: string, since: number, limit: number): { body: Buffer; etag: string; pollIntervalSeconds: number } {
      return readPage(campaignId, since, limit);
    },

    /**
     * For the office's feed page: the newest events (optionally of one team or unit), newest first,
     * and the cursor to follow on from, read in one snapshot.
     */
    recent(campaignId: string, filter: FeedFilter, limit: number): { events: FeedEvent[]; cursor: string } {
      return db.transaction(() => {
        const head = headOf(campaignId);
        return {
          events: recentEvents(db, campaignId, filter, limit).map((row) => eventView(keys(), row)),
          cursor: encodeCursor(keys(), campaignId, head.latestSeq),
        };
      });
    },

    /**
     * The events after a cursor (optionally of one team or unit), oldest first, with the cursor that
     * follows them: the campaign's head when read, so events of other teams are stepped over too.
     */
    since(campaignId: string, cursor: string, filter: FeedFilter, limit: number): { events: FeedEvent[]; cursor: string; since: number } {
      const decoded = checkCursor(campaignId, cursor);
      if (decoded.kind === 'foreign') {
        throw fieldErrors(ValidationFailed, 'Con trỏ "since" không hợp lệ', [
          { in: 'querystring', field: 'since', message: 'không phải con trỏ do dịch vụ cấp' },
        ]);
      }
      if (decoded.kind === 'earlier-epoch') throw beforeRestore(campaignId);
      const since = decoded.seq;
      return db.transaction(() => {
        const head = headOf(campaignId);
        // As in state(): a signed cursor beyond the newest event comes from a database this is a copy of.
        if (since > head.latestSeq) throw beforeRestore(campaignId);
        if (!isServable(since, head)) throw expired(campaignId, head);
        const events = eventsBetween(db, campaignId, filter, since, head.latestSeq, limit + 1);
        const more = events.length > limit;
        const shown = events.slice(0, limit);
        const through = more ? shown.at(-1)!.seq : Math.max(head.latestSeq, since);
        return { events: shown.map((row) => eventView(keys(), row)), cursor: encodeCursor(keys(), campaignId, through), since };
      });
    },

    /** Removes events older than the retention window (docs/api.md, the office's feed). */
    compact(): { campaignId: string; throughSeq: number }[] {
      const at = now();
      const before = new Date(at.getTime() - options.retentionDays * DAY_MS).toISOString();
      const removed = db.transaction((tx) => compactBefore(tx, before, at.toISOString()), { behavior: 'immediate' });
      if (removed.length > 0) {
        heads.clear();
        keptEvents.clear();
      }
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
