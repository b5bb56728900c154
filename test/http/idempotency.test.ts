import t from 'tap';
import { z } from 'zod';
import { officeOnly } from '../../src/auth/policy.js';
import { ServiceUnavailable } from '../../src/http/errors.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { operationsOf } from '../helpers/openapi.js';

const tokenBody = { role: 'leader', label: 'Trưởng đoàn 03', campaignId: QX, teamNumber: 3 };

t.test('a replay of POST /auth/tokens returns the first answer and creates nothing more', async (t) => {
  const { app, as, services } = await buildTestApp(t);
  const post = (payload: object, key = 'k-1') =>
    app.inject({ method: 'POST', url: '/auth/tokens', headers: { ...as('office'), 'idempotency-key': key }, payload });
  const before = services.auth.list().length;
  const first = await post(tokenBody);
  t.equal(first.statusCode, 201);
  t.notOk(first.headers['idempotent-replayed']);
  const replay = await post(tokenBody);
  t.equal(replay.statusCode, 201);
  t.equal(replay.headers['idempotent-replayed'], 'true');
  t.equal(replay.headers['content-type'], first.headers['content-type']);
  t.same(replay.json(), first.json(), 'the same token, shown again to the client that asked for it');
  t.equal(services.auth.list().length, before + 1, 'one token, not two');

  const other = await post({ ...tokenBody, teamNumber: 4 });
  t.equal(other.statusCode, 422);
  t.equal(other.json().code, 'IDEMPOTENCY_KEY_REUSED');
  t.equal(services.auth.list().length, before + 1);

  const noKey = async () => app.inject({ method: 'POST', url: '/auth/tokens', headers: as('office'), payload: tokenBody });
  t.equal((await noKey()).statusCode, 201);
  t.equal((await noKey()).statusCode, 201);
  t.equal(services.auth.list().length, before + 3, 'without a key every POST creates');
});

t.test('neither the key nor the answer (a bearer token) is stored in clear', async (t) => {
  const { app, as, services } = await buildTestApp(t);
  const key = 'secret-key-9f2c';
  const res = await app.inject({ method: 'POST', url: '/auth/tokens', headers: { ...as('office'), 'idempotency-key': key }, payload: tokenBody });
  const { token } = res.json();
  const sqlite = (services.db as unknown as { $client: import('better-sqlite3').Database }).$client;
  const rows = sqlite.prepare('select * from idempotency_keys').all() as Record<string, unknown>[];
  t.equal(rows.length, 1);
  const dump = JSON.stringify(rows, (_k, v) => (v && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v));
  t.notOk(dump.includes(token), 'token value absent');
  t.notOk(dump.includes(token.slice(4, 20)), 'not even part of it');
  t.notOk(dump.includes(key), 'key absent');
});

t.test('keys are per token, expire after 24 h, and a 400 or a 5xx does not use one up', async (t) => {
  const { app, as, services, clock } = await buildTestApp(t);
  const other = services.auth.create(
    { role: 'office', label: 'văn phòng 2' },
    { tokenId: null, personId: null, label: 't', role: 'system', campaignId: null, teamNumber: null, unitId: null, requestId: null },
  );
  const post = (headers: Record<string, string>, payload: object) =>
    app.inject({ method: 'POST', url: '/auth/tokens', headers: { ...headers, 'idempotency-key': 'shared' }, payload });

  t.equal((await post(as('office'), tokenBody)).statusCode, 201);
  const second = await post({ authorization: `Bearer ${other.token}` }, { ...tokenBody, teamNumber: 4 });
  t.equal(second.statusCode, 201, 'another token may use the same key for its own request');
  t.notOk(second.headers['idempotent-replayed']);

  clock.advance(24 * 3600 * 1000 + 1000);
  const later = await post(as('office'), { ...tokenBody, teamNumber: 5 });
  t.equal(later.statusCode, 201, 'an expired key is free again');
  t.notOk(later.headers['idempotent-replayed']);

  const bad = await app.inject({ method: 'POST', url: '/auth/tokens', headers: { ...as('office'), 'idempotency-key': 'fix-me' }, payload: { role: 'leader' } });
  t.equal(bad.statusCode, 400);
  const fixed = await app.inject({ method: 'POST', url: '/auth/tokens', headers: { ...as('office'), 'idempotency-key': 'fix-me' }, payload: tokenBody });
  t.equal(fixed.statusCode, 201, 'a corrected request may reuse the key of a refused one');

  const stable = await app.inject({
    method: 'POST',
    url: '/auth/tokens',
    headers: { ...as('office'), 'idempotency-key': 'no-team' },
    payload: { ...tokenBody, teamNumber: 9 },
  });
  t.equal(stable.statusCode, 422);
  const stableAgain = await app.inject({
    method: 'POST',
    url: '/auth/tokens',
    headers: { ...as('office'), 'idempotency-key': 'no-team' },
    payload: { ...tokenBody, teamNumber: 9 },
  });
  t.equal(stableAgain.headers['idempotent-replayed'], 'true', 'a business refusal is an answer and is replayed');

  for (const key of ['', 'x'.repeat(256), 'khóa-có-dấu']) {
    const res = await app.inject({ method: 'POST', url: '/auth/tokens', headers: { ...as('office'), 'idempotency-key': key }, payload: tokenBody });
    t.equal(res.statusCode, 400, `key ${JSON.stringify(key.slice(0, 12))} is refused`);
  }
});

