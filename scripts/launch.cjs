'use strict';
// Runs a bundle built by scripts/bundle.mjs (`node scripts/launch.cjs dist/server.cjs`) with V8's code
// cache: the compiled code of the bundle is kept in <bundle>.v8cache and given back to V8 at the next
// start, which then neither parses nor compiles the 3 MB again (what Node 22 does with
// module.enableCompileCache(), which Node 20 lacks). The cache is written when the process exits
// (and after a minute for a process that is never stopped gently) if it was missing or V8 refused it
// (a new build or a new Node). Without a writable folder everything works, only without the cache.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = process.argv[2];
if (!bundle) {
  process.stderr.write('usage: node scripts/launch.cjs <bundle.cjs> [arguments]\n');
  process.exit(2);
}
const file = path.resolve(bundle);
const cacheFile = `${file}.v8cache`;
// The bundle sees the arguments as if it had been started directly.
process.argv.splice(1, 2, file);

let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// No import() inside: code from the cache has no loader for it (scripts/bundle.mjs checks).
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });

if (cachedData === undefined || script.cachedDataRejected) {
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    try {
      const partial = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(partial, script.createCachedData());
      fs.renameSync(partial, cacheFile);
    } catch {
      // read-only or full: the next start compiles again
    }
  };
  process.once('exit', write);
  setTimeout(write, 60_000).unref();
}

const main = new Module(file, null);
main.filename = file;
main.paths = Module._nodeModulePaths(path.dirname(file));
script.runInThisContext()(main.exports, Module.createRequire(file), main, file, path.dirname(file));
