import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Source files run from src/ under tests and from dist/src/ in production; both find the project root
// by walking up to package.json, so data folders resolve the same way in both.
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

export function fromRoot(...parts: string[]): string {
  return resolve(projectRoot, ...parts);
}

/** Where the web pages' stylesheet and scripts are served (public files, content-hashed below it). */
export const STATIC_PREFIX = '/static/';
