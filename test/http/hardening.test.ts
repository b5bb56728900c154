import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import t from 'tap';
import { openDatabase } from '../../src/db/connection.js';
import { securityHeaders } from '../../src/http/helmet.js';
import { buildTestApp, QX, tempDir } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';

const problemType = 'application/problem+json; charset=utf-8';
const tokenBody = { role: 'leader', label: 'Trưởng đoàn 02', campaignId: QX, teamNumber: 2 };

t.test('security headers on every answer; the API forbids any active content', async (t) => {
  const { app, as } = await buildTestApp(t);
  for (const res of [
    await app.inject({ method: 'GET', url: '/campaigns', headers: as('office') }),
    await app.inject({ method: 'GET', url: '/campaigns' }),
    await app.inject({ method: 'GET', url: '/nowhere' }),
  ]) {
    t.equal(res.headers['x-content-type-options'], 'nosniff');
    t.equal(res.headers['x-frame-options'], 'DENY');
    t.equal(res.headers['cache-control'], 'no-store', 'API answers are not kept by caches');
    t.equal(res.headers['cross-origin-resource-policy'], 'same-origin');
    t.match(res.headers['strict-transport-security'], /max-age=\d+/);
    t.match(res.headers['content-security-policy'], /default-src 'none'/);
    t.match(res.headers['content-security-policy'], /frame-ancestors 'none'/);
    t.equal(res.headers['referrer-policy'], 'no-referrer');
    t.notOk(res.headers['x-powered-by']);
  }
  const docs = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(docs.statusCode, 200);
  t.match(docs.headers['content-security-policy'], /script-src 'self'/, 'the Swagger UI has its own policy');
});

t.test('the header set is the OWASP one for APIs, and what helmet adds for HTML applications is left out', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: '/campaigns', headers: as('office') });
  for (const [name, value] of Object.entries(securityHeaders)) t.equal(res.headers[name], value, name);
  for (const name of [
    'x-xss-protection',
    'x-download-options',
    'x-dns-prefetch-control',
    'origin-agent-cluster',
    'cross-origin-opener-policy',
    'x-permitted-cross-domain-policies',
  ]) {
    t.notOk(res.headers[name], `no ${name}`);
  }
  // Helmet's CSP for the same directives is the one written here.
  const { default: helmet } = await import('helmet');
  const headers: Record<string, string> = {};
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
  });
  const response = { setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value), removeHeader: () => undefined };
  middleware({} as never, response as never, () => undefined);
  t.equal(securityHeaders['content-security-policy'], headers['content-security-policy']);
  t.equal(securityHeaders['strict-transport-security'], headers['strict-transport-security']);
  const feed = await app.inject({ method: 'GET', url: `/campaigns/${QX}/feed`, headers: as('office') });
  t.equal(feed.headers['cache-control'], 'private, no-cache', 'answers meant to be revalidated say so');
});

t.test("the pages carry helmet's headers for an HTML application: their own CSP, same-origin referrer and opener", async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  const page = await app.inject({ method: 'GET', url: '/dang-nhap' });
  t.equal(page.statusCode, 200);
  t.equal(
    page.headers['content-security-policy'],
    "default-src 'none';script-src 'self';style-src 'self';img-src 'self' data: blob:;connect-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none'",
  );
  t.equal(page.headers['referrer-policy'], 'same-origin');
  t.equal(page.headers['cross-origin-opener-policy'], 'same-origin');
  t.equal(page.headers['cache-control'], 'no-store', 'pages hold personal data');
  for (const name of ['x-content-type-options', 'x-frame-options', 'strict-transport-security', 'cross-origin-resource-policy']) {
    t.equal(page.headers[name], securityHeaders[name], `${name} as the API's`);
  }
  const api = await app.inject({ method: 'GET', url: '/health' });
  t.notOk(api.headers['cross-origin-opener-policy'], 'the API answers keep their own set');
});

