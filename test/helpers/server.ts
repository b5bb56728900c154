import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'tap';
import { fromRoot } from '../../src/paths.js';
import { serviceBundle } from './bundle.js';

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Demo tokens written by the first start: OFFICE_TOKEN, LEADER_TOKEN, … */
  tokens: Record<string, string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  logs: string[];
}

/**
 * Spawns the real server (by default the bundle as `npm start` runs it, built from the sources for
 * this test process; `entry` are other node arguments) on a database in `dir`, on a free loopback
 * port, seeded with the shipped campaign. Resolves once it listens. Killed at teardown if still running.
 */
export async function startServer(t: Test, dir: string, env: Record<string, string> = {}, entry: string[] = serviceBundle()): Promise<RunningServer> {
  const child = spawn(process.execPath, entry, {
    cwd: fromRoot(),
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? dir,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_FILE: join(dir, 'db.sqlite'),
      STORAGE_DIR: join(dir, 'storage'),
      DEMO_TOKENS_FILE: join(dir, 'demo-tokens.env'),
      SIGN_IN_LINKS_FILE: join(dir, 'sign-in-links.txt'),
      LOG_FILE: '-',
      LOG_LEVEL: 'info',
      // tap's spawn hook adds its loader back to any child; without this the child records coverage of
      // the bundle under its own source map, which replaces the tests' own in the report (test/helpers/child.ts)
      _TAPJS_PROCESSINFO_COVERAGE_: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const logs: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join('\n')}`)), 60_000);
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${logs.join('\n')}`));
    });
  });
  const tokens: Record<string, string> = {};
  for (const line of readFileSync(join(dir, 'demo-tokens.env'), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(\S+)$/.exec(line);
    if (match) tokens[match[1]!] = match[2]!;
  }
  return { url, process: child, tokens, exited, logs };
}
