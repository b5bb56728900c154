import t from 'tap';
import { expectStatus } from '../helpers/expect.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { noonOf, register } from '../helpers/document-flow.js';

const notices = `/campaigns/${QX}/teams/1/notices`;

t.test('moving a notified visit outdates its notice for that visit; the next notice supersedes it for that visit, linked both ways', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const a = register(ctx, 1, 'p-tckh', '2023-08-07');
  const b = register(ctx, 1, 'p-tnmt', '2023-08-08');
  clock.set(noonOf('2023-07-31'));
  const first = (await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: {} })).json();
  t.same(first.visitIds, [a.id, b.id]);
  const documentUrl = `/campaigns/${QX}/documents/${first.id}`;
  const pdfBefore = (await app.inject({ method: 'GET', url: first.links.pdf, headers: as('leader') })).rawPayload;

  const visitUrl = `/campaigns/${QX}/visits/${a.id}`;
  const current = await app.inject({ method: 'GET', url: visitUrl, headers: as('leader') });
  const moved = await app.inject({
    method: 'PATCH',
    url: visitUrl,
    headers: { ...as('leader'), 'if-match': String(current.headers.etag) },
    payload: { date: '2023-08-10' },
  });
  expectStatus(t, moved, 200);
  t.equal(moved.json().visit.status, 'registered', 'the moved visit needs a notice again');

  const outdated = (await app.inject({ method: 'GET', url: documentUrl, headers: as('leader') })).json();
  t.equal(outdated.status, 'outdated');
  t.match(outdated.outdatedReason, /Phòng Tài chính - Kế hoạch đã đổi từ Thứ Hai, ngày 07\/8\/2023.* sang Thứ Năm, ngày 10\/8\/2023/);
  t.same(outdated.content, first.content, 'an issued notice never changes');
  const pdfAfter = await app.inject({ method: 'GET', url: first.links.pdf, headers: as('leader') });
  t.ok(pdfAfter.rawPayload.equals(pdfBefore), 'nor does its PDF');

  const both = await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: { visitIds: [a.id, b.id] } });
  t.equal(both.statusCode, 409, 'the visit that did not move is still announced by notice 01');
  t.same(
    both.json().visits.map((v: { visitId: number }) => v.visitId),
    [b.id],
  );
  const second = await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: { visitIds: [a.id] } });
  expectStatus(t, second, 201);
  const replacement = second.json();
  t.equal(replacement.numberLabel, '02/TB-ĐKT01');
  t.same(replacement.supersedes, [{ id: first.id, numberLabel: '01/TB-ĐKT01' }]);
  t.match(
    replacement.content.closing[0],
    /^Thông báo này điều chỉnh lịch kiểm tra tại Phòng Tài chính - Kế hoạch đã thông báo tại Thông báo số 01\/TB-ĐKT01 ngày 31\/7\/2023/,
  );
  t.ok(replacement.content.programme.rows.some((r: { dateText: string }) => r.dateText === 'Thứ Năm, ngày 10/8/2023'));
  const old = (await app.inject({ method: 'GET', url: documentUrl, headers: as('leader') })).json();
  t.match(old, {
    status: 'partly-superseded',
    supersededBy: null,
    coverage: [
      { visitId: a.id, supersededBy: { id: replacement.id, numberLabel: '02/TB-ĐKT01' } },
      { visitId: b.id, standing: 'in-force' },
    ],
  });
  t.equal(ctx.services.schedule.get(QX, a.id).status, 'notified');
});

t.test('cancelling a notified visit outdates its notice too', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const a = register(ctx, 1, 'p-tckh', '2023-08-07');
  clock.set(noonOf('2023-08-01'));
  const notice = (await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: {} })).json();
  const visitUrl = `/campaigns/${QX}/visits/${a.id}`;
  const current = await app.inject({ method: 'GET', url: visitUrl, headers: as('leader') });
  const cancelled = await app.inject({
    method: 'POST',
    url: `${visitUrl}/cancel`,
    headers: { ...as('leader'), 'if-match': String(current.headers.etag) },
    payload: { reason: 'Đơn vị có lịch họp đột xuất' },
  });
  expectStatus(t, cancelled, 200);
  const after = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${notice.id}`, headers: as('office') })).json();
  t.equal(after.status, 'outdated');
  t.match(after.outdatedReason, /đã bị hủy: Đơn vị có lịch họp đột xuất/);
});

t.test('an issued document cannot be changed in the database', async (t) => {
  const ctx = await buildTestApp(t);
  register(ctx, 1, 'p-tckh', '2023-08-07');
  ctx.clock.set(noonOf('2023-08-01'));
  const notice = (await ctx.app.inject({ method: 'POST', url: notices, headers: ctx.as('leader'), payload: {} })).json();
  const sqlite = (ctx.services.db as unknown as { $client: import('better-sqlite3').Database }).$client;
  t.throws(() => sqlite.prepare(`UPDATE documents SET content = '{}' WHERE id = ?`).run(notice.id), /cannot be changed/);
  t.throws(() => sqlite.prepare(`UPDATE documents SET number_label = '09/TB-ĐKT01' WHERE id = ?`).run(notice.id), /cannot be changed/);
});

t.test('who may issue and who may read', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock, services } = ctx;
  const rendered = services.pdf.stats().renders;
  const own = register(ctx, 1, 'p-tckh', '2023-08-07');
  const other = register(ctx, 2, 'bhxh', '2023-08-08');
  clock.set(noonOf('2023-08-01'));
  const foreign = await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/2/notices`, headers: as('leader'), payload: {} });
  t.equal(foreign.statusCode, 403, "team 01's leader cannot issue for team 02");
  t.equal(foreign.json().code, 'OTHER_TEAM');
  t.equal((await app.inject({ method: 'POST', url: notices, headers: as('unit'), payload: {} })).statusCode, 403);
  const wrongTeam = await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: { visitIds: [other.id] } });
  t.equal(wrongTeam.statusCode, 404, "another team's visit is not in this team's programme");

  const mine = (await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: {} })).json();
  const theirs = (await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/2/notices`, headers: as('office'), payload: {} })).json();
  t.same(mine.visitIds, [own.id]);
  const read = async (role: 'unit' | 'member' | 'leader', id: number) =>
    (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${id}`, headers: as(role) })).statusCode;
  t.equal(await read('unit', mine.id), 200, 'the announced unit reads its notice');
  t.equal(await read('unit', theirs.id), 404, 'a unit does not see notices sent to others');
  t.equal(await read('member', mine.id), 200, 'a member unit of team 01 reads it');
  t.equal(await read('member', theirs.id), 200, 'Bảo hiểm xã hội huyện is a target of team 02: it reads that notice too');
  const pdf = await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${theirs.id}/pdf`, headers: as('unit') });
  t.equal(pdf.statusCode, 404);
  const listed = await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, headers: as('unit') });
  t.same(
    listed.json().map((d: { id: number }) => d.id),
    [mine.id],
  );
  t.notOk('content' in listed.json()[0], 'lists carry no content');
  t.equal(services.pdf.stats().renders, rendered, 'refused reads render nothing');
});

t.test('issuing needs no body: every registered visit is announced', async (t) => {
  const ctx = await buildTestApp(t);
  const a = register(ctx, 1, 'p-tckh', '2023-08-07');
  ctx.clock.set(noonOf('2023-08-01'));
  const res = await ctx.app.inject({ method: 'POST', url: notices, headers: ctx.as('leader') });
  expectStatus(t, res, 201);
  t.same(res.json().visitIds, [a.id]);
});
