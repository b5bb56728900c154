import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../src/paths.js';

// The service as `npm start` runs it, for tests that start it in a process of its own: the bundle
// (scripts/bundle.mjs) through the launcher with V8's code cache. Built from the sources once per test
// process, on first use, into var/test-bundles/<pid>; a server started under tsx instead compiled
// some 1,500 modules at every start (about 4 s of CPU against 1 s for the bundle).

const folder = fromRoot('var', 'test-bundles');
let built: string | null = null;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Node arguments that start the bundled service: [launcher, bundle]. */
export function serviceBundle(): string[] {
  if (built === null) {
    mkdirSync(folder, { recursive: true });
    // Left by a test process that was killed before its exit handler ran.
    for (const name of readdirSync(folder)) if (!alive(Number(name))) rmSync(join(folder, name), { recursive: true, force: true });
    const out = join(folder, String(process.pid));
    process.once('exit', () => rmSync(out, { recursive: true, force: true }));
    const run = spawnSync(process.execPath, [fromRoot('scripts/bundle.mjs'), out], { cwd: fromRoot(), encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`scripts/bundle.mjs failed:\n${run.stderr}`);
    built = join(out, 'server.cjs');
  }
  return [fromRoot('scripts/launch.cjs'), built];
}
