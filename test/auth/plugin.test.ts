import t from 'tap';
import { buildTestApp, QX } from '../helpers/app.js';

t.test('no token, a malformed header or an unknown token answers 401 problem+json', async (t) => {
  const { app } = await buildTestApp(t);
  const none = await app.inject({ method: 'GET', url: '/campaigns' });
  t.equal(none.statusCode, 401);
  t.equal(none.headers['www-authenticate'], 'Bearer');
  t.equal(none.json().code, 'UNAUTHENTICATED');
  const basic = await app.inject({ method: 'GET', url: '/campaigns', headers: { authorization: 'Basic abc' } });
  t.equal(basic.statusCode, 401);
  const unknown = await app.inject({
    method: 'GET',
    url: '/campaigns',
    headers: { authorization: 'Bearer ict_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
  });
  t.equal(unknown.statusCode, 401);
  t.equal(unknown.json().code, 'INVALID_TOKEN');
});

t.test('health and docs are public', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode, 200);
});

t.test('a revoked token stops working at once', async (t) => {
  const { app, as, tokens, services } = await buildTestApp(t);
  const list = await app.inject({ method: 'GET', url: '/auth/tokens', headers: as('office') });
  const leader = list.json().find((x: { role: string }) => x.role === 'leader');
  t.notOk(JSON.stringify(list.json()).includes(tokens.leader), 'token values are never listed');
  const revoke = await app.inject({ method: 'DELETE', url: `/auth/tokens/${leader.id}`, headers: as('office') });
  t.equal(revoke.statusCode, 200);
  t.ok(revoke.json().revokedAt);
  const after = await app.inject({ method: 'GET', url: '/campaigns', headers: as('leader') });
  t.equal(after.statusCode, 401);
  t.ok(
    services.audit.list({ limit: 10 }).some((e) => e.action === 'token.revoke'),
    'the revocation is audited',
  );
});

t.test('the office issues scoped tokens; scopes are checked against the campaign', async (t) => {
  const { app, as } = await buildTestApp(t);
  const create = (payload: object) => app.inject({ method: 'POST', url: '/auth/tokens', headers: as('office'), payload });
  const leader = await create({ role: 'leader', label: 'Trưởng đoàn 03', campaignId: QX, teamNumber: 3 });
  t.equal(leader.statusCode, 201);
  t.match(leader.json().token, /^ict_/);
  const who = await app.inject({ method: 'GET', url: '/auth/whoami', headers: { authorization: `Bearer ${leader.json().token}` } });
  t.same(who.json(), { role: 'leader', label: 'Trưởng đoàn 03', campaignId: QX, teamNumber: 3, unitId: null });

  t.equal((await create({ role: 'leader', label: 'x', campaignId: QX })).statusCode, 400, 'leader needs a team');
  t.equal((await create({ role: 'leader', label: 'x', campaignId: QX, teamNumber: 9 })).statusCode, 422, 'no team 9');
  t.equal((await create({ role: 'unit', label: 'x', campaignId: QX, unitId: 'ca-huyen' })).statusCode, 422, 'Công an huyện is never inspected');
  t.equal((await create({ role: 'member', label: 'x', campaignId: QX, unitId: 'p-nv' })).statusCode, 422, 'Phòng Nội vụ is on no team');
  t.equal((await create({ role: 'unit', label: 'x', campaignId: 'nowhere', unitId: 'p-nv' })).statusCode, 404);
  const forbidden = await app.inject({ method: 'POST', url: '/auth/tokens', headers: as('leader'), payload: { role: 'office', label: 'x' } });
  t.equal(forbidden.statusCode, 403);
});

t.test('a token that would be dead on arrival (expiresAt not in the future) is refused, naming expiresAt', async (t) => {
  const { app, as, clock, services } = await buildTestApp(t);
  const before = services.auth.list().length;
  const create = (expiresAt: string) =>
    app.inject({ method: 'POST', url: '/auth/tokens', headers: as('office'), payload: { role: 'office', label: 'tạm', expiresAt } });
  for (const expiresAt of [
    '2000-01-01T00:00:00Z',
    new Date(clock.now().getTime() - 1000).toISOString(),
    clock.now().toISOString(),
    '2023-07-20T08:59:59+07:00',
  ]) {
    const res = await create(expiresAt);
    t.equal(res.statusCode, 400, expiresAt);
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ in: 'body', field: 'expiresAt' }] }, expiresAt);
  }
  t.equal(services.auth.list().length, before, 'no token was made');
  const later = await create('2023-07-20T09:00:01+07:00');
  t.equal(later.statusCode, 201, 'one second from now is fine');
  t.equal(later.json().expiresAt, '2023-07-20T02:00:01.000Z');
});

t.test('a token scoped to another campaign sees nothing of this one', async (t) => {
  const { app, as, services } = await buildTestApp(t);
  const other = services.auth.create(
    { role: 'office', label: 'văn phòng khác', campaignId: QX },
    { tokenId: null, personId: null, label: 't', role: 'system', campaignId: null, teamNumber: null, unitId: null, requestId: null },
  );
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}`, headers: { authorization: `Bearer ${other.token}` } })).statusCode, 200);
  const unitToken = await app.inject({ method: 'GET', url: '/campaigns/other-campaign', headers: as('unit') });
  t.equal(unitToken.statusCode, 404);
});
