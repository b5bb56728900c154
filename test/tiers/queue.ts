import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { fromRoot } from '../../src/paths.js';

// Runs test files in this process, one after another, sharing them out with the run's other processes:
// each process takes the next file no other has taken, so they finish within a file of each other
// whatever the files take. The files' tests run on tap's root, as they would in a process of their own.
//
// A file is taken by making a folder named after it in this run's queue folder, which tap's runner
// has queue-reset.mjs make before the run (`before` in package.json), named after the runner's
// process. Without it (the file run by hand, not by tap's runner) this process runs every file.

/** A file's own limit, as tap's `timeout` gives a process of its own (a file may set a longer one). */
const FILE_TIMEOUT_MS = 300_000;

function queueFolder(): string | null {
  const folder = fromRoot('.tap', 'queue', String(process.ppid));
  return existsSync(folder) ? folder : null;
}

function take(folder: string | null, file: string): boolean {
  if (folder === null) return true;
  try {
    mkdirSync(join(folder, file.replaceAll('/', '__')));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Queues the files in order, each under a subtest named after it that loads it: its tests queue on
 * the root behind that subtest, and the subtest for the next file behind them, taken as the file
 * before it is loaded.
 */
export function runQueue(files: readonly string[]): void {
  const folder = queueFolder();
  const queueFrom = (start: number) => {
    let index = start;
    while (index < files.length && !take(folder, files[index]!)) index += 1;
    const file = files[index];
    if (file === undefined) return;
    t.test(file, async () => {
      t.setTimeout(FILE_TIMEOUT_MS);
      try {
        await import(pathToFileURL(fromRoot(file)).href);
      } finally {
        queueFrom(index + 1);
      }
    });
  };
  queueFrom(0);
}
