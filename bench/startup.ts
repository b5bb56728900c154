import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../src/paths.js';
import { bareArgs, rssMiB, serviceArgs, startProcess, type Started } from './process.js';
import { median, type BenchRow } from './types.js';

const ROUNDS = 7;

/**
 * Start-up to the first answered request and idle memory of the service (restarting on an existing,
 * seeded database, as `npm start` runs it) against a bare Fastify hello-world built by the same
 * bundler and spawned through the same launcher. Turns alternate, so a change in the machine's load
 * skews both alike.
 */
export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ics-bench-startup-'));
  const env = {
    DATABASE_FILE: join(dir, 'db.sqlite'),
    STORAGE_DIR: join(dir, 'storage'),
    DEMO_TOKENS_FILE: join(dir, 't.env'),
    SIGN_IN_LINKS_FILE: join(dir, 'links.txt'),
    LOG_FILE: '-',
  };
  const settle = () => new Promise((r) => setTimeout(r, 300));
  const timed = async (args: string[], childEnv: Record<string, string>): Promise<{ ms: number; rss: number }> => {
    const started: Started = await startProcess(args, childEnv);
    await settle();
    const rss = rssMiB(started.child.pid!);
    await started.stop();
    return { ms: started.readyMs, rss };
  };
  try {
    // The first start after a build: no code cache yet, and the campaign is seeded. Its exit writes
    // the code cache, as every later start finds it.
    rmSync(fromRoot('dist/server.cjs.v8cache'), { force: true });
    const first = await timed(serviceArgs(), env);
    await timed(bareArgs(), {});
    const serviceMs: number[] = [];
    const bareMs: number[] = [];
    const unbundledMs: number[] = [];
    let serviceRss = 0;
    let bareRss = 0;
    for (let i = 0; i < ROUNDS; i += 1) {
      const service = await timed(serviceArgs(), env);
      serviceMs.push(service.ms);
      serviceRss = service.rss;
      const bare = await timed(bareArgs(), {});
      bareMs.push(bare.ms);
      bareRss = bare.rss;
      unbundledMs.push((await timed([fromRoot('dist/bench/bare-server.js')], {})).ms);
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
        note: 'target ≤ 3× bare Fastify, bundled and launched alike',
      },
      { name: 'first start after a build (no code cache, seeding)', figure: first.ms, unit: 'ms', reference, ratio: first.ms / reference },
      { name: 'bare Fastify from tsc output, not bundled', figure: median(unbundledMs), unit: 'ms', reference, ratio: median(unbundledMs) / reference },
      { name: 'idle memory (RSS)', figure: serviceRss, unit: 'MiB', reference: bareRss, ratio: serviceRss / bareRss },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
