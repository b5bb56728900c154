import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { fromRoot } from '../../src/paths.js';
import { tempDir } from '../helpers/app.js';
import { childEnv } from '../helpers/child.js';
import { startServer, type RunningServer } from '../helpers/server.js';

// `npm start` runs the bundle (scripts/bundle.mjs) through the launcher with V8's code cache
// (scripts/launch.cjs). Built here into a folder of its own, started twice on a fresh database.

const QX = 'quang-xuong-2023';

async function stop(server: RunningServer): Promise<number | null> {
  server.process.kill('SIGTERM');
  return (await server.exited).code;
}

/** Log lines at warn level or above (pino: 40 and more). */
// The welcome (where the pages, the API docs and the sign-in links are) is text; everything else is a
// JSON log line, and none may be a warning or an error.
const welcome = /^$|^Trang web: |^Nhật ký |^Token API |^Đợt diễn tập |^ {2}\S/;
const complaints = (server: RunningServer) => server.logs.filter((line) => /"level":(4|5|6)0/.test(line) || (!line.startsWith('{') && !welcome.test(line)));

t.test('the bundled service starts through the launcher, serves the campaign and keeps its code cache', async (t) => {
  mkdirSync(fromRoot('var'), { recursive: true });
  const out = mkdtempSync(join(fromRoot('var'), 'bundle-test-'));
  t.teardown(() => rmSync(out, { recursive: true, force: true }));
  const built = spawnSync(process.execPath, [fromRoot('scripts/bundle.mjs'), out], { cwd: fromRoot(), encoding: 'utf8' });
  t.equal(built.status, 0, built.stderr);
  const bundle = join(out, 'server.cjs');
  t.ok(existsSync(join(out, 'docx-worker.cjs')), 'the docx worker beside it');
  const entry = [fromRoot('scripts/launch.cjs'), bundle];

  const dir = tempDir(t);
  const first = await startServer(t, dir, {}, entry);
  t.ok(first.tokens['OFFICE_TOKEN'], 'the seeded campaign has its demo tokens');
  const auth = { authorization: `Bearer ${first.tokens['OFFICE_TOKEN']}` };
  const campaign = await fetch(`${first.url}/campaigns/${QX}`, { headers: auth });
  t.equal(campaign.status, 200);
  t.match(await campaign.json(), { id: QX, title: /Quảng Xương/ });
  // Word files are built by the worker file beside the bundle.
  const word = await fetch(`${first.url}/campaigns/${QX}/units/p-tckh/outline/docx`, { headers: auth });
  t.equal(word.status, 200, 'an outline in Word');
  t.equal(
    Buffer.from(await word.arrayBuffer())
      .subarray(0, 2)
      .toString(),
    'PK',
    'a zip (docx) file',
  );
  // PDFs: Puppeteer is loaded on the first one, from inside the cached bundle.
  const pdf = await fetch(`${first.url}/campaigns/${QX}/units/p-tckh/outline/pdf`, { headers: auth });
  t.equal(pdf.status, 200, 'an outline as PDF');
  t.equal(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );
  t.equal(await stop(first), 0, 'a gentle stop');
  t.same(complaints(first), [], 'nothing went wrong');
  const cache = `${bundle}.v8cache`;
  t.ok(existsSync(cache), 'the exit wrote the code cache');
  const written = statSync(cache);

  const second = await startServer(t, dir, {}, entry);
  // The first answers of a start from the cache: a page and an API route, not only /health.
  const page = await fetch(`${second.url}/dang-nhap`);
  t.equal(page.status, 200, 'the sign-in page');
  t.match(await page.text(), /Đăng nhập/);
  const again = await fetch(`${second.url}/campaigns/${QX}/teams/1`, { headers: auth });
  t.equal(again.status, 200, 'the data survived the restart');
  // The second start runs from the code cache: a PDF must still load Puppeteer.
  const pdfAgain = await fetch(`${second.url}/campaigns/${QX}/units/p-tnmt/outline/pdf`, { headers: auth });
  t.equal(pdfAgain.status, 200, 'a PDF from the cached code');
  t.equal(await stop(second), 0);
  t.same(complaints(second), []);
  t.equal(statSync(cache).mtimeMs, written.mtimeMs, 'V8 accepted the cache, so it was not written again');
});

t.test('the launcher says how to use it', async (t) => {
  const run = spawnSync(process.execPath, [fromRoot('scripts/launch.cjs')], { encoding: 'utf8', env: childEnv() });
  t.equal(run.status, 2);
  t.match(run.stderr, /usage: node scripts\/launch\.cjs <bundle\.cjs>/);
});
