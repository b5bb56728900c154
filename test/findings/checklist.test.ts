import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { buildTestApp, QX, type TestApp } from '../helpers/app.js';
import { multipart, visitDone } from '../helpers/findings.js';

const checklistUrl = (visitId: number, tail = '') => `/campaigns/${QX}/visits/${visitId}/checklist${tail}`;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

function upload(
  ctx: TestApp,
  visitId: number,
  item: string,
  name: string,
  type: string,
  bytes: Buffer,
  role: 'leader' | 'secretary' | 'office' | 'member' = 'secretary',
) {
  const body = multipart(name, type, bytes);
  return ctx.app.inject({
    method: 'POST',
    url: checklistUrl(visitId, `/items/${item}/evidence`),
    headers: { ...ctx.as(role), ...body.headers },
    payload: body.payload,
  });
}

t.test('a district unit with a department block and a commune get their own checklists', async (t) => {
  const ctx = await buildTestApp(t);
  const district = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const commune = visitDone(ctx, 1, 'tt-tan-phong', '2023-08-08');
  const a = (await ctx.app.inject({ method: 'GET', url: checklistUrl(district), headers: ctx.as('leader') })).json();
  t.same(a.questionBlocks, ['tckh']);
  t.same(
    a.sections.map((s: { key: string; items: unknown[] }) => [s.key, s.items.length]),
    [
      ['II', 11],
      ['III', 5],
      ['block:tckh', 4],
    ],
  );
  t.same(a.progress, { answered: 0, total: 20, byResult: { dat: 0, 'dat-mot-phan': 0, 'chua-dat': 0, 'khong-ap-dung': 0 } });
  const tckh = a.sections[2].items;
  t.match(tckh[1], { key: 'tckh.q2', asksForFigures: true, answer: null, evidence: [] });
  const b = (await ctx.app.inject({ method: 'GET', url: checklistUrl(commune), headers: ctx.as('secretary') })).json();
  t.same(b.questionBlocks, []);
  t.equal(b.progress.total, 16, 'a commune: Section II and III only');
  t.equal(b.unitName, 'Thị trấn Tân Phong');
});

t.test('answers: result, note, figures; progress; a changed answer needs its ETag', async (t) => {
  const ctx = await buildTestApp(t);
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const put = (item: string, body: object, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'PUT', url: checklistUrl(visitId, `/items/${item}`), headers: { ...ctx.as('secretary'), ...headers }, payload: body });

  const first = await put('II.1', { result: 'dat', note: 'Đã ban hành Kế hoạch số 12/KH-PTCKH.' });
  t.equal(first.statusCode, 200);
  t.match(first.json(), {
    item: { key: 'II.1', answer: { result: 'dat', note: 'Đã ban hành Kế hoạch số 12/KH-PTCKH.', version: 1 } },
    progress: { answered: 1, total: 20 },
  });
  const figures = await put('tckh.q2', { result: 'dat-mot-phan', figures: [{ label: 'Kinh phí được cấp', value: 350, unit: 'triệu đồng' }] });
  t.same(figures.json().item.answer.figures, [{ label: 'Kinh phí được cấp', value: 350, unit: 'triệu đồng' }]);
  t.same(figures.json().progress.byResult, { dat: 1, 'dat-mot-phan': 1, 'chua-dat': 0, 'khong-ap-dung': 0 });

  const blind = await put('II.1', { result: 'chua-dat' });
  t.equal(blind.statusCode, 428, 'changing an answer without If-Match');
  const changed = await put('II.1', { result: 'chua-dat', note: null }, { 'if-match': String(first.headers.etag) });
  t.equal(changed.statusCode, 200);
  t.equal(changed.json().item.answer.version, 2);
  const stale = await put('II.1', { result: 'dat' }, { 'if-match': String(first.headers.etag) });
  t.equal(stale.statusCode, 412, 'a second editor with the old ETag');
  const cleared = await put('II.1', { result: null }, { 'if-match': String(changed.headers.etag) });
  t.equal(cleared.json().progress.answered, 1, 'a cleared result no longer counts');

  const wrong = await put('II.2', { result: 'tot' });
  t.equal(wrong.statusCode, 400);
  t.match(wrong.json().errors, [{ in: 'body', field: 'result' }]);
  const unknown = await put('noi-vu.q1', { result: 'dat' });
  t.equal(unknown.statusCode, 404, "another department's question is not on this checklist");
  t.equal(unknown.json().code, 'CHECKLIST_ITEM_NOT_FOUND');
  const progress = await ctx.app.inject({ method: 'GET', url: checklistUrl(visitId, '/progress'), headers: ctx.as('member') });
  t.match(progress.json(), { answered: 1, total: 20 }, 'a member of the team sees the progress');
  t.ok(
    ctx.services.audit.list({ visitId, limit: 20 }).some((a) => a.action === 'checklist.answer'),
    'answers are audited',
  );
});

