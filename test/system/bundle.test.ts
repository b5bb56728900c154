import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { fromRoot } from '../../src/paths.js';
import { tempDir } from '../helpers/app.js';
import { childEnv } from '../helpers/child.js';

// `npm start` runs the bundle (scripts/bundle.mjs) through the launcher with V8's code cache
// (scripts/launch.cjs). Built here into a folder of its own, started twice on a fresh database.

const QX = 'quang-xuong-2023';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function start(bundle: string, env: Record<string, string>): Promise<{ child: ChildProcess; base: string; stderr: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [fromRoot('scripts/launch.cjs'), bundle], {
    cwd: fromRoot(),
    env: childEnv({ ...env, PORT: String(port), LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 50) {
    if (child.exitCode !== null) throw new Error(`the bundle exited: ${stderr}`);
    if (waited > 60_000) throw new Error('the bundle did not answer within a minute');
    const ok = await fetch(`${base}/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, base, stderr: () => stderr };
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

t.test('the bundled service starts through the launcher, serves the campaign and keeps its code cache', async (t) => {
  mkdirSync(fromRoot('var'), { recursive: true });
  const out = mkdtempSync(join(fromRoot('var'), 'bundle-test-'));
  t.teardown(() => rmSync(out, { recursive: true, force: true }));
  const built = spawnSync(process.execPath, [fromRoot('scripts/bundle.mjs'), out], { cwd: fromRoot(), encoding: 'utf8' });
  t.equal(built.status, 0, built.stderr);
  const bundle = join(out, 'server.cjs');
  t.ok(existsSync(join(out, 'docx-worker.cjs')), 'the docx worker beside it');

  const dir = tempDir(t);
  const env = { DATABASE_FILE: join(dir, 'db.sqlite'), STORAGE_DIR: join(dir, 'storage'), DEMO_TOKENS_FILE: join(dir, 'tokens.env') };
  const first = await start(bundle, env);
  const token = /OFFICE_TOKEN='?([^'\n]+)/.exec(readFileSync(env.DEMO_TOKENS_FILE, 'utf8'))?.[1];
  t.ok(token, 'the seeded campaign has its demo tokens');
  const auth = { authorization: `Bearer ${token}` };
  const campaign = await fetch(`${first.base}/campaigns/${QX}`, { headers: auth });
  t.equal(campaign.status, 200);
  t.match(await campaign.json(), { id: QX, title: /Quảng Xương/ });
  // Word files are built by the worker file beside the bundle.
  const word = await fetch(`${first.base}/campaigns/${QX}/units/p-tckh/outline/docx`, { headers: auth });
  t.equal(word.status, 200, 'an outline in Word');
  t.equal(Buffer.from(await word.arrayBuffer()).subarray(0, 2).toString(), 'PK', 'a zip (docx) file');
  // PDFs: Puppeteer is loaded on the first one, from inside the cached bundle.
  const pdf = await fetch(`${first.base}/campaigns/${QX}/units/p-tckh/outline/pdf`, { headers: auth });
  t.equal(pdf.status, 200, 'an outline as PDF');
  t.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  t.equal(await stop(first.child), 0, 'a gentle stop');
  t.equal(first.stderr(), '', 'nothing went wrong');
  const cache = `${bundle}.v8cache`;
  t.ok(existsSync(cache), 'the exit wrote the code cache');
  const written = statSync(cache);

  const second = await start(bundle, env);
  const again = await fetch(`${second.base}/campaigns/${QX}/teams/1`, { headers: auth });
  t.equal(again.status, 200, 'the data survived the restart');
  // The second start runs from the code cache: a PDF must still load Puppeteer.
  const pdfAgain = await fetch(`${second.base}/campaigns/${QX}/units/p-tnmt/outline/pdf`, { headers: auth });
  t.equal(pdfAgain.status, 200, 'a PDF from the cached code');
  t.equal(await stop(second.child), 0);
  t.equal(statSync(cache).mtimeMs, written.mtimeMs, 'V8 accepted the cache, so it was not written again');
});

t.test('the launcher says how to use it', async (t) => {
  const run = spawnSync(process.execPath, [fromRoot('scripts/launch.cjs')], { encoding: 'utf8', env: childEnv() });
  t.equal(run.status, 2);
  t.match(run.stderr, /usage: node scripts\/launch\.cjs <bundle\.cjs>/);
});
