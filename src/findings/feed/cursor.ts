import { createHmac, timingSafeEqual } from 'node:crypto';

// Pure rules of the office's feed: opaque cursors, page ETags and the poll-interval hint.

/** The database's epochs with their signing keys (db/epoch.ts): what a cursor is checked against. */
export interface CursorKeys {
  current: { epoch: string; key: Buffer };
  keys: ReadonlyMap<string, Buffer>;
}

const VERSION = 2;
const EPOCH = 6;
const MAC = 8;
const LENGTH = 1 + EPOCH + 8 + MAC;

function mac(key: Buffer, campaignId: string, body: Buffer): Buffer {
  return createHmac('sha256', key).update(campaignId).update('\u0000').update(body).digest().subarray(0, MAC);
}

/**
 * The cursor after seq: version, the database epoch, seq, and a MAC over them and the campaign, in 31
 * base64url characters. Only the service can make one, for one campaign, in one epoch of the database.
 */
export function encodeCursor(keys: CursorKeys, campaignId: string, seq: number): string {
  const body = Buffer.alloc(1 + EPOCH + 8);
  body.writeUInt8(VERSION, 0);
  Buffer.from(keys.current.epoch, 'hex').copy(body, 1);
  body.writeBigUInt64BE(BigInt(seq), 1 + EPOCH);
  return Buffer.concat([body, mac(keys.current.key, campaignId, body)]).toString('base64url');
}

export type DecodedCursor =
  /** Not made by the service for this campaign: answered 400. */
  | { kind: 'foreign' }
  /** Made in an earlier epoch: the database was restored from a backup since (410). */
  | { kind: 'earlier-epoch'; seq: number }
  | { kind: 'current'; seq: number };

export function decodeCursor(keys: CursorKeys, campaignId: string, cursor: string): DecodedCursor {
  if (!/^[A-Za-z0-9_-]{31}$/.test(cursor)) return { kind: 'foreign' };
  const raw = Buffer.from(cursor, 'base64url');
  if (raw.length !== LENGTH || raw.readUInt8(0) !== VERSION) return { kind: 'foreign' };
  const epoch = raw.subarray(1, 1 + EPOCH).toString('hex');
  const key = keys.keys.get(epoch);
  const body = raw.subarray(0, LENGTH - MAC);
  if (!key || !timingSafeEqual(mac(key, campaignId, body), raw.subarray(LENGTH - MAC))) return { kind: 'foreign' };
  const seq = raw.readBigUInt64BE(1 + EPOCH);
  if (seq > BigInt(Number.MAX_SAFE_INTEGER)) return { kind: 'foreign' };
  return { kind: epoch === keys.current.epoch ? 'current' : 'earlier-epoch', seq: Number(seq) };
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
export function pageEtag(campaignId: string, since: number, limit: number, head: FeedHead, epoch = ''): string {
  const latest = Math.max(since, head.latestSeq);
  return `W/"feed-${campaignId}-${since}-${limit}-${latest}${epoch === '' ? '' : `-${epoch}`}"`;
}

/** Seconds a poller should wait before the next poll: at once when a page was full, else the default. */
export function pollIntervalSeconds(hasMore: boolean, defaultSeconds: number): number {
  return hasMore ? 0 : defaultSeconds;
}
