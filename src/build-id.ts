import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromRoot } from './paths.js';

// What the running code was built from, for the caches that must not outlive a code change: the
// start-up work kept by content (src/text/content-cache.ts) and rendered outline downloads. The
// bundle (dist/server.cjs) carries the stamp scripts/build-stamp.cjs computes for the build, set by
// scripts/bundle.mjs; code run from its sources (tsx, tests) or from tsc's output hashes its own
// folder, the lock file and the Node version once, when first asked.

declare const __BUILD_ID__: string | undefined;

let own: string | undefined;

export function buildId(): string {
  if (typeof __BUILD_ID__ === 'string') return __BUILD_ID__;
  return (own ??= codeHash(dirname(fileURLToPath(import.meta.url))));
}

/** A hash of every file under dir (names and bytes), the installed packages' lock and the Node version. */
export function codeHash(dir: string, lockFile = fromRoot('package-lock.json')): string {
  const hash = createHash('sha256').update(process.version).update(readFileSync(lockFile));
  const add = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) add(full);
      else hash.update(`\0${full.slice(dir.length)}\0`).update(readFileSync(full));
    }
  };
  add(dir);
  return hash.digest('hex');
}
