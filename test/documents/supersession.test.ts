import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { buildTestApp, QX, type TestApp } from '../helpers/app.js';
import { docxLines, flat, pdfText } from '../helpers/document-text.js';
import { noonOf, register } from '../helpers/document-flow.js';

// Issue 15, item 1: a notice replaces another only for the visits it announces again, over real HTTP.

async function http(ctx: TestApp) {
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.server.address() as { port: number };
  const tokens = {
    ...ctx.tokens,
    tnmt: ctx.services.auth.create({ role: 'unit', label: 'test tnmt', campaignId: QX, unitId: 'p-tnmt' }, systemActor('test')).token,
  };
  return async (who: keyof typeof tokens, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, bytes, json: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : null };
  };
}

t.test('moving one of three announced visits: the new notice adjusts that visit only, the others stay under the first', async (t) => {
  const ctx = await buildTestApp(t);
  const call = await http(ctx);
  const a = register(ctx, 1, 'p-tckh', '2023-08-07');
  const b = register(ctx, 1, 'p-tnmt', '2023-08-08');
  const c = register(ctx, 1, 'xa-quang-binh', '2023-08-09');
  ctx.clock.set(noonOf('2023-07-31'));
  const first = (await call('leader', 'POST', `/campaigns/${QX}/teams/1/notices`, {})).json;
  t.same(first.visitIds, [a.id, b.id, c.id]);
  const firstPdf = (await call('office', 'GET', first.links.pdf)).bytes;

  const visitUrl = `/campaigns/${QX}/visits/${a.id}`;
  const current = await call('leader', 'GET', visitUrl);
  const moved = await call('leader', 'PATCH', visitUrl, { date: '2023-08-10' }, { 'if-match': current.headers.get('etag')! });
  t.equal(moved.status, 200);

  const issued = await call('leader', 'POST', `/campaigns/${QX}/teams/1/notices`, {});
  t.equal(issued.status, 201);
  const second = issued.json;
  t.same(second.visitIds, [a.id], 'the new notice covers the moved visit only');
  const adjustment =
    'Thông báo này điều chỉnh lịch kiểm tra tại Phòng Tài chính - Kế hoạch đã thông báo tại Thông báo số 01/TB-ĐKT01 ngày 31/7/2023 ' +
    'của Đoàn kiểm tra số 01: thời gian kiểm tra đổi từ Thứ Hai, ngày 07/8/2023 (buổi sáng, 07:30 - 11:30) ' +
    'sang Thứ Năm, ngày 10/8/2023 (buổi sáng, 07:30 - 11:30).';
  const kept = 'Lịch kiểm tra tại Phòng Tài nguyên và Môi trường, Xã Quảng Bình giữ nguyên theo Thông báo số 01/TB-ĐKT01.';
  t.ok(second.content.closing.includes(adjustment), 'it says which visit of which notice it adjusts, and how');
  t.ok(second.content.closing.includes(kept), 'and which visits stay as announced');
  t.notOk(JSON.stringify(second.content).includes('thay thế'), 'it does not claim to replace the first notice');
  const pdf = flat(pdfText((await call('leader', 'GET', second.links.pdf)).bytes));
  t.ok(pdf.includes(adjustment), 'the PDF prints the adjustment');
  t.ok(pdf.includes(kept));
  t.notOk(pdf.includes('thay thế'));
  const word = docxLines((await call('leader', 'GET', second.links.docx)).bytes);
  t.ok(word.includes(adjustment) && word.includes(kept), 'so does the Word file');

  // Each visit knows the notice in force for it.
  const visit = async (id: number) => (await call('office', 'GET', `/campaigns/${QX}/visits/${id}`)).json;
  t.match(await visit(a.id), { status: 'notified', notice: { id: second.id, numberLabel: '02/TB-ĐKT01', issueDate: '2023-07-31' } });
  t.match(await visit(b.id), { status: 'notified', notice: { id: first.id, numberLabel: '01/TB-ĐKT01' } });
  t.match(await visit(c.id), { status: 'notified', notice: { id: first.id, numberLabel: '01/TB-ĐKT01' } });

  // The office sees the first notice in force for two visits, superseded for one.
  const office = (await call('office', 'GET', `/campaigns/${QX}/documents/${first.id}`)).json;
  t.equal(office.status, 'partly-superseded');
  t.same(
    office.coverage.map((v: { visitId: number; standing: string; supersededBy: { numberLabel: string } | null }) => [
      v.visitId,
      v.standing,
      v.supersededBy?.numberLabel ?? null,
    ]),
    [
      [a.id, 'superseded', '02/TB-ĐKT01'],
      [b.id, 'in-force', null],
      [c.id, 'in-force', null],
    ],
  );
  t.same(office.content, first.content, 'an issued notice never changes');
  t.ok((await call('office', 'GET', first.links.pdf)).bytes.equals(firstPdf), 'nor does its PDF');
  t.same(second.supersedes, [{ id: first.id, numberLabel: '01/TB-ĐKT01' }]);

  // Phòng Tài nguyên và Môi trường: its notice is still in force, and nothing names a notice it cannot open.
  const seenByTnmt = await call('tnmt', 'GET', `/campaigns/${QX}/documents/${first.id}`);
  t.equal(seenByTnmt.status, 200);
  t.match(seenByTnmt.json, { status: 'current', supersededBy: null });
  t.same(
    seenByTnmt.json.coverage.map((v: { visitId: number; standing: string }) => [v.visitId, v.standing]),
    [[b.id, 'in-force']],
  );
  t.notOk(JSON.stringify(seenByTnmt.json).includes('02/TB-ĐKT01'), 'it is never told of notice 02');
  t.equal((await call('tnmt', 'GET', `/campaigns/${QX}/documents/${second.id}`)).status, 404, 'which does not concern it');
  t.same(
    (await call('tnmt', 'GET', `/campaigns/${QX}/documents`)).json.map((d: { id: number }) => d.id),
    [first.id],
  );

  // Phòng Tài chính - Kế hoạch: its visit moved to notice 02, which it opens.
  const seenByTckh = (await call('unit', 'GET', `/campaigns/${QX}/documents/${first.id}`)).json;
  t.match(seenByTckh, { status: 'superseded', supersededBy: { id: second.id, numberLabel: '02/TB-ĐKT01' } });
  t.equal((await call('unit', 'GET', `/campaigns/${QX}/documents/${second.id}`)).status, 200);

  // The summary lists both notices with the visits each is in force for.
  const summary = (await call('office', 'GET', `/campaigns/${QX}/documents/summary`)).json;
  t.same(
    summary.teams[0].notices.map((n: { numberLabel: string; status: string; inForceFor: number[] }) => [n.numberLabel, n.status, n.inForceFor]),
    [
      ['01/TB-ĐKT01', 'partly-superseded', [b.id, c.id]],
      ['02/TB-ĐKT01', 'current', [a.id]],
    ],
  );
  t.same(summary.teams[0].noticesDue, [], 'no visit waits for a notice');

  // The leader's board: which notice covers which visit, and the history of each.
  const board = (await call('leader', 'GET', `/campaigns/${QX}/teams/1/notice-coverage`)).json;
  t.same(
    board.visits.map((v: { visitId: number; notice: { numberLabel: string } }) => [v.visitId, v.notice.numberLabel]),
    [
      [b.id, '01/TB-ĐKT01'],
      [c.id, '01/TB-ĐKT01'],
      [a.id, '02/TB-ĐKT01'],
    ],
  );
  t.match(board.visits.find((v: { visitId: number }) => v.visitId === a.id).notices, [
    { numberLabel: '01/TB-ĐKT01', standing: 'superseded', supersededBy: { numberLabel: '02/TB-ĐKT01' }, reason: /đã đổi từ Thứ Hai, ngày 07\/8\/2023/ },
    { numberLabel: '02/TB-ĐKT01', standing: 'in-force', supersededBy: null },
  ]);
});

