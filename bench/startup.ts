import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../src/paths.js';
import { rssMiB, startProcess } from './process.js';
import { median, type BenchRow } from './types.js';

const ROUNDS = 7;

/**
 * Start-up to the first answered request and idle memory of the service (restarting on an existing,
 * seeded database) against a bare Fastify hello-world spawned the same way.
 */
export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ics-bench-startup-'));
  const env = { DATABASE_FILE: join(dir, 'db.sqlite'), STORAGE_DIR: join(dir, 'storage'), DEMO_TOKENS_FILE: join(dir, 't.env') };
  const server = fromRoot('dist/src/server.js');
  const bare = fromRoot('dist/bench/bare-server.js');
  try {
    (await startProcess(server, env)).stop(); // first start seeds the campaign
    const serviceMs: number[] = [];
    const bareMs: number[] = [];
    let serviceRss = 0;
    let bareRss = 0;
    for (let i = 0; i < ROUNDS; i += 1) {
      const s = await startProcess(server, env);
      serviceMs.push(s.readyMs);
      await new Promise((r) => setTimeout(r, 300));
      serviceRss = rssMiB(s.child.pid!);
      await s.stop();
      const b = await startProcess(bare, {});
      bareMs.push(b.readyMs);
      await new Promise((r) => setTimeout(r, 300));
      bareRss = rssMiB(b.child.pid!);
      await b.stop();
    }
    const startup = median(serviceMs);
    const reference = median(bareMs);
    return [
      {
        name: 'start-up to first answer (median of 7)',
        figure: startup,
        unit: 'ms',
        reference,
        ratio: startup / reference,
        note: 'target ≤ 3× bare Fastify',
      },
      { name: 'idle memory (RSS)', figure: serviceRss, unit: 'MiB', reference: bareRss, ratio: serviceRss / bareRss },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
