import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildId } from '../build-id.js';
import { makePrivateDir, PRIVATE_FILE } from '../private-files.js';

// Work done on shipped files at every start (parsing the outline and calendar YAML, checking every
// template) took a third of start-up. Its result is kept under a key of the exact input and of the
// build that did the work, and read back when both are the same: a new YAML library or new template
// checks never meet a value an older build kept. Nothing is kept when the work throws, so a broken
// file is reported at every start, and validation that depends on the code (zod schemas) still runs
// each time.

/**
 * The value `compute` made from `input` before (same kind, same bytes, same build), or compute()'s
 * value, kept for next time. `input` must contain every file the value depends on.
 */
export type ContentCache = <T>(kind: string, input: string, compute: () => T) => T;

/** No cache: compute every time (tests, read-only deployments). */
export const computeAlways: ContentCache = (_kind, _input, compute) => compute();

/** A cache in dir (created when first written); failing to read or write it only costs the work. */
export function contentCache(dir: string, build: string = buildId()): ContentCache {
  return <T>(kind: string, input: string, compute: () => T): T => {
    const key = createHash('sha256').update(`${build}\0${kind}\0`).update(input).digest('hex');
    const file = join(dir, `${kind}-${key}.json`);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      // not kept yet, or unreadable: compute
    }
    const value = compute();
    if (jsonSafe(value)) {
      try {
        makePrivateDir(dir);
        const partial = `${file}.${process.pid}.tmp`;
        writeFileSync(partial, JSON.stringify(value), { mode: PRIVATE_FILE });
        renameSync(partial, file);
      } catch {
        // a read-only or full disk: the next start computes again
      }
    }
    return value;
  };
}

/** True when JSON gives back the same value (no NaN, Infinity, undefined, dates, maps or binary). */
export function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(jsonSafe);
  return false;
}