t.test('evidence is kept once per content, served back with its name, and deleted with its last reference', async (t) => {
  const ctx = await buildTestApp(t);
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const bytes = pdf('Biên bản làm việc');
  const sha = createHash('sha256').update(bytes).digest('hex');

  const created = await upload(ctx, visitId, 'II.1', 'Biên bản làm việc.pdf', 'application/pdf', bytes);
  t.equal(created.statusCode, 201);
  t.match(created.json(), { itemKey: 'II.1', fileName: 'Biên bản làm việc.pdf', mimeType: 'application/pdf', size: bytes.length, sha256: sha });
  const again = await upload(ctx, visitId, 'II.1', 'Biên bản làm việc.pdf', 'application/pdf', bytes);
  t.equal(again.statusCode, 200, 'the same file on the same item is not added twice');
  t.equal(again.json().id, created.json().id);
  const elsewhere = await upload(ctx, visitId, 'II.2', 'copy.pdf', 'application/pdf', bytes, 'leader');
  t.equal(elsewhere.statusCode, 201);
  const blobDir = join(ctx.config.storageDir, 'evidence', sha.slice(0, 2));
  t.same(readdirSync(blobDir), [sha], 'stored once on disk, under its SHA-256');

  const download = await ctx.app.inject({ method: 'GET', url: created.json().url, headers: ctx.as('unit') });
  t.equal(download.statusCode, 200, 'the inspected unit may download');
  t.same(download.rawPayload, bytes);
  t.equal(download.headers['content-type'], 'application/pdf');
  t.match(download.headers['content-disposition'], /filename\*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n/);
  const cached = await ctx.app.inject({
    method: 'GET',
    url: created.json().url,
    headers: { ...ctx.as('office'), 'if-none-match': String(download.headers.etag) },
  });
  t.equal(cached.statusCode, 304);

  const view = (await ctx.app.inject({ method: 'GET', url: checklistUrl(visitId), headers: ctx.as('leader') })).json();
  t.equal(view.sections[0].items[0].evidence.length, 1);

  const del = (id: number) => ctx.app.inject({ method: 'DELETE', url: `/campaigns/${QX}/visits/${visitId}/evidence/${id}`, headers: ctx.as('secretary') });
  t.equal((await del(created.json().id)).statusCode, 204);
  t.ok(existsSync(join(blobDir, sha)), 'still referenced by II.2');
  t.equal((await del(elsewhere.json().id)).statusCode, 204);
  t.notOk(existsSync(join(blobDir, sha)), 'removed with its last reference');
  t.equal((await ctx.app.inject({ method: 'GET', url: created.json().url, headers: ctx.as('office') })).statusCode, 404);
});

