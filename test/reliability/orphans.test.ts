import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { tempDir } from '../helpers/app.js';
import { startServer } from '../helpers/server.js';

// A service killed with SIGKILL (the OOM killer, a crash loop's supervisor) cannot close its browser:
// the Chromium processes must end by themselves, or each restart would leave another gigabyte behind.

/** Every process below `root`, read from /proc, with its command line. */
function descendants(root: number): { pid: number; command: string }[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found = new Set([root]);
  for (let size = 0; size !== found.size; ) {
    size = found.size;
    for (const [pid, parent] of parentOf) if (found.has(parent)) found.add(pid);
  }
  found.delete(root);
  return [...found].map((pid) => ({ pid, command: commandOf(pid) ?? '' }));
}

function commandOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
}

const isChromium = (command: string) => /chrom/i.test(command);

t.test('after kill -9 of the service, no Chromium process of it is left', async (t) => {
  const server = await startServer(t, tempDir(t), { PDF_TIMEOUT_MS: '30000' });
  const res = await fetch(`${server.url}/campaigns/quang-xuong-2023/units/p-tckh/outline/pdf`, {
    headers: { authorization: `Bearer ${server.tokens['OFFICE_TOKEN']}` },
  });
  t.equal(res.status, 200, 'a PDF was rendered, so Chromium runs');
  const browser = descendants(server.process.pid!).filter((p) => isChromium(p.command));
  t.ok(browser.length >= 2, `${browser.length} Chromium processes under the service`);
  t.teardown(() => {
    for (const { pid, command } of browser) if (commandOf(pid) === command) process.kill(pid, 'SIGKILL');
  });

  server.process.kill('SIGKILL');
  await server.exited;
  const alive = () => browser.filter(({ pid, command }) => commandOf(pid) === command);
  const killedAt = performance.now();
  while (alive().length > 0 && performance.now() - killedAt < 10_000) await new Promise((r) => setTimeout(r, 50));
  t.same(alive(), [], 'every Chromium process ended with the service');
  t.comment(`the last one ended within ${Math.round(performance.now() - killedAt)} ms`);
});
