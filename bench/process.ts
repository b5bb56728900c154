import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fromRoot } from '../src/paths.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Started {
  child: ChildProcess;
  port: number;
  /** Milliseconds from spawn to the first 200 from url. */
  readyMs: number;
  stop(): Promise<void>;
}

/** `node` arguments that start a bundle as `npm start` does: the launcher with V8's code cache. */
export function launched(bundle: string): string[] {
  return [fromRoot('scripts/launch.cjs'), fromRoot(bundle)];
}

/** The service as `npm start` runs it, and the bare Fastify reference built and started the same way. */
export const serviceArgs = () => launched('dist/server.cjs');
export const bareArgs = () => launched('dist/bare-server.cjs');

/**
 * Spawns `node <args>` from the project root with env, polls http://127.0.0.1:<port><path> until it
 * answers 200. The server logs nothing unless BENCH_SERVER_LOG names a level.
 */
export async function startProcess(args: string[], env: Record<string, string>, path = '/health'): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const log = process.env['BENCH_SERVER_LOG'];
  const child = spawn(process.execPath, args, {
    cwd: fromRoot(),
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: log ?? 'silent' },
    stdio: ['ignore', log ? 'inherit' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const readyMs = performance.now() - started;
  return {
    child,
    port,
    readyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}