t.test('POST /campaigns replays too; the OpenAPI document lists the header', async (t) => {
  const { app, as } = await buildTestApp(t, { seed: true });
  const { miniDefinition } = await import('../helpers/definitions.js');
  const post = () => app.inject({ method: 'POST', url: '/campaigns', headers: { ...as('office'), 'idempotency-key': 'import-1' }, payload: miniDefinition() });
  const first = await post();
  t.equal(first.statusCode, 201);
  const replay = await post();
  t.equal(replay.statusCode, 201, 'the replay says "created", as the first answer did (a plain re-import says 200)');
  t.equal(replay.headers.location, first.headers.location);
  t.equal(replay.headers['idempotent-replayed'], 'true');
  await app.ready();
  const operations = operationsOf(app.swagger() as Parameters<typeof operationsOf>[0]);
  for (const [path, method] of [
    ['/campaigns', 'POST'],
    ['/auth/tokens', 'POST'],
  ] as const) {
    const op = operations.find((o) => o.path === path && o.method === method)!;
    t.ok(
      op.parameters.some((p) => p.in === 'header' && p.name === 'idempotency-key'),
      `${method} ${path}`,
    );
  }
});

t.test('a retry while the first request runs is 409; a key left by a dead process is taken over', async (t) => {
  const { app, as, clock } = await buildTestApp(t);
  const waiting: (() => void)[] = [];
  const release = () => waiting.splice(0).forEach((resolve) => resolve());
  let runs = 0;
  let fail = false;
  app.post('/test/slow', { config: { access: officeOnly, idempotent: true }, schema: { body: z.object({ n: z.number() }) } }, async (request, reply) => {
    runs += 1;
    if (fail) {
      fail = false;
      throw new ServiceUnavailable('thử lại');
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
    reply.code(201);
    return { n: request.body.n, run: runs };
  });
  const post = (n = 1, key = 'slow-1') =>
    app.inject({ method: 'POST', url: '/test/slow', headers: { ...as('office'), 'idempotency-key': key }, payload: { n } });

  const first = post();
  while (runs === 0) await new Promise((r) => setImmediate(r));
  const concurrent = await post();
  t.equal(concurrent.statusCode, 409);
  t.equal(concurrent.json().code, 'IDEMPOTENCY_KEY_IN_USE');
  t.equal(concurrent.headers['retry-after'], '1');
  t.equal((await post(2)).statusCode, 422, 'another body is refused even while in flight');
  release();
  t.same((await first).json(), { n: 1, run: 1 });
  t.same((await post()).json(), { n: 1, run: 1 }, 'replayed after completion');
  t.equal(runs, 1);

  // A process killed mid-request leaves the key in flight: after the lease, a retry runs again.
  const abandoned = post(1, 'slow-2');
  while (runs === 1) await new Promise((r) => setImmediate(r));
  clock.advance(61_000);
  const takeover = post(1, 'slow-2');
  while (runs === 2) await new Promise((r) => setImmediate(r));
  release();
  t.equal((await takeover).statusCode, 201);
  t.equal((await abandoned).statusCode, 201);

  fail = true;
  const unavailable = await post(1, 'slow-3');
  t.equal(unavailable.statusCode, 503);
  const retried = post(1, 'slow-3');
  while (runs === 4) await new Promise((r) => setImmediate(r));
  release();
  t.equal((await retried).statusCode, 201, 'a 503 released the key: the retry ran');
  t.equal(runs, 5);
});
