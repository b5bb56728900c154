// Runs every benchmark and prints one table: name, figure, reference (measured in the same run), ratio.
// Usage: npm run bench [-- name ...]   (names: startup, registration, calendar, feed, pdf, security, outlines, pages, dashboard, exports, unit-pages)
import type { BenchRow } from './types.js';

const suites: Record<string, () => Promise<{ run(): Promise<BenchRow[]> }>> = {
  startup: () => import('./startup.js'),
  registration: () => import('./registration.js'),
  calendar: () => import('./calendar.js'),
  feed: () => import('./feed.js'),
  pdf: () => import('./pdf.js'),
  security: () => import('./security.js'),
  outlines: () => import('./outlines.js'),
  pages: () => import('./pages.js'),
  dashboard: () => import('./dashboard.js'),
  exports: () => import('./exports.js'),
  'unit-pages': () => import('./unit-pages.js'),
};

const wanted = process.argv.slice(2);
const rows: (BenchRow & { suite: string })[] = [];
for (const [suite, load] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(suite)) continue;
  process.stderr.write(`running ${suite}…\n`);
  for (const row of await (await load()).run()) rows.push({ suite, ...row });
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));
const table = [
  ['suite', 'name', 'figure', 'reference', 'ratio', 'note'],
  ...rows.map((r) => [r.suite, r.name, `${fmt(r.figure)} ${r.unit}`, `${fmt(r.reference)} ${r.unit}`, `${fmt(r.ratio)}×`, r.note ?? '']),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const [i, row] of table.entries()) {
  process.stdout.write(`${row.map((cell, j) => cell.padEnd(widths[j]!)).join('  ')}\n`);
  if (i === 0) process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
}
