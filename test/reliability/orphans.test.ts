import t from 'tap';
import { tempDir } from '../helpers/app.js';
import { descendants, isChromium, stillRunning } from '../helpers/processes.js';
import { startServer } from '../helpers/server.js';

// A service killed with SIGKILL (the OOM killer, a crash loop's supervisor) cannot close its browser:
// the Chromium processes must end by themselves, or each restart would leave another gigabyte behind.

t.test('after kill -9 of the service, no Chromium process of it is left', async (t) => {
  const server = await startServer(t, tempDir(t), { PDF_TIMEOUT_MS: '30000' });
  const res = await fetch(`${server.url}/campaigns/quang-xuong-2023/units/p-tckh/outline/pdf`, {
    headers: { authorization: `Bearer ${server.tokens['OFFICE_TOKEN']}` },
  });
  t.equal(res.status, 200, 'a PDF was rendered, so Chromium runs');
  const browser = descendants(server.process.pid!).filter((p) => isChromium(p.command));
  t.ok(browser.length >= 2, `${browser.length} Chromium processes under the service`);
  t.teardown(() => {
    for (const { pid } of stillRunning(browser)) process.kill(pid, 'SIGKILL');
  });

  server.process.kill('SIGKILL');
  await server.exited;
  const alive = () => stillRunning(browser);
  const killedAt = performance.now();
  while (alive().length > 0 && performance.now() - killedAt < 10_000) await new Promise((r) => setTimeout(r, 50));
  t.same(alive(), [], 'every Chromium process ended with the service');
  t.comment(`the last one ended within ${Math.round(performance.now() - killedAt)} ms`);
});
