import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { noticeForAddressee, visitChanged } from '../../src/documents/audience.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { noonOf, publishConclusion, register } from '../helpers/document-flow.js';

// A notice as the units it names see it (never "superseded" by a document they cannot open), and the
// previews of the results notice and the team report.

const notices = `/campaigns/${QX}/teams/1/notices`;

t.test('a unit whose visit did not move still sees its notice in force; the unit whose visit moved follows it to the new one', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const tckh = register(ctx, 1, 'p-tckh', '2023-08-07');
  register(ctx, 1, 'p-tnmt', '2023-08-08');
  clock.set(noonOf('2023-07-31'));
  const first = (await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: {} })).json();
  const tnmt = ctx.services.auth.create({ role: 'unit', label: 'Phòng TN-MT', campaignId: QX, unitId: 'p-tnmt' }, systemActor('test')).token;
  const asTnmt = { authorization: `Bearer ${tnmt}` };

  const visitUrl = `/campaigns/${QX}/visits/${tckh.id}`;
  const current = await app.inject({ method: 'GET', url: visitUrl, headers: as('leader') });
  await app.inject({ method: 'PATCH', url: visitUrl, headers: { ...as('leader'), 'if-match': String(current.headers.etag) }, payload: { date: '2023-08-10' } });
  const outdated = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${first.id}`, headers: asTnmt })).json();
  t.match(outdated, { status: 'current', outdatedReason: null }, "another unit's move does not outdate the notice for Phòng TN-MT");
  const forTckh = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${first.id}`, headers: as('unit') })).json();
  t.match(forTckh, { status: 'outdated', outdatedReason: /Phòng Tài chính - Kế hoạch đã đổi/ }, 'the unit whose visit moved sees why');

  const second = (await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: { visitIds: [tckh.id] } })).json();
  t.same(second.supersedes.map((d: { id: number }) => d.id), [first.id], 'the new notice announces only the moved visit');
  const team = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${first.id}`, headers: as('leader') })).json();
  t.match(team, { status: 'superseded', supersededBy: { id: second.id } }, 'the team sees the supersession');

  const list = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, query: { kind: 'notice' }, headers: asTnmt })).json();
  t.same(list.map((d: { id: number }) => d.id), [first.id], 'Phòng TN-MT sees only the notice that names it');
  t.match(list[0], { status: 'current', supersededBy: null }, 'and never "superseded by" a notice it cannot open');
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${second.id}`, headers: asTnmt })).statusCode, 404);

  const own = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, query: { kind: 'notice' }, headers: as('unit') })).json();
  t.match(own, [{ id: first.id, status: 'superseded', supersededBy: { id: second.id } }, { id: second.id, status: 'current' }], 'Phòng Tài chính follows its notice to the new one');
});

t.test('the rule, with literal cases', async (t) => {
  const superseded = { status: 'superseded' as const, supersededBy: { id: 9, numberLabel: '02/TB-ĐKT01' }, outdatedAt: '2023-08-01T00:00:00Z', outdatedReason: 'Lịch kiểm tra tại X đã đổi' };
  t.same(noticeForAddressee(superseded, true, false), superseded, 'an openable successor is shown as it is');
  t.match(noticeForAddressee(superseded, false, false), { status: 'current', supersededBy: null, outdatedReason: null });
  t.match(noticeForAddressee(superseded, false, true), { status: 'outdated', supersededBy: null, outdatedReason: /đoàn kiểm tra sẽ gửi thông báo mới/ });
  const row = { date: '2023-08-07', session: 'sang', place: 'Trụ sở' };
  t.equal(visitChanged(row, { ...row, status: 'notified' }), false);
  t.equal(visitChanged(row, { ...row, place: 'Hội trường', status: 'notified' }), true);
  t.equal(visitChanged(row, { ...row, status: 'cancelled' }), true);
  t.equal(visitChanged(row, null), true, 'a visit no longer found');
});

t.test('the results notice and the team report can be previewed, unnumbered, before they are issued', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const visit = register(ctx, 1, 'p-tckh', '2023-08-07');
  ctx.services.schedule.setStatus(QX, visit.id, 'notified', systemActor('test'), `"${visit.version}"`);
  const early = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/results-notices/draft/html?unitId=p-tckh`, headers: as('leader') });
  t.equal(early.statusCode, 409, 'nothing to preview before a conclusion is published');
  t.equal(early.json().code, 'NOT_CONCLUDED');
  clock.set(noonOf('2023-08-08'));
  await publishConclusion(ctx, visit.id);

  const html = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/results-notices/draft/html?unitId=p-tckh`, headers: as('secretary') });
  t.equal(html.statusCode, 200, html.body);
  t.match(html.body, /DỰ THẢO/);
  t.match(html.body, /Số:\s+\/TB-ĐKT01/, 'the number is left blank');
  t.match(html.body, /Phòng Tài chính - Kế hoạch/);
  const word = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/report/draft/docx`, headers: as('leader') });
  t.equal(word.statusCode, 200);
  t.equal(word.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, headers: as('leader') })).json().length, 0, 'nothing was issued');
  const missing = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/results-notices/draft/html`, headers: as('leader') });
  t.equal(missing.statusCode, 400, 'which unit');
  const other = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/2/report/draft/html`, headers: as('leader') });
  t.equal(other.statusCode, 403, "another team's report");

  const issued = await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/results-notices`, headers: as('leader'), payload: { unitId: 'p-tckh' } });
  t.equal(issued.statusCode, 201, 'issuing after a preview takes the first number');
  t.equal(issued.json().numberLabel, '01/TB-ĐKT01');
});
