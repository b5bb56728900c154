import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The Swagger UI at /docs (@fastify/swagger-ui): an index page, the UI's own files, and the
// specification at /docs/json and /docs/yaml. Public: the auth plugin marks every route under the prefix.

export const DOCS_PREFIX = '/docs';

/** The UI draws inline styles and fetches /docs/json; nothing else is allowed. */
export const docsCsp =
  "default-src 'self'; base-uri 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; " +
  "style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

export async function registerDocs(app: FastifyInstance): Promise<void> {
  // Bundled (dist/server.cjs), the plugin's own folder is not beside the code: its files are named
  // from the installed package.
  const files = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')), 'static');
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    baseDir: files,
    logo: { type: 'image/svg+xml', content: readFileSync(join(files, 'logo.svg')) },
    theme: { title: 'Dịch vụ đợt kiểm tra Đề án 06 — API' },
    staticCSP: docsCsp,
  });
}
