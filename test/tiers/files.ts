import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fromRoot } from '../../src/paths.js';

// Which test files run, and in what order. `npm test` runs every file of test/ (`wholeSuite`), the
// quick tier (`npm run test:unit`) the pure rules and the in-process API tests (`quickTier`). Either
// way the files are shared out between a few processes by queue.ts (three for the one, two for the
// other): a process of its own cost each file seconds of loading the service's modules, more than most
// files take to run.
//
// A file belongs to the quick tier unless it drives Chromium, reads a PDF back or spawns a process (it
// imports one of `slowImports`) or is named in `slowFiles`, with why.

const slowImports = [
  'puppeteer',
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

/** Every test file, as a path from the project's root. */
export function allTestFiles(): string[] {
  return testFiles(fromRoot('test'))
    .map((file) => relative(fromRoot(), file))
    .sort();
}

function importsOf(file: string): string[] {
  return [...readFileSync(fromRoot(file), 'utf8').matchAll(/^import [^;]*?from '([^']+)'/gm)].map((m) => m[1]!);
}

function isQuick(file: string, imports: readonly string[]): boolean {
  return !slowFiles.includes(file) && !imports.some((name) => slowImports.includes(name));
}

export function quickTier(): string[] {
  return allTestFiles().filter((file) => isQuick(file, importsOf(file)));
}

/**
 * Every test file, the longest first so that the processes finish together: the journeys through
 * the pages in Chromium, then the other slow files, then the quick tier (each group in name order).
 */
export function wholeSuite(): string[] {
  return allTestFiles()
    .map((file) => {
      const imports = importsOf(file);
      return { file, rank: imports.includes('../helpers/browser.js') ? 0 : isQuick(file, imports) ? 2 : 1 };
    })
    .sort((a, b) => a.rank - b.rank)
    .map(({ file }) => file);
}