t.test('a body over the limit is 413; a type the API does not read is 415', async (t) => {
  const { app, as } = await buildTestApp(t, { config: { bodyLimitBytes: 4096 } });
  const big = await app.inject({
    method: 'POST',
    url: '/auth/tokens',
    headers: as('office'),
    payload: { ...tokenBody, label: 'x'.repeat(5000) },
  });
  t.equal(big.statusCode, 413);
  t.equal(big.headers['content-type'], problemType);
  t.equal(big.json().code, 'PAYLOAD_TOO_LARGE');
  const yaml = await app.inject({
    method: 'POST',
    url: '/campaigns',
    headers: { ...as('office'), 'content-type': 'application/yaml' },
    payload: `label: "${'x'.repeat(5000)}"`,
  });
  t.equal(yaml.statusCode, 413, 'the YAML parser has the same limit');

  const send = (contentType: string, payload: string) =>
    app.inject({ method: 'POST', url: '/auth/tokens', headers: { ...as('office'), 'content-type': contentType }, payload });
  for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png']) {
    const res = await send(type, 'role=office');
    t.equal(res.statusCode, 415, type);
    t.equal(res.json().code, 'UNSUPPORTED_MEDIA_TYPE');
  }
  t.equal((await send('application/json; charset=utf-8', JSON.stringify(tokenBody))).statusCode, 201, 'charset parameter is fine');
  t.equal((await send('APPLICATION/JSON', JSON.stringify(tokenBody))).statusCode, 201, 'media types are case-insensitive');
  const noType = await app.inject({ method: 'POST', url: '/auth/tokens', headers: { ...as('office'), 'content-type': '' }, payload: 'abc' });
  t.equal(noType.statusCode, 415);
});

t.test('rate limits count per token (anonymous callers per address); 429 says when to retry; /health is exempt', async (t) => {
  const { app, as, tokens } = await buildTestApp(t, { config: { rateLimitMax: 5, rateLimitWindowMs: 60_000 } });
  const get = (headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: '/campaigns', headers });
  for (let i = 0; i < 5; i += 1) t.equal((await get(as('leader'))).statusCode, 200);
  const limited = await get(as('leader'));
  t.equal(limited.statusCode, 429);
  t.equal(limited.headers['content-type'], problemType);
  t.equal(limited.json().code, 'RATE_LIMITED');
  t.match(limited.json().detail, /Quá nhiều yêu cầu/);
  t.ok(Number(limited.headers['retry-after']) >= 1 && Number(limited.headers['retry-after']) <= 60);
  t.equal((await get(as('secretary'))).statusCode, 200, 'another token has its own allowance');

  for (let i = 0; i < 5; i += 1) t.equal((await get({ authorization: `Bearer ict_${'A'.repeat(43)}${i}` })).statusCode, 401);
  t.equal((await get()).statusCode, 429, 'guessing tokens from one address is limited too');
  t.equal((await get(as('unit'))).statusCode, 200, 'a valid token from the same address is not');
  for (let i = 0; i < 20; i += 1) t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
  t.ok(tokens.office);
});

t.test('a database locked by another writer answers 503 with Retry-After, then recovers', async (t) => {
  const { app, as, config, services } = await buildTestApp(t, { config: { databaseBusyTimeoutMs: 50 } });
  await app.ready();
  const other = new Database(config.databaseFile);
  t.teardown(() => other.close());
  const before = services.auth.list().length;
  other.exec('BEGIN IMMEDIATE');
  other.prepare("insert into audit_log (at, actor_label, actor_role, action, entity_type, entity_id) values ('x', 'other', 'system', 'lock', 'x', '1')").run();

  const post = () => app.inject({ method: 'POST', url: '/auth/tokens', headers: as('office'), payload: tokenBody });
  const locked = await post();
  t.equal(locked.statusCode, 503);
  t.equal(locked.headers['content-type'], problemType);
  t.equal(locked.json().code, 'DATABASE_UNAVAILABLE');
  t.ok(Number(locked.headers['retry-after']) >= 1);
  t.notMatch(locked.body, /SQLITE|stack|at /, 'nothing internal leaks');
  const keyed = await app.inject({ method: 'POST', url: '/auth/tokens', headers: { ...as('office'), 'idempotency-key': 'k' }, payload: tokenBody });
  t.equal(keyed.statusCode, 503, 'the idempotency claim itself needs the lock');
  t.equal((await app.inject({ method: 'GET', url: '/campaigns', headers: as('office') })).statusCode, 200, 'reads go on (WAL)');

  other.exec('ROLLBACK');
  t.equal((await post()).statusCode, 201);
  t.equal(services.auth.list().length, before + 1, 'the refused write left nothing behind');
  t.equal(
    (await app.inject({ method: 'POST', url: '/auth/tokens', headers: { ...as('office'), 'idempotency-key': 'k' }, payload: tokenBody })).statusCode,
    201,
  );
});

