// Bundles the server into one CommonJS file, dist/server.cjs, the way `npm start` runs it (through
// scripts/launch.cjs, which adds V8's code cache). One file instead of some 1,500 modules, and no
// parsing at all once the cache is written, cut start-up by more than half. The bare Fastify
// reference of the benchmarks is built and started the same way, so the comparison stays fair.
// Left outside: better-sqlite3 (a native addon) and Puppeteer (loaded with the first PDF).
// Usage: node scripts/bundle.mjs [outdir]   (default dist)
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const { buildStamp } = createRequire(import.meta.url)('./build-stamp.cjs');

const outdir = process.argv[2] ?? 'dist';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outdir,
  outExtension: { '.js': '.cjs' },
  minifySyntax: true,
  minifyWhitespace: true,
  // No keepNames: it wraps every closure in a call that runs each time the closure is made, on every
  // request; stack traces map back through the source map.
  // The sources are ES modules that find their files from import.meta.url. The build's stamp keys
  // the service's caches (src/build-id.ts).
  define: { 'import.meta.url': '__importMetaUrl', __BUILD_ID__: JSON.stringify(buildStamp()) },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  external: ['better-sqlite3', 'puppeteer'],
  legalComments: 'linked',
  logLevel: 'warning',
};

await build({
  ...common,
  sourcemap: 'linked',
  // The docx worker is the sibling file src/outlines/docx-pool.ts starts: <outdir>/docx-worker.cjs.
  entryPoints: { server: 'src/server.ts', 'docx-worker': 'src/outlines/docx-worker.ts' },
});
await build({ ...common, entryPoints: { 'bare-server': 'bench/bare-server.ts' } });

// Code run from V8's code cache has no loader for import() (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING):
// an external module must be required (src/render/browser.ts loads Puppeteer that way).
for (const name of ['server.cjs', 'docx-worker.cjs']) {
  if (readFileSync(join(outdir, name), 'utf8').includes('import(')) {
    console.error(`${name}: import() of an external module; use createRequire(import.meta.url)(…) instead`);
    process.exit(1);
  }
}
