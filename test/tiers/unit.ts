import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromRoot } from '../../src/paths.js';

// The quick tier (`npm run test:unit`): the pure rules and the in-process API tests, a minute or less
// on two cores, while `npm test` runs every file of test/ in its own process with coverage. The tier's
// files run together in two processes (a process of its own costs each file about two seconds of
// loading, more than most of these files take to run), sharing the process and its loaded modules.
//
// A file belongs to the tier unless it drives Chromium, reads a PDF back or spawns a process (it
// imports one of `slowImports`) or is named in `slowFiles`, with why.

const slowImports = [
  'puppeteer',
  '@axe-core/puppeteer',
  'node:child_process',
  '../helpers/browser.js',
  '../helpers/server.js',
  '../helpers/schedule-server.js',
  '../helpers/processes.js',
  '../helpers/child.js',
  '../helpers/document-text.js',
];
const slowFiles = [
  'test/auth/access.test.ts', // every route as every role, PDFs included
  'test/reliability/malformed.test.ts', // 3,000 malformed requests
  'test/http/params.test.ts', // every route with a numeric id, 1,958 requests
  'test/documents/supersede.test.ts', // renders notices to PDF through Chromium
  'test/reliability/chromium.test.ts', // kills and freezes the PDF browser
  'test/http/refusals.test.ts', // raw sockets waiting for the server to give up
  'test/http/openapi-client.test.ts', // runs the TypeScript compiler
  'test/http/content-disposition.test.ts', // renders every kind of download
  'test/outlines/bundles.test.ts', // renders a team's outlines to PDF in the background
];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

export function unitTier(): string[] {
  return testFiles(fromRoot('test'))
    .map((file) => relative(fromRoot(), file))
    .filter((file) => !slowFiles.includes(file))
    .filter((file) => {
      const imports = [...readFileSync(fromRoot(file), 'utf8').matchAll(/^import [^;]*?from '([^']+)'/gm)].map((m) => m[1]);
      return !imports.some((name) => slowImports.includes(name!));
    })
    .sort();
}

/** Loads shard `index` of `count` of the tier into this process; their tests run on tap's root. */
export async function runShard(index: number, count: number): Promise<void> {
  const files = unitTier().filter((_file, i) => i % count === index);
  for (const file of files) await import(pathToFileURL(fromRoot(file)).href);
}
