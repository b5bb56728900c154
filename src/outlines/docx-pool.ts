import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { OutlineDocument } from './document.js';
import { outlineDocx } from './docx.js';

// One worker thread builds the Word files, started on the first one and kept while the service runs.
// If the worker cannot start or load (tsx does not give workers its TypeScript loader), files are
// built on the main thread instead.

export interface DocxRenderer {
  render(document: OutlineDocument): Promise<Buffer>;
  close(): Promise<void>;
}

export interface DocxRendererOptions {
  log?: { warn(obj: object, msg: string): void };
  /** The worker script; by default docx-worker next to this module. */
  workerUrl?: URL;
}

export function createDocxRenderer(options: DocxRendererOptions = {}): DocxRenderer {
  const { log } = options;
  let worker: Worker | null = null;
  let broken = false;
  let next = 0;
  let working = false;
  const pending = new Map<number, { document: OutlineDocument; resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

  /** A worker that never answered could not load (e.g. a TypeScript loader that skips workers): build inline. */
  const failAll = (error: Error) => {
    if (!working) broken = true;
    for (const waiter of pending.values()) {
      if (working) waiter.reject(error);
      else outlineDocx(waiter.document).then(waiter.resolve, waiter.reject);
    }
    pending.clear();
  };

  function start(): Worker | null {
    if (worker || broken) return worker;
    try {
      // The worker is the sibling file with this module's extension (.ts from sources, .js when built).
      const file = options.workerUrl ?? new URL(`./docx-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
      const started = new Worker(file);
      started.unref();
      started.on('message', ({ id, data, error }: { id: number; data?: ArrayBuffer; error?: string }) => {
        const waiter = pending.get(id);
        pending.delete(id);
        if (pending.size === 0) started.unref();
        working = true;
        if (!waiter) return;
        if (data) waiter.resolve(Buffer.from(data));
        else waiter.reject(new Error(error ?? 'docx worker failed'));
      });
      started.on('error', (error) => {
        log?.warn({ err: error }, 'docx worker failed');
        failAll(error);
        worker = null;
      });
      started.on('exit', () => {
        failAll(new Error('docx worker stopped'));
        worker = null;
      });
      worker = started;
    } catch (error) {
      log?.warn({ err: error }, 'docx worker unavailable; building Word files on the main thread');
      broken = true;
    }
    return worker;
  }

  return {
    render(document) {
      const w = start();
      if (!w) return outlineDocx(document);
      const id = (next += 1);
      w.ref();
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { document, resolve, reject });
        w.postMessage({ id, document });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      broken = true;
      if (w) await w.terminate();
    },
  };
}
