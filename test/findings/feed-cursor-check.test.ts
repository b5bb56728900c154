import t from 'tap';
import { encodeCursor } from '../../src/findings/feed/cursor.js';
import { cursorCheck } from '../../src/findings/feed/cursor-check.js';
import { earlierKeys, keys } from '../helpers/cursor-keys.js';

// The feed remembers the cursors it has checked (a 304 poll spent a fifth of its CPU on the MAC): the
// answers must stay those of decodeCursor, whatever was checked before.

/** A check that counts how often it needed the keys, i.e. checked a MAC. */
function counted() {
  let reads = 0;
  const check = cursorCheck(() => {
    reads += 1;
    return keys;
  });
  return { check, reads: () => reads };
}

t.test('a cursor accepted for one campaign is still foreign for another', async (t) => {
  const { check } = counted();
  const cursor = encodeCursor(keys, 'qx', 12);
  t.same(check('qx', cursor), { kind: 'current', seq: 12 });
  t.same(check('qx', cursor), { kind: 'current', seq: 12 }, 'asked again');
  t.same(check('other', cursor), { kind: 'foreign' }, 'the same text for another campaign');
  t.same(check('qx', cursor), { kind: 'current', seq: 12 });
  const earlier = encodeCursor(earlierKeys, 'qx', 3);
  t.same(check('qx', earlier), { kind: 'earlier-epoch', seq: 3 });
  t.same(check('qx', earlier), { kind: 'earlier-epoch', seq: 3 }, 'still from before the restore');
});

t.test('a checked cursor is not checked again; a refused one is, every time', async (t) => {
  const { check, reads } = counted();
  const cursor = encodeCursor(keys, 'qx', 7);
  for (let i = 0; i < 3; i += 1) check('qx', cursor);
  t.equal(reads(), 1, 'one MAC check for three polls');
  const tampered = Buffer.from(cursor, 'base64url');
  tampered.writeBigUInt64BE(8n, 7);
  for (let i = 0; i < 3; i += 1) t.same(check('qx', tampered.toString('base64url')), { kind: 'foreign' });
  t.equal(reads(), 4, 'a refused cursor is never remembered');
});

t.test('memory stays bounded: the oldest cursor is checked again once 10,000 newer ones were', async (t) => {
  const { check, reads } = counted();
  const first = encodeCursor(keys, 'qx', 0);
  check('qx', first);
  for (let seq = 1; seq <= 10_000; seq += 1) check('qx', encodeCursor(keys, 'qx', seq));
  const checked = reads();
  t.same(check('qx', first), { kind: 'current', seq: 0 });
  t.equal(reads(), checked + 1, 'the first was let go');
  check('qx', encodeCursor(keys, 'qx', 10_000));
  t.equal(reads(), checked + 1, 'the newest is still kept');
});
