import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import t from 'tap';
import { buildId, codeHash } from '../../src/build-id.js';
import { fromRoot } from '../../src/paths.js';
import { createTemplates } from '../../src/render/templates.js';
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
  t.throws(
    () =>
      cache('yaml', 'bad: [', () => {
        throw new Error('YAML không hợp lệ');
      }),
    /không hợp lệ/,
  );
  t.throws(
    () =>
      cache('yaml', 'bad: [', () => {
        throw new Error('again');
      }),
    /again/,
    'the error comes back at every start',
  );
  const withDate = { at: new Date(0) };
  t.equal(
    cache('yaml', 'at: 1970', () => withDate),
    withDate,
  );
  t.notOk(existsSync(dir), 'neither was written');
  for (const unsafe of [Number.NaN, Infinity, undefined, new Map(), [1, undefined], { a: () => 1 }]) t.notOk(jsonSafe(unsafe), inspect(unsafe));
  for (const safe of [null, 0, 'Quảng Xương', true, [1, 'a'], { a: { b: [null] } }]) t.ok(jsonSafe(safe), JSON.stringify(safe));
});

t.test('an unreadable or unwritable cache only costs the work', async (t) => {
  const root = tempDir(t);
  const cache = contentCache(join(root, 'cache'));
  t.same(
    cache('yaml', 'x', () => ({ x: 1 })),
    { x: 1 },
  );
  const [file] = readdirSync(join(root, 'cache'));
  writeFileSync(join(root, 'cache', file!), '{ truncated');
  t.same(
    cache('yaml', 'x', () => ({ x: 2 })),
    { x: 2 },
    'a damaged entry is computed again',
  );
  t.same(
    contentCache(join(root, 'cache'))('yaml', 'x', () => ({ x: 3 })),
    { x: 2 },
    'and replaced',
  );

  const blocked = join(root, 'blocked');
  writeFileSync(blocked, 'a file where the folder should be');
  t.same(
    contentCache(join(blocked, 'cache'))('yaml', 'y', () => ({ y: 1 })),
    { y: 1 },
    'no folder: computed, not kept',
  );

  if (process.getuid?.() !== 0) {
    const readOnly = join(root, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    t.same(
      contentCache(readOnly)('yaml', 'z', () => ({ z: 1 })),
      { z: 1 },
    );
  }
  t.same(
    computeAlways('yaml', 'x', () => 'fresh'),
    'fresh',
  );
});

t.test('nothing kept by another build is read back: the key is the input and the build', async (t) => {
  const dir = join(tempDir(t), 'cache');
  t.same(
    contentCache(dir, 'build-a')('yaml', 'a: 1', () => ({ a: 1 })),
    { a: 1 },
  );
  t.same(
    contentCache(dir, 'build-a')('yaml', 'a: 1', () => ({ a: 'not used' })),
    { a: 1 },
    'the same build reads it back',
  );
  t.same(
    contentCache(dir, 'build-b')('yaml', 'a: 1', () => ({ a: 'parsed again' })),
    { a: 'parsed again' },
    'a new build computes again',
  );
  t.equal(readdirSync(dir).length, 2);
  t.same(
    contentCache(dir)('yaml', 'a: 1', () => 'this code'),
    'this code',
    'by default, the running code is the build',
  );
});

t.test('a changed template is checked again, under a new key', async (t) => {
  const cacheDir = join(tempDir(t), 'cache');
  const templates = join(tempDir(t), 'templates');
  cpSync(fromRoot('templates'), templates, { recursive: true });
  const kept = () => readdirSync(cacheDir).filter((name) => name.startsWith('templates-'));
  createTemplates({ dir: templates, cache: contentCache(cacheDir) });
  const [first] = kept();
  createTemplates({ dir: templates, cache: contentCache(cacheDir) });
  t.same(kept(), [first], 'the same sources: the same key');
  appendFileSync(join(templates, 'notice.hbs'), '{{!-- một chú thích --}}\n');
  createTemplates({ dir: templates, cache: contentCache(cacheDir) });
  t.equal(kept().length, 2, 'one byte more in a template: a new key');
  createTemplates({ dir: templates, cache: contentCache(cacheDir, 'next-build') });
  t.equal(kept().length, 3, 'the same templates under a new build: a new key');
});

t.test("the build of code run from its sources is a hash of its folder, the lock file and Node's version", async (t) => {
  const root = tempDir(t);
  const code = join(root, 'src');
  mkdirSync(join(code, 'text'), { recursive: true });
  writeFileSync(join(code, 'app.js'), 'export const a = 1;');
  writeFileSync(join(code, 'text', 'yaml.js'), 'export const b = 2;');
  writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion": 3}');
  const lock = join(root, 'package-lock.json');
  const before = codeHash(code, lock);
  t.equal(codeHash(code, lock), before, 'stable');
  writeFileSync(join(code, 'text', 'yaml.js'), 'export const b = 3;');
  const edited = codeHash(code, lock);
  t.not(edited, before, 'a file edited');
  writeFileSync(join(code, 'text', 'extra.js'), '');
  t.not(codeHash(code, lock), edited, 'a file added');
  const withFile = codeHash(code, lock);
  writeFileSync(lock, '{"lockfileVersion": 3, "packages": {}}');
  t.not(codeHash(code, lock), withFile, 'another package installed');
  t.equal(buildId(), codeHash(fromRoot('src')), 'the tests run from src/');
});
