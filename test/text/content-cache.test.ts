import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import t from 'tap';
import { computeAlways, contentCache, jsonSafe } from '../../src/text/content-cache.js';
import { tempDir } from '../helpers/app.js';

t.test('the value is computed once per kind and input, and read back afterwards', async (t) => {
  const dir = join(tempDir(t), 'cache');
  const cache = contentCache(dir);
  let runs = 0;
  const compute = (value: unknown) => () => {
    runs += 1;
    return value;
  };
  t.same(cache('yaml', 'a: 1', compute({ a: 1 })), { a: 1 });
  t.same(cache('yaml', 'a: 1', compute({ a: 'not used' })), { a: 1 }, 'read back, not computed');
  t.equal(runs, 1);
  t.same(cache('yaml', 'a: 2', compute({ a: 2 })), { a: 2 }, 'other bytes: computed');
  t.same(cache('templates', 'a: 1', compute(true)), true, 'other kind: computed');
  t.equal(runs, 3);
  t.equal(readdirSync(dir).filter((name) => name.endsWith('.json')).length, 3);
  t.same(contentCache(dir)('yaml', 'a: 1', compute(null)), { a: 1 }, 'a new process finds it');
  t.equal(runs, 3);
});

t.test('nothing is kept when the work throws or its value does not survive JSON', async (t) => {
  const dir = join(tempDir(t), 'cache');
  const cache = contentCache(dir);
  t.throws(() => cache('yaml', 'bad: [', () => { throw new Error('YAML không hợp lệ'); }), /không hợp lệ/);
  t.throws(() => cache('yaml', 'bad: [', () => { throw new Error('again'); }), /again/, 'the error comes back at every start');
  const withDate = { at: new Date(0) };
  t.equal(cache('yaml', 'at: 1970', () => withDate), withDate);
  t.notOk(existsSync(dir), 'neither was written');
  for (const unsafe of [Number.NaN, Infinity, undefined, new Map(), [1, undefined], { a: () => 1 }]) t.notOk(jsonSafe(unsafe), inspect(unsafe));
  for (const safe of [null, 0, 'Quảng Xương', true, [1, 'a'], { a: { b: [null] } }]) t.ok(jsonSafe(safe), JSON.stringify(safe));
});

t.test('an unreadable or unwritable cache only costs the work', async (t) => {
  const root = tempDir(t);
  const cache = contentCache(join(root, 'cache'));
  t.same(cache('yaml', 'x', () => ({ x: 1 })), { x: 1 });
  const [file] = readdirSync(join(root, 'cache'));
  writeFileSync(join(root, 'cache', file!), '{ truncated');
  t.same(cache('yaml', 'x', () => ({ x: 2 })), { x: 2 }, 'a damaged entry is computed again');
  t.same(contentCache(join(root, 'cache'))('yaml', 'x', () => ({ x: 3 })), { x: 2 }, 'and replaced');

  const blocked = join(root, 'blocked');
  writeFileSync(blocked, 'a file where the folder should be');
  t.same(contentCache(join(blocked, 'cache'))('yaml', 'y', () => ({ y: 1 })), { y: 1 }, 'no folder: computed, not kept');

  if (process.getuid?.() !== 0) {
    const readOnly = join(root, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    t.same(contentCache(readOnly)('yaml', 'z', () => ({ z: 1 })), { z: 1 });
  }
  t.same(computeAlways('yaml', 'x', () => 'fresh'), 'fresh');
});