t.test('a notice that announces again every visit of an earlier one replaces it, and says what changed', async (t) => {
  const ctx = await buildTestApp(t);
  const call = await http(ctx);
  const a = register(ctx, 1, 'p-tckh', '2023-08-07');
  ctx.clock.set(noonOf('2023-07-31'));
  const first = (await call('leader', 'POST', `/campaigns/${QX}/teams/1/notices`, {})).json;
  const current = await call('leader', 'GET', `/campaigns/${QX}/visits/${a.id}`);
  await call('leader', 'PATCH', `/campaigns/${QX}/visits/${a.id}`, { place: 'Hội trường UBND huyện' }, { 'if-match': current.headers.get('etag')! });
  const second = (await call('leader', 'POST', `/campaigns/${QX}/teams/1/notices`, {})).json;
  t.ok(
    second.content.closing.includes(
      'Thông báo này thay thế Thông báo số 01/TB-ĐKT01 ngày 31/7/2023 của Đoàn kiểm tra số 01: ' +
        'địa điểm kiểm tra tại Phòng Tài chính - Kế hoạch đổi từ Trụ sở Phòng Tài chính - Kế hoạch sang Hội trường UBND huyện.',
    ),
    second.content.closing.join('\n'),
  );
  const old = (await call('unit', 'GET', `/campaigns/${QX}/documents/${first.id}`)).json;
  t.match(old, { status: 'superseded', supersededBy: { id: second.id } });
});

t.test('cancelling one announced visit ends the notice for that visit only', async (t) => {
  const ctx = await buildTestApp(t);
  const call = await http(ctx);
  const a = register(ctx, 1, 'p-tckh', '2023-08-07');
  const b = register(ctx, 1, 'p-tnmt', '2023-08-08');
  ctx.clock.set(noonOf('2023-07-31'));
  const first = (await call('leader', 'POST', `/campaigns/${QX}/teams/1/notices`, {})).json;
  const current = await call('leader', 'GET', `/campaigns/${QX}/visits/${b.id}`);
  const cancelled = await call(
    'leader',
    'POST',
    `/campaigns/${QX}/visits/${b.id}/cancel`,
    { reason: 'Đơn vị có lịch họp đột xuất' },
    { 'if-match': current.headers.get('etag')! },
  );
  t.equal(cancelled.status, 200);
  t.equal(cancelled.json.notice, null, 'a cancelled visit has no notice in force');
  const notice = (await call('office', 'GET', `/campaigns/${QX}/documents/${first.id}`)).json;
  t.equal(notice.status, 'current', 'still in force for the other visit');
  t.match(notice.coverage, [
    { visitId: a.id, standing: 'in-force' },
    { visitId: b.id, standing: 'cancelled', reason: /đã bị hủy: Đơn vị có lịch họp đột xuất/ },
  ]);
  t.match((await call('office', 'GET', `/campaigns/${QX}/visits/${a.id}`)).json, { status: 'notified', notice: { id: first.id } });
});
