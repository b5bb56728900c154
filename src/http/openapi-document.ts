import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app.js';
import { parseConfig } from '../config.js';
import { openapiYaml } from './openapi-yaml.js';

/** The OpenAPI document as YAML, generated from the routes of a throw-away app. */
export async function generateOpenapiYaml(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ics-openapi-'));
  const app = await buildApp(parseConfig({ databaseFile: join(dir, 'db.sqlite'), storageDir: join(dir, 'storage'), logLevel: 'silent', seedOnStart: false }));
  try {
    await app.ready();
    return openapiYaml(app.swagger());
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
