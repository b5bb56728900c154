import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { buildTestApp, QX } from '../helpers/app.js';

// Phòng Tài chính - Kế hoạch (the test "unit" token) answers outline A (38 items) and the tckh block (4).
const url = `/campaigns/${QX}/units/p-tckh/self-report`;

t.test('a partial report is kept and reports its completeness, per section', async (t) => {
  const { app, as } = await buildTestApp(t);
  const empty = await app.inject({ method: 'GET', url, headers: as('unit') });
  t.equal(empty.statusCode, 200);
  t.match(empty.json(), { version: 0, answers: {}, completeness: { answered: 0, total: 42 } });

  const res = await app.inject({
    method: 'PATCH',
    url,
    headers: as('unit'),
    payload: {
      answers: {
        'A.5.1': { text: 'Tiếp nhận 1.520 hồ sơ, trong đó 1.330 hồ sơ trực tuyến.', figures: { 'Tổng số hồ sơ tiếp nhận': 1520, 'Tỷ lệ trực tuyến (%)': 87.5 } },
        'tckh.q1': { text: 'Đã tham mưu Chủ tịch UBND huyện ban hành hướng dẫn bố trí kinh phí.' },
      },
    },
  });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.headers.etag, '"1"');
  const report = res.json();
  t.equal(report.version, 1);
  t.same(report.answers['A.5.1'].figures, { 'Tổng số hồ sơ tiếp nhận': 1520, 'Tỷ lệ trực tuyến (%)': 87.5 });
  t.equal(report.completeness.answered, 2);
  t.equal(report.completeness.total, 42);
  const section = (id: string) => report.completeness.sections.find((s: { id: string }) => s.id === id);
  t.match(section('A.1'), { answered: 0, total: 5, title: '1. Công tác chỉ đạo, triển khai thực hiện' });
  t.match(section('A.5'), { answered: 1, total: 7 });
  t.match(section('tckh'), { answered: 1, total: 4 });
  t.equal(report.completeness.sections.length, 12, '11 sections of outline A and the tckh block');
  t.ok(report.completeness.missingFigures.includes('A.2.b2'), 'A.2.b2 asks for figures and has none');
  t.notOk(report.completeness.missingFigures.includes('A.5.1'));

  const more = await app.inject({ method: 'PATCH', url, headers: as('unit'), payload: { answers: { 'A.11': { text: 'Tiếp tục số hóa hồ sơ.' } } } });
  t.same(Object.keys(more.json().answers).sort(), ['A.11', 'A.5.1', 'tckh.q1'], 'PATCH keeps the earlier answers');
  const cleared = await app.inject({ method: 'PATCH', url, headers: as('unit'), payload: { answers: { 'tckh.q1': null } } });
  t.same(Object.keys(cleared.json().answers).sort(), ['A.11', 'A.5.1']);
  t.equal(cleared.json().version, 3);

  const again = await app.inject({ method: 'GET', url, headers: as('leader') });
  t.equal(again.statusCode, 200, 'the team leader reads it');
  t.equal(again.json().completeness.answered, 2);
  const notModified = await app.inject({ method: 'GET', url, headers: { ...as('leader'), 'if-none-match': again.headers.etag as string } });
  t.equal(notModified.statusCode, 304);

  const replaced = await app.inject({ method: 'PUT', url, headers: as('unit'), payload: { answers: { 'A.6': { text: 'Đã rà soát 12 thủ tục.' } } } });
  t.same(Object.keys(replaced.json().answers), ['A.6'], 'PUT makes the body the whole report');
});

