import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { openDatabase } from '../../src/db/connection.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';

t.test('audit_log refuses UPDATE and DELETE, also after the database is reopened', async (t) => {
  const { services, config } = await buildTestApp(t);
  const sqlite = (services.db as unknown as { $client: import('better-sqlite3').Database }).$client;
  const count = () => (sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
  const rows = count();
  t.ok(rows > 0, 'seeding and token creation were audited');
  t.throws(() => sqlite.prepare("update audit_log set actor_label = 'someone else'").run(), /append-only/);
  t.throws(() => sqlite.prepare('delete from audit_log').run(), /append-only/);
  t.throws(() => sqlite.prepare('delete from audit_log where id = 1').run(), /append-only/);
  t.equal(count(), rows);

  const again = openDatabase(config.databaseFile);
  t.teardown(() => again.close());
  t.throws(() => again.sqlite.prepare("update audit_log set action = 'x'").run(), /append-only/, 'triggers survive reopening');
  const triggers = again.sqlite.prepare("select name from sqlite_master where type = 'trigger' and name like 'audit_log%' order by name").all();
  t.same(triggers, [{ name: 'audit_log_no_delete' }, { name: 'audit_log_no_update' }], 'installed once, not duplicated');
});

t.test('every write of campaigns and auth records who, role, when, what, before and after', async (t) => {
  const { app, as, services, clock } = await buildTestApp(t);
  clock.set('2023-07-25T03:00:00.000Z');
  const imported = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: miniDefinition() });
  t.equal(imported.statusCode, 201);
  const created = await app.inject({
    method: 'POST',
    url: '/auth/tokens',
    headers: { ...as('office'), 'x-request-id': 'req-create-1' },
    payload: { role: 'unit', label: 'Phòng Tài chính - Kế hoạch', campaignId: QX, unitId: 'p-tckh' },
  });
  const revoked = await app.inject({ method: 'DELETE', url: `/auth/tokens/${created.json().id}`, headers: as('office') });
  t.equal(revoked.statusCode, 200);
  const copied = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/copy`,
    headers: as('office'),
    payload: { id: 'quang-xuong-2024', title: 'Kiểm tra năm 2024', windowStart: '2024-08-05' },
  });
  t.equal(copied.statusCode, 201);
  const [copy] = services.audit.list({ campaignId: 'quang-xuong-2024', limit: 1 });
  t.match(copy, { action: 'campaign.copy', actorRole: 'office', entityId: 'quang-xuong-2024', after: { copiedFrom: QX } });

  const [revoke, create, load] = services.audit.list({ limit: 4 }).filter((e) => e.action !== 'campaign.copy');
  t.match(load, {
    at: '2023-07-25T03:00:00.000Z',
    actorLabel: 'test office',
    actorRole: 'office',
    action: 'campaign.import',
    entityType: 'campaign',
    entityId: 'mini-2024',
    campaignId: 'mini-2024',
    before: null,
    after: { id: 'mini-2024' },
  });
  t.ok(load!.actorTokenId, 'the token that acted is named');
  t.match(create, { action: 'token.create', actorRole: 'office', unitId: 'p-tckh', campaignId: QX, requestId: 'req-create-1', before: null });
  t.match(create!.after, { role: 'unit', unitId: 'p-tckh', revokedAt: null });
  t.match(revoke, { action: 'token.revoke', before: { revokedAt: null }, after: { revokedAt: '2023-07-25T03:00:00.000Z' } });
  const everything = JSON.stringify(services.audit.list({ limit: 100 }));
  t.notOk(everything.includes(created.json().token), 'no token value is ever audited');
  t.notOk(everything.includes('token_hash') || everything.includes('tokenHash'), 'nor its hash');
});

t.test('the office reads the trail per campaign, unit and visit, newest first, page by page', async (t) => {
  const { app, as, services } = await buildTestApp(t);
  const actor = systemActor('test');
  for (let i = 0; i < 5; i += 1) {
    services.auth.create({ role: 'unit', label: `đơn vị ${i}`, campaignId: QX, unitId: 'p-tckh' }, actor);
  }
  services.db.transaction((tx) =>
    services.audit.record(tx, actor, {
      action: 'visit.register',
      entityType: 'visit',
      entityId: 17,
      campaignId: QX,
      unitId: 'p-tckh',
      visitId: 17,
      after: { date: '2023-08-03', session: 'sang' },
    }),
  );
  const get = (url: string, role: 'office' | 'leader' = 'office') => app.inject({ method: 'GET', url, headers: as(role) });

  const first = await get(`/campaigns/${QX}/audit?limit=4`);
  t.equal(first.statusCode, 200);
  const page1 = first.json();
  t.equal(page1.entries.length, 4);
  t.equal(page1.entries[0].action, 'visit.register', 'newest first');
  const ids = page1.entries.map((e: { id: number }) => e.id);
  t.same(
    ids,
    [...ids].sort((a: number, b: number) => b - a),
  );
  t.equal(page1.nextBefore, ids[3]);
  const all: number[] = [...ids];
  for (let next = page1.nextBefore; next !== null;) {
    const page = (await get(`/campaigns/${QX}/audit?limit=4&before=${next}`)).json();
    all.push(...page.entries.map((e: { id: number }) => e.id));
    next = page.nextBefore;
  }
  t.equal(new Set(all).size, all.length, 'no entry twice across pages');
  t.ok(all.length >= 11, 'import, five test tokens, five unit tokens and the visit');
  t.ok((await get(`/campaigns/${QX}/audit`)).json().entries.every((e: { campaignId: string }) => e.campaignId === QX));

  const unit = (await get(`/campaigns/${QX}/units/p-tckh/audit`)).json();
  t.equal(unit.entries.length, 7, 'the test unit token, five more, the visit');
  t.ok(unit.entries.every((e: { unitId: string }) => e.unitId === 'p-tckh'));
  t.equal((await get(`/campaigns/${QX}/units/nowhere/audit`)).statusCode, 404);

  const visit = (await get(`/campaigns/${QX}/visits/17/audit`)).json();
  t.match(visit.entries, [{ visitId: 17, action: 'visit.register', actor: { label: 'test', role: 'system', tokenId: null } }]);
  t.equal((await get(`/campaigns/${QX}/visits/18/audit`)).json().code, 'VISIT_NOT_FOUND');
  t.equal((await get(`/campaigns/nowhere/audit`)).statusCode, 404);
  t.equal((await get('/audit?limit=1')).json().entries.length, 1);

  t.equal((await get(`/campaigns/${QX}/audit`, 'leader')).statusCode, 403, 'leaders do not read the trail');
  t.equal((await get(`/campaigns/${QX}/audit?limit=0`)).statusCode, 400);
});

t.test('an office token scoped to one campaign sees only that campaign in the trail', async (t) => {
  const { app, as, services } = await buildTestApp(t);
  await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: miniDefinition() });
  const scoped = services.auth.create({ role: 'office', label: 'văn phòng mini', campaignId: 'mini-2024' }, systemActor('test')).token;
  const headers = { authorization: `Bearer ${scoped}` };
  const all = (await app.inject({ method: 'GET', url: '/audit', headers })).json();
  t.ok(all.entries.length > 0);
  t.ok(all.entries.every((e: { campaignId: string }) => e.campaignId === 'mini-2024'));
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/audit`, headers })).statusCode, 404);
});

