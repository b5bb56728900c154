'use strict';
// A hash of everything the build is made from: the sources and scripts it compiles, the
// compiler settings, the lock file and the Node version. scripts/setup.sh builds only when it differs
// from the one written by the last build, so a second `npm start` on an unchanged tree starts at once
// and keeps the V8 code cache of the bundle. scripts/bundle.mjs writes the same hash into the bundle
// (src/build-id.ts): the caches of the running service are keyed on it.
const { createHash } = require('node:crypto');
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function buildStamp() {
  const hash = createHash('sha256').update(process.version);
  const add = (path) => {
    const full = join(root, path);
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) add(join(path, name));
      return;
    }
    hash.update(`\0${path}\0`).update(readFileSync(full));
  };
  for (const path of ['src', 'bench', 'scripts', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) add(path);
  return hash.digest('hex');
}

/** A hash of the lock file and the Node version: scripts/setup.sh runs `npm ci` when it differs. */
function installStamp() {
  return createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .update(process.version)
    .digest('hex');
}

module.exports = { buildStamp };
// scripts/setup.sh asks for all it compares in one run (a node start each took about 0.1 s of a
// second `npm start`): Node's major version, the install stamp and the build stamp.
if (require.main === module) process.stdout.write(`${process.versions.node.split('.')[0]} ${installStamp()} ${buildStamp()}`);
