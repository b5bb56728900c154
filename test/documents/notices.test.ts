import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { validateDefinition } from '../../src/campaigns/loader.js';
import { miniDefinition } from '../helpers/definitions.js';
import { expectStatus } from '../helpers/expect.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { flat, pdfFonts, pdfInfo, pdfText, docxLines, htmlLines } from '../helpers/document-text.js';
import { noonOf, register } from '../helpers/document-flow.js';

const notices = `/campaigns/${QX}/teams/1/notices`;

t.test('the notice lead time: on 2/8/2023 a visit on 3/8 is refused, one on 7/8 is accepted', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const early = register(ctx, 1, 'p-tckh', '2023-08-03');
  const later = register(ctx, 1, 'xa-quang-binh', '2023-08-07', 'chieu');
  clock.set(noonOf('2023-08-02'));

  const refused = await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: { visitIds: [early.id, later.id] } });
  t.equal(refused.statusCode, 409);
  const problem = refused.json();
  t.equal(problem.code, 'NOTICE_TOO_LATE');
  t.same(
    problem.visits.map((v: { visitId: number; latestNoticeDate: string }) => [v.visitId, v.latestNoticeDate]),
    [[early.id, '2023-08-01']],
    'lists exactly the visit closer than two working days',
  );
  t.match(problem.detail, /Phòng Tài chính - Kế hoạch/);
  const listed = await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, headers: as('office') });
  t.same(listed.json(), [], 'nothing was issued');
  t.equal(ctx.services.schedule.get(QX, later.id).status, 'registered', 'and no visit changed');

  const accepted = await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: { visitIds: [later.id] } });
  expectStatus(t, accepted, 201);
  const notice = accepted.json();
  t.match(notice, { kind: 'notice', numberLabel: '01/TB-ĐKT01', issueDate: '2023-08-02', issuedBy: 'test leader', status: 'current', visitIds: [later.id] });
  t.equal(accepted.headers.location, `/campaigns/${QX}/documents/${notice.id}`);
  t.equal(ctx.services.schedule.get(QX, later.id).status, 'notified', 'the visit is notified');
  const audit = ctx.services.audit.list({ campaignId: QX, limit: 20 }).find((e) => e.action === 'document.issue');
  t.match(audit, { actorLabel: 'test leader', entityId: String(notice.id) });
});

t.test('a notice reads the same in JSON, HTML, PDF and Word', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const a = register(ctx, 1, 'p-tckh', '2023-08-03');
  const b = register(ctx, 1, 'p-ldtbxh', '2023-08-04', 'chieu');
  const c = register(ctx, 1, 'xa-quang-binh', '2023-08-07', 'ca-ngay');
  clock.set(noonOf('2023-07-28'));
  const issued = await app.inject({ method: 'POST', url: notices, headers: as('secretary'), payload: {} });
  expectStatus(t, issued, 201);
  const notice = issued.json();
  t.same(notice.visitIds, [a.id, b.id, c.id], 'without visitIds every registered visit of the team is announced');
  t.equal(notice.content.header.placeDate, 'Quảng Xương, ngày 28 tháng 7 năm 2023');

  const pdfRes = await app.inject({ method: 'GET', url: `${notice.links.pdf}`, headers: as('unit') });
  expectStatus(t, pdfRes, 200);
  t.equal(pdfRes.headers['content-type'], 'application/pdf');
  const pdf = pdfRes.rawPayload;
  const text = flat(pdfText(pdf));
  for (const expected of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Số: 01/TB-ĐKT01',
    'Quảng Xương, ngày 28 tháng 7 năm 2023',
    'Thứ Năm, ngày 03/8/2023',
    'Thứ Sáu, ngày 04/8/2023',
    'Thứ Hai, ngày 07/8/2023',
    'Phòng Tài chính - Kế hoạch',
    'Phòng Lao động - Thương binh và Xã hội',
    'Xã Quảng Bình',
    'Đề cương A',
    'Đề cương B',
    'từ năm 2022 đến hết tháng 6/2023',
    'TRƯỞNG ĐOÀN',
    '- Lưu: VT, ĐKT01.',
  ]) {
    t.ok(text.includes(expected), `PDF has ${expected}`);
  }
  t.match(pdfInfo(pdf).pageSize, /\(A4\)/);
  t.ok(
    pdfFonts(pdf).every((f) => f.embedded && /\+LiberationSerif(-Bold|-Italic|-BoldItalic)?$/.test(f.name)),
    'Liberation Serif only',
  );

  const html = await app.inject({ method: 'GET', url: notice.links.html, headers: as('unit') });
  t.equal(html.headers['content-type'], 'text/html; charset=utf-8');
  t.match(html.headers['content-security-policy'], /default-src 'none'/);
  const docx = await app.inject({ method: 'GET', url: notice.links.docx, headers: as('unit') });
  t.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  t.match(docx.headers['content-disposition'], /filename="TB-DKT01-01\.docx"/);
  t.same(docxLines(docx.rawPayload), htmlLines(html.body), 'Word and HTML carry the same paragraphs');
});