t.test('evidence limits: 413 past the size, 415 for a type not allowed or bytes not of the declared type', async (t) => {
  const ctx = await buildTestApp(t, { config: { evidenceMaxBytes: 4096 } });
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const big = await upload(ctx, visitId, 'II.1', 'lon.pdf', 'application/pdf', Buffer.concat([pdf('lớn'), Buffer.alloc(5000, 0x20)]));
  t.equal(big.statusCode, 413);
  t.match(big.json(), { code: 'EVIDENCE_TOO_LARGE', maxBytes: 4096 });
  t.match(big.json().detail, /vượt quá giới hạn/);
  const huge = await upload(ctx, visitId, 'II.1', 'rat-lon.pdf', 'application/pdf', Buffer.concat([pdf('rất lớn'), Buffer.alloc(200_000, 0x20)]));
  t.equal(huge.statusCode, 413, 'refused from Content-Length');
  const html = await upload(ctx, visitId, 'II.1', 'trang.html', 'text/html', Buffer.from('<script>alert(1)</script>'));
  t.equal(html.statusCode, 415);
  t.equal(html.json().code, 'EVIDENCE_TYPE_NOT_ALLOWED');
  t.ok(html.json().allowedTypes.includes('application/pdf'));
  const fake = await upload(ctx, visitId, 'II.1', 'virus.pdf', 'application/pdf', Buffer.from('MZ\x90\x00\x03 this is no pdf'));
  t.equal(fake.statusCode, 415, 'declared PDF, bytes of an executable');
  const json = await ctx.app.inject({
    method: 'POST',
    url: checklistUrl(visitId, '/items/II.1/evidence'),
    headers: ctx.as('secretary'),
    payload: { file: 'x' },
  });
  t.equal(json.statusCode, 415, 'not multipart');
  const ok = await upload(ctx, visitId, 'II.1', 'nho.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
  t.equal(ok.statusCode, 201, 'a small PNG is fine');
  const leftovers = readdirSync(join(ctx.config.storageDir, 'evidence', 'tmp'));
  t.same(leftovers, [], 'refused uploads leave nothing behind');
});

t.test('a multipart body without a boundary, or cut short, is a 400 naming the file field', async (t) => {
  const ctx = await buildTestApp(t);
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const post = (contentType: string, payload: Buffer) =>
    ctx.app.inject({
      method: 'POST',
      url: checklistUrl(visitId, '/items/II.1/evidence'),
      headers: { ...ctx.as('secretary'), 'content-type': contentType },
      payload,
    });
  const whole = multipart('bien-ban.pdf', 'application/pdf', Buffer.concat([pdf('Biên bản'), Buffer.alloc(2000, 0x20)]));
  const cases: [string, string, Buffer][] = [
    ['no boundary', 'multipart/form-data', whole.payload],
    ['an empty boundary', 'multipart/form-data; boundary=', whole.payload],
    ['cut in the file', whole.headers['content-type']!, whole.payload.subarray(0, 400)],
    ['cut before the closing boundary', whole.headers['content-type']!, whole.payload.subarray(0, whole.payload.length - 8)],
    ['cut in the part headers', whole.headers['content-type']!, whole.payload.subarray(0, 30)],
    ['another boundary than the one declared', 'multipart/form-data; boundary=khac', whole.payload],
  ];
  for (const [name, type, payload] of cases) {
    const res = await post(type, payload);
    t.equal(res.statusCode, 400, name);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', name);
    t.match(res.json(), { errors: [{ in: 'body', field: 'file' }] }, `${name}: names the field (${res.json().code})`);
  }
  const tmp = join(ctx.config.storageDir, 'evidence', 'tmp');
  t.same(existsSync(tmp) ? readdirSync(tmp) : [], [], 'nothing left behind');
  const view = (await ctx.app.inject({ method: 'GET', url: checklistUrl(visitId), headers: ctx.as('leader') })).json();
  t.same(view.sections[0].items[0].evidence, [], 'nothing stored');
  t.equal((await post(whole.headers['content-type']!, whole.payload)).statusCode, 201, 'the whole body is fine');
});

t.test('access: another team answers 404, the member units of the team fill it too, the inspected unit does not see the checklist', async (t) => {
  const ctx = await buildTestApp(t);
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const team2 = ctx.services.auth.create({ role: 'leader', label: 'Trưởng đoàn 02', campaignId: QX, teamNumber: 2 }, systemActor('test')).token;
  const other = { authorization: `Bearer ${team2}` };
  const read = await ctx.app.inject({ method: 'GET', url: checklistUrl(visitId), headers: other });
  t.equal(read.statusCode, 404, 'a leader of another team');
  t.equal(read.json().code, 'VISIT_NOT_FOUND');
  const write = await ctx.app.inject({ method: 'PUT', url: checklistUrl(visitId, '/items/II.1'), headers: other, payload: { result: 'dat' } });
  t.equal(write.statusCode, 404);
  const member = await ctx.app.inject({ method: 'GET', url: checklistUrl(visitId), headers: ctx.as('member') });
  t.equal(member.statusCode, 200, 'Bảo hiểm xã hội huyện sits on team 01');
  // Changed in issue 13: the member units' officers are the ones in the meeting room on the day.
  const memberWrites = await ctx.app.inject({
    method: 'PUT',
    url: checklistUrl(visitId, '/items/II.2'),
    headers: ctx.as('member'),
    payload: { result: 'dat', note: 'Đã xem biên bản họp.' },
  });
  t.equal(memberWrites.statusCode, 200, 'a member unit of team 01 answers an item');
  t.equal(memberWrites.json().item.answer.updatedBy, 'test member');
  const memberUploads = await upload(ctx, visitId, 'II.2', 'anh.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9]), 'member');
  t.equal(memberUploads.statusCode, 201, 'and attaches a photo');
  const team2Member = ctx.services.auth.create({ role: 'member', label: 'Thành viên đoàn khác', campaignId: QX, unitId: 'hoi-ccb' }, systemActor('test')).token;
  const stranger = await ctx.app.inject({
    method: 'PUT',
    url: checklistUrl(visitId, '/items/II.3'),
    headers: { authorization: `Bearer ${team2Member}` },
    payload: { result: 'dat' },
  });
  t.equal(stranger.statusCode, 404, "a member unit of another team cannot reach team 01's checklist");
  const unit = await ctx.app.inject({ method: 'GET', url: checklistUrl(visitId), headers: ctx.as('unit') });
  t.equal(unit.statusCode, 403);
  const uploaded = await upload(ctx, visitId, 'II.1', 'a.pdf', 'application/pdf', pdf('a'), 'secretary');
  t.equal(uploaded.statusCode, 201);
  const unknownVisit = await ctx.app.inject({ method: 'GET', url: checklistUrl(9999), headers: ctx.as('office') });
  t.equal(unknownVisit.statusCode, 404);
});
