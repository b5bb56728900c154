import t from 'tap';
import { decodeCursor, encodeCursor, isServable, pageEtag, pollIntervalSeconds } from '../../src/findings/feed/cursor.js';

t.test('cursors are opaque base64url and round-trip', async (t) => {
  for (const seq of [0, 1, 42, 9_007_199_254_740_991]) {
    const cursor = encodeCursor(seq);
    t.match(cursor, /^[A-Za-z0-9_-]+$/, 'url-safe, no padding');
    t.equal(decodeCursor(cursor), seq);
  }
  t.not(encodeCursor(12), '12', 'not the bare number');
});

t.test('a cursor that is not ours decodes to null', async (t) => {
  t.equal(decodeCursor('12'), null, 'a bare number');
  t.equal(decodeCursor(Buffer.from('f1.-3').toString('base64url')), null, 'negative');
  t.equal(decodeCursor(Buffer.from('f1.012').toString('base64url')), null, 'leading zero');
  t.equal(decodeCursor(Buffer.from('f2.12').toString('base64url')), null, 'another version');
  t.equal(decodeCursor(Buffer.from('f1.99999999999999999').toString('base64url')), null, 'beyond a safe integer');
  t.equal(decodeCursor('a+b/c='), null, 'plain base64 characters');
  t.equal(decodeCursor(''), null);
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