t.test('a full disk (max_page_count) answers 503 and the service keeps going once there is room', async (t) => {
  const dir = tempDir(t);
  const database = openDatabase(join(dir, 'db.sqlite'));
  t.teardown(() => database.close());
  const { app, as } = await buildTestApp(t, { dir, deps: { database } });
  await app.ready();
  const pages = database.sqlite.pragma('page_count', { simple: true }) as number;
  database.sqlite.pragma(`max_page_count = ${pages}`);

  let full: LightMyRequestResponse | null = null;
  let failedId = '';
  for (let i = 0; i < 20 && !full; i += 1) {
    const res = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: miniDefinition(`full-${i}`) });
    if (res.statusCode === 503) {
      full = res;
      failedId = `full-${i}`;
    } else t.equal(res.statusCode, 201);
  }
  t.ok(full, 'the disk filled up');
  t.equal(full!.json().code, 'DATABASE_UNAVAILABLE');
  t.ok(full!.headers['retry-after']);
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'still serving');
  const count = (table: string) => (database.sqlite.prepare(`select count(*) as n from ${table} where campaign_id = ?`).get(failedId) as { n: number }).n;
  t.same(
    ['campaigns', 'units', 'teams', 'assignments', 'audit_log'].map((x) =>
      x === 'campaigns' ? (database.sqlite.prepare('select count(*) as n from campaigns where id = ?').get(failedId) as { n: number }).n : count(x),
    ),
    [0, 0, 0, 0, 0],
    'nothing of the refused campaign was kept',
  );
  t.equal(database.sqlite.pragma('integrity_check', { simple: true }), 'ok');

  database.sqlite.pragma(`max_page_count = ${pages * 100}`);
  const after = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: miniDefinition('after-full') });
  t.equal(after.statusCode, 201);
});

t.test('request logs hold no token and no body', async (t) => {
  const lines: string[] = [];
  const stream = { write: (line: string) => lines.push(line) };
  const { app, as, tokens } = await buildTestApp(t, { deps: { logger: { level: 'trace', stream } } });
  const secretLabel = 'Nhãn bí mật 7f3a';
  await app.inject({ method: 'POST', url: '/auth/tokens', headers: as('office'), payload: { ...tokenBody, label: secretLabel } });
  const created = await app.inject({ method: 'POST', url: '/auth/tokens', headers: as('office'), payload: tokenBody });
  await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/calendar.ics?token=${tokens.leader}` });
  // Every spelling the query parser reads as "token" authenticates, so every one is redacted.
  const spellings = ['%74oken', 'tok%65n', '%74%6F%6B%65%6E', 'TOKEN', 'to%6Ben'];
  for (const name of spellings) {
    const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/calendar.ics?x=1&${name}=${tokens.secretary}` });
    if (name !== 'TOKEN') t.equal(res.statusCode, 200, `?${name}= authenticates`);
  }
  await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/calendar.ics?token=a&token=${encodeURIComponent(tokens.member)}` });
  await app.inject({ method: 'GET', url: `/campaigns?q=${tokens.member.replace('_', '%5F')}` });
  await app.inject({ method: 'GET', url: '/campaigns', headers: { authorization: `Bearer ${tokens.unit}x` } });
  const invitation = 'Zq8vN3kLmW2xR7tY9pB4cD6fG1hJ5sA0';
  await app.inject({ method: 'GET', url: `/moi/${invitation}` });
  await app.inject({ method: 'GET', url: `/moi/${invitation}?lai=1` });
  const logs = lines.join('\n');
  t.notOk(logs.includes(invitation), 'the code of a sign-in link is not in the logs');
  t.match(logs, /"url":"\/moi\/\[redacted\]"/, 'its request is logged with the code redacted');
  t.ok(lines.length >= 8, 'requests were logged');
  t.match(logs, /calendar\.ics\?token=\[redacted\]/, 'a ?token= is redacted');
  t.match(logs, /calendar\.ics\?x=1&%74oken=\[redacted\]/, 'a ?%74oken= is redacted, its spelling kept');
  for (const secret of [tokens.office, tokens.leader, tokens.secretary, tokens.member, tokens.unit, created.json().token, secretLabel]) {
    t.notOk(logs.includes(secret.slice(4, 30)), `not in the logs: ${secret.slice(0, 8)}…`);
  }
  t.notOk(/authorization/i.test(logs), 'no Authorization header');
});
