import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { fromRoot } from '../../src/paths.js';
import { TemplateError } from '../../src/render/templates.js';
import { contentCache } from '../../src/text/content-cache.js';
import { loadPageViews } from '../../src/web/views.js';
import { tempDir } from '../helpers/app.js';

// The page templates are checked at start; the check is kept in the content cache for the exact
// sources, so an unchanged set starts from it and a template broken later still stops the start.

t.test('checked page templates are remembered by content: a page broken later still stops start-up', async (t) => {
  const cacheDir = join(tempDir(t), 'cache');
  const cache = contentCache(cacheDir);
  const dir = join(tempDir(t), 'pages');
  cpSync(fromRoot('templates', 'pages'), dir, { recursive: true });
  const kept = () => readdirSync(cacheDir).filter((name) => name.startsWith('page-templates-')).length;

  t.ok(loadPageViews(dir, cache).pages.includes('board.hbs'));
  t.equal(kept(), 1, 'the check is kept');
  t.ok(loadPageViews(dir, cache).pages.includes('board.hbs'), 'the same sources start from the kept check');

  writeFileSync(join(dir, 'board.hbs'), '{{#if open}}không đóng');
  t.throws(() => loadPageViews(dir, cache), TemplateError);
  t.throws(() => loadPageViews(dir, cache), /board\.hbs/, 'and at every start after, naming the file');
  t.equal(kept(), 1, 'nothing kept for the broken set');

  writeFileSync(join(dir, 'partials', 'extra.hbs'), '<p>{{x}}</p>');
  cpSync(fromRoot('templates', 'pages', 'board.hbs'), join(dir, 'board.hbs'));
  t.ok(loadPageViews(dir, cache).partials['extra'], 'a changed set is checked again');
  t.equal(kept(), 2, 'under a new key');
});
