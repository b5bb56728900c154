import t from 'tap';
import { parse } from 'yaml';
import { buildTestApp } from '../helpers/app.js';

t.test('/docs serves the Swagger UI, its files and the specification without a token', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  for (const url of ['/docs', '/docs/']) {
    const page = await app.inject({ method: 'GET', url });
    t.equal(page.statusCode, 200, url);
    t.match(page.headers['content-type'], /^text\/html/);
    t.match(page.body, /<script src="(\/docs|\.)\/static\/swagger-ui-bundle\.js"/);
    t.match(page.headers['content-security-policy'], /script-src 'self'/, 'the UI has its own policy');
  }
  const json = await app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(json.statusCode, 200);
  const spec = json.json<{ openapi: string; paths: Record<string, unknown> }>();
  t.equal(spec.openapi, '3.1.0');
  t.ok(spec.paths['/campaigns/{campaignId}/feed'], 'every route is described');
  t.notOk(
    Object.keys(spec.paths).some((path) => path.startsWith('/docs')),
    'the docs do not describe themselves',
  );
  const yaml = await app.inject({ method: 'GET', url: '/docs/yaml' });
  t.equal(yaml.statusCode, 200);
  t.same(parse(yaml.body), spec, 'the YAML says the same');

  const bundle = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
  t.equal(bundle.statusCode, 200);
  t.match(bundle.headers['content-type'], /^application\/javascript/);
  t.ok(bundle.rawPayload.length > 100_000, 'the UI itself');
  const again = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
  t.equal(again.rawPayload.length, bundle.rawPayload.length, 'read once, served again');
  const icon = await app.inject({ method: 'GET', url: '/docs/static/favicon-32x32.png' });
  t.equal(icon.headers['content-type'], 'image/png');
  const init = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
  t.match(init.body, /SwaggerUIBundle\(/);

  for (const url of ['/docs/static/package.json', '/docs/static/..%2f..%2fpackage.json', '/docs/..%2fpackage.json', '/docs/static/nothing.js']) {
    const res = await app.inject({ method: 'GET', url });
    t.ok(res.statusCode === 404 || res.statusCode === 403, `${url}: only the UI's own files`);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  }
  const stock = await app.inject({ method: 'GET', url: '/docs/static/index.html' });
  t.equal(stock.headers.location, '/docs/', "the UI's stock page leads to the UI");
});
