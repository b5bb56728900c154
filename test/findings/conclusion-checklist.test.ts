import t from 'tap';
import { buildTestApp, QX } from '../helpers/app.js';
import { sampleDraft, visitDone } from '../helpers/findings.js';

// Issue 15, item 11: publishing a conclusion while the visit's checklist is unfinished asks for a
// reason, and the conclusion shows it.

const url = (visitId: number, tail = '') => `/campaigns/${QX}/visits/${visitId}/conclusion${tail}`;

t.test('an unfinished checklist: publishing asks for checklistReason, and the conclusion keeps it', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as } = ctx;
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const answered = await app.inject({
    method: 'PUT',
    url: `/campaigns/${QX}/visits/${visitId}/checklist/items/II.1`,
    headers: as('secretary'),
    payload: { result: 'dat' },
  });
  t.equal(answered.statusCode, 200);
  const total = answered.json().progress.total;
  const draft = await app.inject({ method: 'PUT', url: url(visitId, '/draft'), headers: as('leader'), payload: sampleDraft });
  const etag = String(draft.headers.etag);

  const refused = await app.inject({ method: 'POST', url: url(visitId, '/publish'), headers: { ...as('leader'), 'if-match': etag }, payload: {} });
  t.equal(refused.statusCode, 409);
  t.match(refused.json(), { code: 'CHECKLIST_UNFINISHED', progress: { answered: 1, total }, errors: [{ in: 'body', field: 'checklistReason' }] });
  t.match(refused.json().detail, new RegExp(`1/${total}`));
  t.equal(ctx.services.schedule.get(QX, visitId).status, 'notified', 'nothing was published');

  const reason = 'Đơn vị chưa cung cấp đủ hồ sơ; các mục còn lại kiểm tra bổ sung sau';
  const published = await app.inject({
    method: 'POST',
    url: url(visitId, '/publish'),
    headers: { ...as('leader'), 'if-match': etag },
    payload: { checklistReason: reason },
  });
  t.equal(published.statusCode, 200, published.body);
  t.same(published.json().published.checklistIncomplete, { answered: 1, total, reason });
  const read = (await app.inject({ method: 'GET', url: url(visitId), headers: as('unit') })).json();
  t.same(read.published.checklistIncomplete, { answered: 1, total, reason }, 'the inspected unit sees it too');
  const audit = ctx.services.audit.list({ campaignId: QX, visitId, limit: 5 }).find((e) => e.action === 'conclusion.publish');
  t.match(audit, { after: { checklistIncomplete: { answered: 1, total, reason } } });
});

t.test('a finished checklist needs no reason', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as } = ctx;
  const visitId = visitDone(ctx, 1, 'xa-quang-binh', '2023-08-07');
  const checklist = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${visitId}/checklist`, headers: as('leader') })).json();
  for (const item of checklist.sections.flatMap((s: { items: { key: string }[] }) => s.items)) {
    const res = await app.inject({
      method: 'PUT',
      url: `/campaigns/${QX}/visits/${visitId}/checklist/items/${item.key}`,
      headers: as('secretary'),
      payload: { result: 'dat' },
    });
    t.equal(res.statusCode, 200);
  }
  const draft = await app.inject({ method: 'PUT', url: url(visitId, '/draft'), headers: as('leader'), payload: sampleDraft });
  const published = await app.inject({
    method: 'POST',
    url: url(visitId, '/publish'),
    headers: { ...as('leader'), 'if-match': String(draft.headers.etag) },
    payload: {},
  });
  t.equal(published.statusCode, 200, published.body);
  t.equal(published.json().published.checklistIncomplete, null);
});
