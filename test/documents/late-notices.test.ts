import t from 'tap';
import { expectStatus } from '../helpers/expect.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { noonOf, register } from '../helpers/document-flow.js';

// Issue 15, item 11: only documents make a visit "notified"; the draft says what issuing would refuse;
// the office may issue late with a written reason, and the notice and the visit show it.

const notices = `/campaigns/${QX}/teams/1/notices`;

t.test('the draft says, before anyone presses issue, which visits issuing would refuse and why', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const early = register(ctx, 1, 'p-tckh', '2023-08-03');
  const later = register(ctx, 1, 'xa-quang-binh', '2023-08-07', 'chieu');
  clock.set(noonOf('2023-08-02'));
  const draft = await app.inject({ method: 'GET', url: `${notices}/draft`, headers: as('leader') });
  expectStatus(t, draft, 200);
  const body = draft.json();
  t.equal(body.issuable, false);
  t.match(body.refusals, [
    { visitId: early.id, code: 'NOTICE_TOO_LATE', latestNoticeDate: '2023-08-01', acceptedWithLateReason: true, reason: /chậm nhất ngày 2023-08-01/ },
  ]);
  t.equal(body.refusals.length, 1, 'the visit on 7/8 is fine');
  t.equal(body.content.draft, true);
  t.same(
    body.content.programme.rows.map((r: { visitId: number }) => r.visitId),
    [early.id, later.id],
  );
  const issued = await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: {} });
  t.equal(issued.json().code, 'NOTICE_TOO_LATE', 'and issuing refuses exactly that');

  const fine = (await app.inject({ method: 'GET', url: `${notices}/draft?visitIds=${later.id}`, headers: as('leader') })).json();
  t.match(fine, { issuable: true, refusals: [], dueDate: '2023-08-03' });
  await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: { visitIds: [later.id] } });
  const again = (await app.inject({ method: 'GET', url: `${notices}/draft?visitIds=${later.id}`, headers: as('leader') })).json();
  t.match(again.refusals, [{ visitId: later.id, code: 'VISITS_NOT_ANNOUNCEABLE', acceptedWithLateReason: false }], 'a visit already announced');
});

t.test('the office issues a late notice with a written reason; the notice and the visit show it was late', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const visit = register(ctx, 1, 'p-tckh', '2023-08-03');
  clock.set(noonOf('2023-08-02'));
  const reason = 'Đơn vị đề nghị giữ lịch; đã thông báo qua điện thoại ngày 31/7/2023';
  const leader = await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: { lateReason: reason } });
  t.equal(leader.statusCode, 403, 'only the office may issue late');
  t.equal(leader.json().code, 'LATE_NOTICE_FORBIDDEN');
  const short = await app.inject({ method: 'POST', url: notices, headers: as('office'), payload: { lateReason: 'muộn' } });
  t.equal(short.statusCode, 400);
  t.match(short.json().errors, [{ field: 'lateReason' }]);

  const late = await app.inject({ method: 'POST', url: notices, headers: as('office'), payload: { lateReason: reason } });
  expectStatus(t, late, 201);
  t.match(late.json(), { issueDate: '2023-08-02', dueDate: '2023-08-01', late: true, lateReason: reason });
  const seen = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${visit.id}`, headers: as('unit') })).json();
  t.match(seen, { status: 'notified', notice: { id: late.json().id, lateReason: reason } });
  const audit = ctx.services.audit.list({ campaignId: QX, limit: 5 }).find((e) => e.action === 'document.issue-late');
  t.match(audit, { reason, entityId: String(late.json().id) });
  const summary = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/summary`, headers: as('office') })).json();
  t.same(summary.teams[0].noticesDue, []);
});

t.test('a notice issued in time is not late', async (t) => {
  const ctx = await buildTestApp(t);
  register(ctx, 1, 'p-tckh', '2023-08-07');
  ctx.clock.set(noonOf('2023-08-01'));
  const res = await ctx.app.inject({ method: 'POST', url: notices, headers: ctx.as('leader'), payload: {} });
  t.match(res.json(), { dueDate: '2023-08-03', late: false, lateReason: null });
});
