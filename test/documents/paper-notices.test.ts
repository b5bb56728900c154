import t from 'tap';
import { expectStatus } from '../helpers/expect.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { noonOf, register } from '../helpers/document-flow.js';

// Issue 15, item 9: a notice issued on paper before it was entered is recorded with its number and
// date, checked by the same rules at that date, marked as entered afterwards, and never rendered.

const paper = `/campaigns/${QX}/teams/1/paper-notices`;
const reason = 'Thông báo đã ban hành trên giấy trước khi đoàn dùng hệ thống';

t.test('a paper notice is checked at its own date: one working day before the visit is too late', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const visit = register(ctx, 1, 'p-tckh', '2023-08-03');
  clock.set(noonOf('2023-08-10'));
  const late = await app.inject({
    method: 'POST',
    url: paper,
    headers: as('office'),
    payload: { numberLabel: '05/TB-ĐKT01', issueDate: '2023-08-02', visitIds: [visit.id], reason },
  });
  t.equal(late.statusCode, 409);
  t.match(late.json(), { code: 'NOTICE_TOO_LATE', visits: [{ visitId: visit.id, latestNoticeDate: '2023-08-01' }] });
  t.match(late.json().detail, /2023-08-02/, 'judged on the stated date, not today');
  t.same((await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, headers: as('office') })).json(), [], 'nothing recorded');
  t.equal(ctx.services.schedule.get(QX, visit.id).status, 'registered');

  const onTime = await app.inject({
    method: 'POST',
    url: paper,
    headers: as('office'),
    payload: { numberLabel: '05/TB-ĐKT01', issueDate: '2023-08-01', visitIds: [visit.id], reason },
  });
  expectStatus(t, onTime, 201);
});

t.test('bad paper records are refused with every problem listed, and only the office records', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const visit = register(ctx, 1, 'p-tckh', '2023-08-07');
  clock.set(noonOf('2023-08-02'));
  const leader = await app.inject({
    method: 'POST',
    url: paper,
    headers: as('leader'),
    payload: { numberLabel: '05/TB-ĐKT01', issueDate: '2023-07-31', visitIds: [visit.id], reason },
  });
  t.equal(leader.statusCode, 403);
  const bad = await app.inject({ method: 'POST', url: paper, headers: as('office'), payload: { numberLabel: 'năm', issueDate: '2023-07-32', visitIds: [] } });
  t.equal(bad.statusCode, 400);
  t.same(
    bad
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort(),
    ['issueDate', 'numberLabel', 'reason', 'visitIds'],
  );
  const future = await app.inject({
    method: 'POST',
    url: paper,
    headers: as('office'),
    payload: { numberLabel: '05/TB-ĐKT01', issueDate: '2023-08-03', visitIds: [visit.id], reason },
  });
  t.equal(future.statusCode, 400, 'a paper act cannot be dated after today');
  t.match(future.json().errors, [{ field: 'issueDate' }]);
  const ancient = await app.inject({
    method: 'POST',
    url: paper,
    headers: as('office'),
    payload: { numberLabel: '05/TB-ĐKT01', issueDate: '0001-01-01', visitIds: [visit.id], reason },
  });
  t.equal(ancient.statusCode, 400, 'a date outside the calendar’s years, as every other date in a request');
  t.match(ancient.json().errors, [{ in: 'body', field: 'issueDate' }]);
  const unknown = await app.inject({
    method: 'POST',
    url: paper,
    headers: as('office'),
    payload: { numberLabel: '05/TB-ĐKT01', issueDate: '2023-07-31', visitIds: [visit.id, 999], reason },
  });
  t.equal(unknown.statusCode, 404);
  t.same((await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, headers: as('office') })).json(), [], 'nothing half-applied');
});

t.test('a recorded paper notice: marked on every view and in the audit trail, never rendered', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const rendered = ctx.services.pdf.stats().renders;
  const a = register(ctx, 1, 'p-tckh', '2023-08-07');
  const b = register(ctx, 1, 'p-tnmt', '2023-08-08');
  clock.set(noonOf('2023-08-02'));
  const res = await app.inject({
    method: 'POST',
    url: paper,
    headers: as('office'),
    payload: { numberLabel: '05/TB-ĐKT01', issueDate: '2023-07-31', visitIds: [a.id], reason, signerName: 'Lê Văn Hùng' },
  });
  expectStatus(t, res, 201);
  const recorded = res.json();
  t.match(recorded, {
    kind: 'notice',
    origin: 'paper',
    numberLabel: '05/TB-ĐKT01',
    issueDate: '2023-07-31',
    enteredAfterwards: { by: 'test office', at: '2023-08-02T05:00:00.000Z', reason },
    links: null,
    late: false,
    status: 'current',
    visitIds: [a.id],
    content: { kind: 'paper-notice', numberLabel: '05/TB-ĐKT01', issueDate: '2023-07-31', signerName: 'Lê Văn Hùng' },
  });
  t.equal(res.headers.location, `/campaigns/${QX}/documents/${recorded.id}`);

  const seen = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${a.id}`, headers: as('unit') })).json();
  t.match(seen, { status: 'notified', notice: { id: recorded.id, numberLabel: '05/TB-ĐKT01', issueDate: '2023-07-31', origin: 'paper' } });
  const listed = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, headers: as('unit') })).json();
  t.match(listed, [{ id: recorded.id, origin: 'paper', enteredAfterwards: { reason } }]);
  const summary = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/summary`, headers: as('office') })).json();
  t.match(summary.teams[0].notices, [{ numberLabel: '05/TB-ĐKT01', origin: 'paper', inForceFor: [a.id] }]);
  const audit = ctx.services.audit.list({ campaignId: QX, limit: 10 }).find((e) => e.action === 'document.record-paper');
  t.match(audit, { reason, actorLabel: 'test office', after: { numberLabel: '05/TB-ĐKT01', issueDate: '2023-07-31', visitIds: [a.id], origin: 'paper' } });

  for (const format of ['pdf', 'html', 'docx']) {
    const file = await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${recorded.id}/${format}`, headers: as('office') });
    t.equal(file.statusCode, 409, `no ${format}: the service did not write it`);
    t.equal(file.json().code, 'PAPER_DOCUMENT');
  }
  t.equal(ctx.services.pdf.stats().renders, rendered, 'nothing rendered');

  const taken = await app.inject({
    method: 'POST',
    url: paper,
    headers: as('office'),
    payload: { numberLabel: '05/TB-ĐKT01', issueDate: '2023-07-31', visitIds: [b.id], reason },
  });
  t.equal(taken.statusCode, 409);
  t.equal(taken.json().code, 'NUMBER_TAKEN');
  const twice = await app.inject({
    method: 'POST',
    url: paper,
    headers: as('office'),
    payload: { numberLabel: '06/TB-ĐKT01', issueDate: '2023-07-31', visitIds: [a.id], reason },
  });
  t.equal(twice.json().code, 'VISITS_NOT_ANNOUNCEABLE', 'a visit already announced');
  const next = await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/notices`, headers: as('leader'), payload: {} });
  t.match(next.json(), { numberLabel: '06/TB-ĐKT01', origin: 'service', visitIds: [b.id] }, 'the service numbers after the paper one');
});
