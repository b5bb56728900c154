import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { buildTestApp, QX, type TestApp } from '../helpers/app.js';
import { publishConclusion } from '../helpers/document-flow.js';
import { multipart, readFeed, visitDone } from '../helpers/findings.js';

// The responsible unit answers a recommendation: done, or in progress with the day it expects to
// finish, with a note and evidence; the standing office follows every answer in the list and the feed.

const base = `/campaigns/${QX}/recommendations`;

async function published(ctx: TestApp) {
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  await publishConclusion(ctx, visitId, {
    recommendations: [
      { text: 'Số hóa hồ sơ thủ tục hành chính còn tồn.', dueDate: '2023-09-29' },
      { text: 'Rà soát dữ liệu cán bộ, công chức.', dueDate: '2023-10-31', responsibleUnitId: 'p-nv' } as never,
    ],
  });
  const [own, nv] = (await ctx.app.inject({ method: 'GET', url: base, headers: ctx.as('office') })).json();
  return { visitId, own, nv };
}

t.test('the unit answers in progress with a date, then done; every answer reaches the office', async (t) => {
  const ctx = await buildTestApp(t);
  const { own } = await published(ctx);
  const answer = (payload: object, etag: string, role: 'unit' | 'member' | 'leader' = 'unit') =>
    ctx.app.inject({ method: 'POST', url: `${base}/${own.id}/answer`, headers: { ...ctx.as(role), 'if-match': etag }, payload });

  const noDate = await answer({ status: 'in-progress', note: 'Đang số hóa.' }, own.etag);
  t.equal(noDate.statusCode, 400, 'in progress needs its expected date');
  t.match(noDate.json().errors, [{ field: 'expectedDate', message: /ngày dự kiến hoàn thành/ }]);
  const noNote = await answer({ status: 'done' }, own.etag);
  t.equal(noNote.statusCode, 400);
  t.match(noNote.json().errors, [{ field: 'note' }]);
  const badDate = await answer({ status: 'in-progress', expectedDate: '2023-02-30', note: 'x' }, own.etag);
  t.equal(badDate.statusCode, 400, 'not a date');
  const past = await answer({ status: 'in-progress', expectedDate: '2023-08-01', note: 'Đang số hóa.' }, own.etag);
  t.equal(past.statusCode, 400, 'an expected date already past');
  t.match(past.json().errors, [{ field: 'expectedDate', message: /từ hôm nay/ }]);
  t.equal((await answer({ status: 'done', note: 'x' }, own.etag, 'member')).statusCode, 403, 'a member unit it is not addressed to');
  t.equal((await answer({ status: 'done', note: 'x' }, '"r0.0"')).statusCode, 412, 'a stale ETag');

  const progress = await answer({ status: 'in-progress', expectedDate: '2023-09-15', note: 'Đã số hóa 640/1.240 hồ sơ.' }, own.etag);
  t.equal(progress.statusCode, 200, progress.body);
  t.match(progress.json(), {
    status: 'in-progress',
    expectedDate: '2023-09-15',
    statusNote: 'Đã số hóa 640/1.240 hồ sơ.',
    statusChangedBy: 'test unit',
    overdue: false,
  });
  const done = await answer({ status: 'done', note: 'Đã số hóa đủ 1.240 hồ sơ.' }, progress.json().etag);
  t.match(done.json(), { status: 'done', expectedDate: null, statusNote: 'Đã số hóa đủ 1.240 hồ sơ.' });

  const { events } = await readFeed(ctx);
  t.match(events.slice(-2), [
    { type: 'recommendation.status-changed', recommendationId: own.id, status: 'in-progress', reason: 'Đã số hóa 640/1.240 hồ sơ.' },
    { type: 'recommendation.status-changed', recommendationId: own.id, status: 'done', reason: 'Đã số hóa đủ 1.240 hồ sơ.' },
  ]);
  const trail = ctx.services.audit.list({ campaignId: QX, limit: 10 }).filter((e) => e.action === 'recommendation.answer');
  t.equal(trail.length, 2, 'both answers are in the audit trail');
});

t.test('in progress past the due date stays overdue; the list says what the unit expects', async (t) => {
  const ctx = await buildTestApp(t);
  const { own } = await published(ctx);
  ctx.clock.set('2023-09-25T10:00:00+07:00');
  const res = await ctx.app.inject({
    method: 'POST',
    url: `${base}/${own.id}/answer`,
    headers: { ...ctx.as('unit'), 'if-match': own.etag },
    payload: { status: 'in-progress', expectedDate: '2023-10-13', note: 'Chờ kinh phí mua máy quét.' },
  });
  t.equal(res.statusCode, 200);
  ctx.clock.set('2023-10-02T10:00:00+07:00');
  const overdue = (await ctx.app.inject({ method: 'GET', url: base, query: { overdue: 'true' }, headers: ctx.as('office') })).json();
  t.match(overdue, [{ id: own.id, status: 'in-progress', expectedDate: '2023-10-13', overdue: true }], 'the due date the conclusion set still counts');
});