t.test('an unknown item id is refused with the item named, and nothing is saved', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({
    method: 'PATCH',
    url,
    headers: as('unit'),
    payload: { answers: { 'A.5.1': { text: 'Hợp lệ' }, 'A.99': { text: 'x' }, 'y-te.q1': { text: 'không phải khối của đơn vị' } } },
  });
  t.equal(res.statusCode, 400);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  const body = res.json();
  t.equal(body.code, 'SELF_REPORT_INVALID');
  t.match(body.detail, /A\.99/);
  t.match(body.detail, /y-te\.q1/);
  t.same(
    body.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
    [
      ['answers.A.99', 'UNKNOWN_ITEM'],
      ['answers.y-te.q1', 'UNKNOWN_ITEM'],
    ],
  );
  const after = await app.inject({ method: 'GET', url, headers: as('unit') });
  t.equal(after.json().version, 0, 'the valid item in the same request was not saved either');

  const heading = await app.inject({ method: 'PATCH', url, headers: as('unit'), payload: { answers: { 'A.1': { text: 'x' } } } });
  t.equal(heading.statusCode, 400);
  t.equal(heading.json().errors[0].code, 'NOT_ANSWERABLE');
  t.match(heading.json().errors[0].message, /A\.1 là đề mục/);
});

t.test('a non-numeric figure is refused naming the item and the figure', async (t) => {
  const { app, as } = await buildTestApp(t);
  for (const value of ['nhiều', '1.520', true, null, { n: 1 }]) {
    const res = await app.inject({
      method: 'PATCH',
      url,
      headers: as('unit'),
      payload: { answers: { 'A.2.b2': { text: 'Đã đăng 45 tin bài.', figures: { 'Số tin bài': 45, 'Số lượt phát thanh': value } } } },
    });
    t.equal(res.statusCode, 400, JSON.stringify(value));
    const [error] = res.json().errors;
    t.equal(error.code, 'FIGURE_NOT_NUMBER');
    t.equal(error.field, 'answers.A.2.b2.figures.Số lượt phát thanh');
    t.match(error.message, /^Mục A\.2\.b2: số liệu "Số lượt phát thanh" phải là một số/);
  }
  t.equal((await app.inject({ method: 'GET', url, headers: as('unit') })).json().version, 0);
});

t.test('If-Match is optional; a stale one is refused with 412', async (t) => {
  const { app, as } = await buildTestApp(t);
  const payload = { answers: { 'A.8': { text: 'Đăng ký mô hình điểm.' } } };
  const first = await app.inject({ method: 'PATCH', url, headers: { ...as('unit'), 'if-match': '"0"' }, payload });
  t.equal(first.statusCode, 200);
  const stale = await app.inject({ method: 'PATCH', url, headers: { ...as('unit'), 'if-match': '"0"' }, payload });
  t.equal(stale.statusCode, 412);
  t.equal(stale.json().code, 'PRECONDITION_FAILED');
  const current = await app.inject({ method: 'PATCH', url, headers: { ...as('unit'), 'if-match': first.headers.etag as string }, payload });
  t.equal(current.statusCode, 200);
});

t.test('only the unit itself (or the office) writes; other units do not see it; every write is audited', async (t) => {
  const { app, as, services } = await buildTestApp(t);
  const payload = { answers: { 'A.3.b1': { text: 'Đã làm sạch dữ liệu tiêm chủng.' } } };
  const leader = await app.inject({ method: 'PATCH', url, headers: as('leader'), payload });
  t.equal(leader.statusCode, 403);
  const other = services.auth.create({ role: 'unit', label: 'Phòng LĐ-TB&XH', campaignId: QX, unitId: 'p-ldtbxh' }, systemActor('test')).token;
  const otherHeaders = { authorization: `Bearer ${other}` };
  t.equal((await app.inject({ method: 'PATCH', url, headers: otherHeaders, payload })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url, headers: otherHeaders })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `${url}/pdf`, headers: otherHeaders })).statusCode, 404);
  t.equal((await app.inject({ method: 'PATCH', url, headers: as('office'), payload })).statusCode, 200);
  t.equal((await app.inject({ method: 'PATCH', url, headers: as('unit'), payload: { answers: { 'A.3.b1': null } } })).statusCode, 200);

  const entries = services.audit.list({ campaignId: QX, unitId: 'p-tckh', limit: 20 }).filter((e) => e.entityType === 'self-report');
  t.same(entries.map((e) => e.action), ['self-report.update', 'self-report.update']);
  t.match(entries[0]!.after, { version: 2, items: { 'A.3.b1': null } });
  t.match(entries[1]!.after, { version: 1, items: { 'A.3.b1': { text: 'Đã làm sạch dữ liệu tiêm chủng.' } } });
  t.equal(entries[1]!.actorRole, 'office');
});
