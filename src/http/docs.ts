import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { openapiYaml } from './openapi-yaml.js';

// The Swagger UI at /docs, served straight from swagger-ui-dist: an index page, the UI's own files,
// and the specification at /docs/json and /docs/yaml. (@fastify/swagger-ui did the same through
// @fastify/static, whose loading was a tenth of the service's start-up.)

export const DOCS_PREFIX = '/docs';

/** The UI draws inline styles and fetches /docs/json; nothing else is allowed. */
export const docsCsp =
  "default-src 'self'; base-uri 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; " +
  "style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

const files: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const initializer = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: new URL('json', window.location.href.split('#')[0].replace(/\\/?$/, '/')).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
    validatorUrl: null,
  });
};
`;

const index = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Dịch vụ đợt kiểm tra Đề án 06 — API</title>
<link rel="stylesheet" href="${DOCS_PREFIX}/static/swagger-ui.css">
<link rel="stylesheet" href="${DOCS_PREFIX}/static/index.css">
<link rel="icon" type="image/png" href="${DOCS_PREFIX}/static/favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="${DOCS_PREFIX}/static/favicon-16x16.png" sizes="16x16">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS_PREFIX}/static/swagger-ui-bundle.js" charset="utf-8"></script>
<script src="${DOCS_PREFIX}/static/swagger-ui-standalone-preset.js" charset="utf-8"></script>
<script src="${DOCS_PREFIX}/static/swagger-initializer.js" charset="utf-8"></script>
</body>
</html>
`;

/** Routes under /docs (public: the auth plugin marks every route under the prefix). */
export const docsRoutes: FastifyPluginAsync = async (app) => {
  const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const loaded = new Map<string, Promise<Buffer>>();
  const hidden = { hide: true };

  // onSend: after the API's own policy (default-src 'none') was set for every reply.
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('content-security-policy', docsCsp);
    done(null, payload);
  });
  app.get('/', { schema: hidden }, (_request, reply) => reply.type('text/html; charset=utf-8').send(index));
  app.get('/json', { schema: hidden }, (_request, reply) => reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())));
  let yaml: string | undefined; // the same text as the checked-in openapi.yaml
  app.get('/yaml', { schema: hidden }, (_request, reply) => reply.type('application/x-yaml; charset=utf-8').send((yaml ??= openapiYaml(app.swagger()))));
  app.get('/static/swagger-initializer.js', { schema: hidden }, (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(initializer),
  );
  app.get<{ Params: { file: string } }>('/static/:file', { schema: hidden }, async (request, reply) => {
    const { file } = request.params;
    const type = files[file];
    if (type === undefined) return reply.callNotFound();
    // Read once, on the first request for the file: the bundle alone is 1.5 MB.
    let content = loaded.get(file);
    if (!content) {
      content = readFile(join(dist, file));
      loaded.set(file, content);
      content.catch(() => loaded.delete(file));
    }
    return reply.type(type).header('cache-control', 'public, max-age=3600').send(await content);
  });
};