t.test('a visit registered and moved by a leader: both changes in its trail, with before and after', async (t) => {
  const { app, as } = await buildTestApp(t);
  const registered = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits`,
    headers: as('leader'),
    payload: { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-03', session: 'sang' },
  });
  t.equal(registered.statusCode, 201);
  const visit = registered.json().visit;
  const moved = await app.inject({
    method: 'PATCH',
    url: `/campaigns/${QX}/visits/${visit.id}`,
    headers: { ...as('leader'), 'if-match': registered.headers.etag as string },
    payload: { date: '2023-08-04' },
  });
  t.equal(moved.statusCode, 200);
  const trail = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${visit.id}/audit`, headers: as('office') })).json();
  t.equal(trail.entries.length, 2);
  const [move, register] = trail.entries;
  t.match(register, {
    visitId: visit.id,
    unitId: 'p-tckh',
    campaignId: QX,
    actor: { role: 'leader', label: 'test leader' },
    before: null,
    after: { date: '2023-08-03' },
  });
  t.match(move, { actor: { role: 'leader' }, before: { date: '2023-08-03' }, after: { date: '2023-08-04' } });
  t.ok(Date.parse(move.at) >= Date.parse(register.at));
  const unitTrail = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/p-tckh/audit`, headers: as('office') })).json();
  t.ok(
    unitTrail.entries.some((e: { visitId: number }) => e.visitId === visit.id),
    "the unit's trail shows its visit",
  );
});
