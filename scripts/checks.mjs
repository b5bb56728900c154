// `npm run lint`, which `npm test` runs before the tests: ESLint, Prettier and the type check, side by
// side (each leaves part of the machine idle on its own: ESLint mostly one core, so all three took
// 53–69 s in a row against 47–50 s together on two cores). Each one's output is printed whole when it
// ends, and the run fails if any of them failed.
//
// The type check is TypeScript 7's native compiler (the `typescript7` alias): 6 s and 11 s of CPU for
// the whole tree against 17 s and 26 s for TypeScript 5.9, which takes it off the checks' longest path
// (61 → 45 s together). TypeScript 5.9 stays as `typescript` for what needs its JavaScript API
// (typescript-eslint, the generated-client test) and for the build's output. Both packages name
// their command `tsc`, so each is run by its path, never as node_modules/.bin/tsc.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const checks = [
  { name: 'ESLint', args: [join('node_modules', '.bin', 'eslint'), '.'] },
  { name: 'Prettier', args: [join('node_modules', '.bin', 'prettier'), '--check', '--cache', '--log-level', 'warn', '.'] },
  { name: 'tsc (TypeScript 7)', args: [join('node_modules', 'typescript7', 'bin', 'tsc'), '--noEmit'] },
];

function run({ name, args }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const [command, ...rest] = args;
    const child = spawn(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => (output += String(error)));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(`${code === 0 ? 'ok' : 'FAILED'}: ${name} (${args.join(' ')}, ${seconds} s)\n${output}`);
      resolve(code === 0);
    });
  });
}

const passed = await Promise.all(checks.map(run));
process.exit(passed.every(Boolean) ? 0 : 1);