t.test('an issued PDF is rendered once, then served from storage with its ETag', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock, services } = ctx;
  register(ctx, 1, 'p-tckh', '2023-08-07');
  clock.set(noonOf('2023-08-01'));
  const notice = (await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: {} })).json();
  const first = await app.inject({ method: 'GET', url: notice.links.pdf, headers: as('leader') });
  const etag = first.headers.etag as string;
  t.match(etag, /^"[0-9a-f]{64}"$/);
  const renders = services.pdf.stats().renders;
  const second = await app.inject({ method: 'GET', url: notice.links.pdf, headers: as('office') });
  t.equal(second.headers.etag, etag);
  t.ok(second.rawPayload.equals(first.rawPayload), 'the same bytes');
  t.equal(services.pdf.stats().renders, renders, 'no second render');
  const cached = await app.inject({ method: 'GET', url: notice.links.pdf, headers: { ...as('office'), 'if-none-match': etag } });
  t.equal(cached.statusCode, 304);
  t.equal(cached.body, '');
});

t.test('notices are numbered per team in sequence', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const a = register(ctx, 1, 'p-tckh', '2023-08-07');
  const b = register(ctx, 1, 'p-tnmt', '2023-08-08');
  register(ctx, 2, 'p-kt-ht', '2023-08-09');
  clock.set(noonOf('2023-08-01'));
  const issue = (team: number, payload: object) =>
    app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/${team}/notices`, headers: as('office'), payload });
  t.equal((await issue(1, { visitIds: [a.id] })).json().numberLabel, '01/TB-ĐKT01');
  t.equal((await issue(1, { visitIds: [b.id] })).json().numberLabel, '02/TB-ĐKT01');
  t.equal((await issue(2, {})).json().numberLabel, '01/TB-ĐKT02');
  const again = await issue(1, { visitIds: [a.id] });
  t.equal(again.statusCode, 409, 'a visit announced by a notice in force cannot be announced again');
  t.equal(again.json().code, 'VISITS_NOT_ANNOUNCEABLE');
  const none = await issue(1, {});
  t.equal(none.json().code, 'NOTHING_TO_ANNOUNCE');
});

t.test("the lead time follows the campaign's counting convention", async (t) => {
  const ctx = await buildTestApp(t);
  const load = (id: string, convention: 'on-or-before' | 'full-days-between') => {
    const definition = miniDefinition(id);
    definition.notice = { leadWorkingDays: 2, convention };
    ctx.services.campaigns.importDefinition(validateDefinition(definition), systemActor('test'));
    return register(ctx, 1, 'tp', '2024-03-07', 'sang', id);
  };
  load('loose-2024', 'on-or-before');
  load('strict-2024', 'full-days-between');
  ctx.clock.set(noonOf('2024-03-05'));
  const issue = (id: string) => ctx.app.inject({ method: 'POST', url: `/campaigns/${id}/teams/1/notices`, headers: ctx.as('office'), payload: {} });
  t.equal((await issue('loose-2024')).statusCode, 201, 'issue date ≤ visit − 2 working days: Tuesday for a Thursday visit');
  const strict = await issue('strict-2024');
  t.equal(strict.statusCode, 409, 'two whole working days between: Monday at the latest');
  t.equal(strict.json().visits[0].latestNoticeDate, '2024-03-04');
});

t.test('ten leaders issuing at once over real HTTP: one notice, numbered once, the rest refused', async (t) => {
  const ctx = await buildTestApp(t, { config: { rateLimitMax: 10_000 } });
  const a = register(ctx, 1, 'p-tckh', '2023-08-07');
  const b = register(ctx, 1, 'p-tnmt', '2023-08-08');
  ctx.clock.set(noonOf('2023-08-01'));
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.server.address() as { port: number };
  const answers = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      fetch(`http://127.0.0.1:${port}${notices}`, {
        method: 'POST',
        headers: { ...ctx.as(i % 2 === 0 ? 'leader' : 'secretary'), 'content-type': 'application/json' },
        body: JSON.stringify({ visitIds: [a.id, b.id] }),
      }).then(async (res) => ({ status: res.status, body: await res.json() })),
    ),
  );
  const issued = answers.filter((x) => x.status === 201);
  t.equal(issued.length, 1, 'exactly one notice');
  t.equal(issued[0]!.body.numberLabel, '01/TB-ĐKT01');
  t.ok(answers.filter((x) => x.status !== 201).every((x) => x.status === 409 && x.body.code === 'VISITS_NOT_ANNOUNCEABLE'));
  const all = await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, headers: ctx.as('office') });
  t.equal(all.json().length, 1);
});
