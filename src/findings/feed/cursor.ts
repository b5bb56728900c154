// Pure rules of the office's feed: opaque cursors, page ETags and the poll-interval hint.

const PREFIX = 'f1.';

/** The cursor after seq: base64url of "f1.<seq>", opaque to clients (they only send it back). */
export function encodeCursor(seq: number): string {
  return Buffer.from(`${PREFIX}${seq}`, 'utf8').toString('base64url');
}

/** The seq a cursor stands for, or null when it is not one of ours. */
export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX)) return null;
  const digits = text.slice(PREFIX.length);
  if (!/^(0|[1-9]\d{0,15})$/.test(digits)) return null;
  const seq = Number(digits);
  return Number.isSafeInteger(seq) ? seq : null;
}

export interface FeedHead {
  /** Highest seq ever written for the campaign (kept across compaction). */
  latestSeq: number;
  /** Highest seq removed by compaction; 0 when nothing was removed. */
  compactedThrough: number;
}

/**
 * Whether a page starting after `since` can still be served: the events right after it must all be
 * retained. A cursor equal to compactedThrough is fine (nothing after it was removed).
 */
export function isServable(since: number, head: FeedHead): boolean {
  return since >= head.compactedThrough;
}

/**
 * ETag of the page (since, limit]. Events are immutable and only appended with a larger seq, so the
 * page's content is fixed by since, limit and the campaign's latest seq: the ETag can be decided
 * from the head alone, before (and instead of) loading the page. A full page may get a new ETag when
 * later events arrive although its items did not change; that costs one 200, never a missed event.
 */
export function pageEtag(campaignId: string, since: number, limit: number, head: FeedHead): string {
  const latest = Math.max(since, head.latestSeq);
  return `W/"feed-${campaignId}-${since}-${limit}-${latest}"`;
}

/** Seconds a poller should wait before the next poll: at once when a page was full, else the default. */
export function pollIntervalSeconds(hasMore: boolean, defaultSeconds: number): number {
  return hasMore ? 0 : defaultSeconds;
}
