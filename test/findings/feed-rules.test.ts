import t from 'tap';
import { decodeCursor, encodeCursor, isServable, pageEtag, pollIntervalSeconds, type CursorKeys } from '../../src/findings/feed/cursor.js';
import { earlierKeys, epoch, keys } from '../helpers/cursor-keys.js';

// Cursors carry the database epoch and a MAC since issue 15 (item 13): these two tests were rewritten
// for that format (they used to build "f1.<seq>" cursors by hand).

t.test('cursors are opaque base64url and round-trip', async (t) => {
  for (const seq of [0, 1, 42, 9_007_199_254_740_991]) {
    const cursor = encodeCursor(keys, 'qx', seq);
    t.match(cursor, /^[A-Za-z0-9_-]{31}$/, 'url-safe, no padding, short');
    t.same(decodeCursor(keys, 'qx', cursor), { kind: 'current', seq });
  }
  t.not(encodeCursor(keys, 'qx', 12), '12', 'not the bare number');
});

t.test('a cursor the service did not issue for this campaign is foreign; one of an earlier epoch is told apart', async (t) => {
  const cursor = encodeCursor(keys, 'qx', 12);
  t.same(decodeCursor(keys, 'other', cursor), { kind: 'foreign' }, 'another campaign');
  const raw = Buffer.from(cursor, 'base64url');
  raw.writeBigUInt64BE(13n, 7);
  t.same(decodeCursor(keys, 'qx', raw.toString('base64url')), { kind: 'foreign' }, 'another seq under the same MAC');
  t.same(decodeCursor(keys, 'qx', '12'), { kind: 'foreign' }, 'a bare number');
  t.same(decodeCursor(keys, 'qx', Buffer.from('f1.12').toString('base64url')), { kind: 'foreign' }, 'the old unsigned format');
  t.same(decodeCursor(keys, 'qx', 'a+b/c='), { kind: 'foreign' }, 'plain base64 characters');
  t.same(decodeCursor(keys, 'qx', ''), { kind: 'foreign' });
  const unknown: CursorKeys = { current: epoch('ffffffffffff'), keys: new Map() };
  t.same(decodeCursor(keys, 'qx', encodeCursor(unknown, 'qx', 3)), { kind: 'foreign' }, 'an epoch this database never had');
  t.same(decodeCursor(keys, 'qx', encodeCursor(earlierKeys, 'qx', 3)), { kind: 'earlier-epoch', seq: 3 }, 'from before a restore');
});

t.test('a page ETag changes exactly when the campaign gets a newer event', async (t) => {
  const head = { latestSeq: 10, compactedThrough: 0 };
  const a = pageEtag('qx', 10, 50, head);
  t.equal(pageEtag('qx', 10, 50, { ...head }), a, 'same head, same tag');
  t.not(pageEtag('qx', 10, 50, { latestSeq: 11, compactedThrough: 0 }), a, 'a new event changes it');
  t.not(pageEtag('qx', 10, 20, head), a, 'another limit is another page');
  t.not(pageEtag('qx', 9, 50, head), a, 'another since is another page');
  t.not(pageEtag('other', 10, 50, head), a, 'another campaign');
  t.match(a, /^W\/"[^"]+"$/, 'a weak tag');
  t.equal(pageEtag('qx', 30, 50, head), pageEtag('qx', 30, 50, { latestSeq: 20, compactedThrough: 0 }), 'a cursor past the head: empty page either way');
});

t.test('a cursor below the compaction mark cannot be served', async (t) => {
  const head = { latestSeq: 100, compactedThrough: 40 };
  t.notOk(isServable(0, head));
  t.notOk(isServable(39, head));
  t.ok(isServable(40, head), 'nothing after 40 was removed');
  t.ok(isServable(41, head));
  t.ok(isServable(0, { latestSeq: 5, compactedThrough: 0 }));
});

t.test('poll again at once when a page was full, else wait the configured interval', async (t) => {
  t.equal(pollIntervalSeconds(true, 30), 0);
  t.equal(pollIntervalSeconds(false, 30), 30);
});
