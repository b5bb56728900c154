import fastifyStatic from '@fastify/static';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { STATIC_PREFIX } from '../paths.js';

// The pages' stylesheet and scripts, served by @fastify/static under a path holding the hash of their
// content (/static/<hash>/app.css): a browser keeps them for a year, and any change is a new address.

export interface Assets {
  /** URL of a served file: asset('app.css') → /static/3f2a…/app.css */
  url(name: string): string;
}

function filesOf(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.(css|js|svg|png|ico)$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

export async function registerAssets(app: FastifyInstance, publicDir: string): Promise<Assets> {
  const files = filesOf(publicDir);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.slice(file.lastIndexOf('/'))).update(readFileSync(file));
  const prefix = `${STATIC_PREFIX}${hash.digest('hex').slice(0, 12)}/`;

  const cache = { immutable: true, maxAge: '365d' } as const;
  await app.register(fastifyStatic, { ...cache, prefix, root: publicDir, index: false, list: false, wildcard: false });
  return { url: (name) => `${prefix}${name}` };
}