t.test('evidence of an answer: stored once, read back by those who see the recommendation, limits enforced', async (t) => {
  const ctx = await buildTestApp(t, { config: { evidenceMaxBytes: 4096 } });
  const { own, nv } = await published(ctx);
  const send = (id: number, name: string, type: string, bytes: Buffer, role: 'unit' | 'member' | 'office' = 'unit') => {
    const body = multipart(name, type, bytes);
    return ctx.app.inject({ method: 'POST', url: `${base}/${id}/evidence`, headers: { ...ctx.as(role), ...body.headers }, payload: body.payload });
  };
  const pdf = Buffer.from('%PDF-1.4\n% biên bản nghiệm thu\n%%EOF\n');
  const first = await send(own.id, 'Biên bản nghiệm thu.pdf', 'application/pdf', pdf);
  t.equal(first.statusCode, 201, first.body);
  t.match(first.json(), { fileName: 'Biên bản nghiệm thu.pdf', mimeType: 'application/pdf', uploadedBy: 'test unit' });
  t.equal((await send(own.id, 'lan-2.pdf', 'application/pdf', pdf)).statusCode, 200, 'the same bytes again: the existing record');

  const got = await ctx.app.inject({ method: 'GET', url: first.json().url, headers: ctx.as('leader') });
  t.equal(got.statusCode, 200, 'the team reads it');
  t.equal(got.body, pdf.toString());
  t.match(String(got.headers['content-disposition']), /filename\*=UTF-8''Bi%C3%AAn/);
  const list = (await ctx.app.inject({ method: 'GET', url: base, headers: ctx.as('office') })).json();
  t.match(list[0].evidence, [{ id: first.json().id, fileName: 'Biên bản nghiệm thu.pdf' }], 'the office sees it in the list');

  const nvToken = ctx.services.auth.create({ role: 'unit', label: 'Phòng Nội vụ', campaignId: QX, unitId: 'p-nv' }, systemActor('test')).token;
  const stranger = await ctx.app.inject({ method: 'GET', url: first.json().url, headers: { authorization: `Bearer ${nvToken}` } });
  t.equal(stranger.statusCode, 404, 'a unit the recommendation is not addressed to learns nothing');
  t.equal((await send(nv.id, 'x.pdf', 'application/pdf', pdf)).statusCode, 403, 'Phòng Tài chính may not attach to what Phòng Nội vụ must do');

  const big = await send(own.id, 'lon.pdf', 'application/pdf', Buffer.concat([pdf, Buffer.alloc(5000)]));
  t.equal(big.statusCode, 413);
  t.match(big.json(), { code: 'FILE_TOO_LARGE', maxBytes: 4096 });
  const exe = await send(own.id, 'virus.pdf', 'application/pdf', Buffer.from('MZ\x90\x00 not a pdf'));
  t.equal(exe.statusCode, 415, 'bytes that are not a PDF');
  const zip = await send(own.id, 'x.exe', 'application/x-msdownload', Buffer.from('MZ'));
  t.equal(zip.statusCode, 415);
  const json = await ctx.app.inject({ method: 'POST', url: `${base}/${own.id}/evidence`, headers: ctx.as('unit'), payload: { file: 'x' } });
  t.equal(json.statusCode, 415, 'not multipart');
  const wrongField = await ctx.app.inject({
    method: 'POST',
    url: `${base}/${own.id}/evidence`,
    headers: { ...ctx.as('unit'), 'content-type': 'multipart/form-data; boundary=b' },
    payload: '--b\r\nContent-Disposition: form-data; name="tep"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n',
  });
  t.equal(wrongField.statusCode, 400);
  t.match(wrongField.json().errors, [{ field: 'tep' }]);
  const noFile = await ctx.app.inject({
    method: 'POST',
    url: `${base}/${own.id}/evidence`,
    headers: { ...ctx.as('unit'), 'content-type': 'multipart/form-data; boundary=b' },
    payload: '--b--\r\n',
  });
  t.equal(noFile.statusCode, 400);
  t.equal((await ctx.app.inject({ method: 'GET', url: `${base}/${own.id}/evidence/999`, headers: ctx.as('unit') })).statusCode, 404);
  t.equal((await ctx.app.inject({ method: 'GET', url: `${base}/99999/evidence/1`, headers: ctx.as('office') })).statusCode, 404);
  const tmp = join(ctx.config.storageDir, 'recommendation-evidence', 'tmp');
  t.same(existsSync(tmp) ? readdirSync(tmp) : [], [], 'refused uploads leave nothing behind');
});

t.test('a withdrawn conclusion: its recommendations take no answer and no evidence', async (t) => {
  const ctx = await buildTestApp(t);
  const { visitId, own } = await published(ctx);
  const conclusion = await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${visitId}/conclusion`, headers: ctx.as('leader') });
  const withdrawn = await ctx.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/${visitId}/conclusion/withdraw`,
    headers: { ...ctx.as('leader'), 'if-match': String(conclusion.headers.etag) },
    payload: { reason: 'Ghi nhầm đơn vị' },
  });
  t.equal(withdrawn.statusCode, 200);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `${base}/${own.id}/answer`,
    headers: { ...ctx.as('unit'), 'if-match': own.etag },
    payload: { status: 'done', note: 'x' },
  });
  t.equal(res.statusCode, 409);
  t.equal(res.json().code, 'RECOMMENDATION_NOT_IN_FORCE');
  const body = multipart('a.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n'));
  const upload = await ctx.app.inject({
    method: 'POST',
    url: `${base}/${own.id}/evidence`,
    headers: { ...ctx.as('unit'), ...body.headers },
    payload: body.payload,
  });
  t.equal(upload.statusCode, 409);
});
