import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { buildTestApp, QX, type TestApp } from '../helpers/app.js';
import { register } from '../helpers/document-flow.js';
import { multipart } from '../helpers/findings.js';

// "Nộp báo cáo": submitting a self-report (empty items listed, or accepted on a knowing confirmation),
// read-only afterwards, returned for correction with a reason, the signed scan; "không phát sinh";
// two people saving the same item.

const url = `/campaigns/${QX}/units/p-tckh/self-report`;
const pdf = Buffer.from('%PDF-1.4\n% bản đã ký, đóng dấu\n%%EOF\n');

function patch(ctx: TestApp, payload: object, role: 'unit' | 'office' = 'unit') {
  return ctx.app.inject({ method: 'PATCH', url, headers: ctx.as(role), payload });
}
function submit(ctx: TestApp, payload: object = {}, role: 'unit' | 'office' | 'leader' = 'unit') {
  return ctx.app.inject({ method: 'POST', url: `${url}/submission`, headers: ctx.as(role), payload });
}
function scan(ctx: TestApp, name: string, type: string, bytes: Buffer) {
  const body = multipart(name, type, bytes);
  return ctx.app.inject({ method: 'PUT', url: `${url}/signed-scan`, headers: { ...ctx.as('unit'), ...body.headers }, payload: body.payload });
}

t.test('empty items are listed; the unit submits them knowingly; the report is then read-only until returned', async (t) => {
  const ctx = await buildTestApp(t);
  register(ctx, 1, 'p-tckh', '2023-08-07');
  const saved = await patch(ctx, {
    answers: {
      'A.1.1': { text: 'Đã ban hành Kế hoạch số 12/KH-TCKH.' },
      'A.2.b2': { notApplicable: true, text: 'Phòng không làm tuyên truyền trên phát thanh.' },
    },
  });
  t.equal(saved.statusCode, 200, saved.body);
  t.match(saved.json().answers['A.2.b2'], { notApplicable: true, figures: {} });
  t.notOk(saved.json().completeness.missingFigures.includes('A.2.b2'), '"không phát sinh" needs no figures');
  t.match(saved.json(), { status: 'draft', dueDate: '2023-08-07', late: false, submission: null });

  const refused = await submit(ctx);
  t.equal(refused.statusCode, 422);
  t.equal(refused.json().code, 'UNPROCESSABLE');
  const fields = refused.json().errors.map((e: { field: string }) => e.field);
  t.equal(fields.length, 40, 'every one of the 40 empty items is listed');
  t.ok(fields.includes('answers.A.1.2.b1'));
  t.notOk(fields.includes('answers.A.1.1'));
  t.match(refused.json().errors.find((e: { field: string }) => e.field === 'answers.A.5.1'), { code: 'ITEM_EMPTY' });
  t.equal((await ctx.app.inject({ method: 'GET', url, headers: ctx.as('unit') })).json().status, 'draft', 'nothing changed');

  ctx.clock.set('2023-08-03T09:00:00+07:00');
  const done = await submit(ctx, { confirmIncomplete: true });
  t.equal(done.statusCode, 200, done.body);
  t.match(done.json(), { status: 'submitted', submission: { at: '2023-08-03T02:00:00.000Z', by: 'test unit' } });
  t.equal(done.json().submission.incompleteItems.length, 40, 'the empty items are recorded with the submission');

  const locked = await patch(ctx, { answers: { 'A.1.1': { text: 'Sửa sau khi nộp' } } });
  t.equal(locked.statusCode, 409);
  t.equal(locked.json().code, 'SELF_REPORT_SUBMITTED');
  t.equal((await submit(ctx, { confirmIncomplete: true })).statusCode, 409, 'submitted twice');

  const returnTo = (role: 'unit' | 'leader' | 'secretary', payload: object) =>
    ctx.app.inject({ method: 'POST', url: `${url}/return`, headers: ctx.as(role), payload });
  t.equal((await returnTo('unit', { reason: 'Tự trả lại' })).statusCode, 403, 'the unit cannot return its own report');
  const noReason = await returnTo('leader', { reason: ' ' });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.json().errors, [{ field: 'reason' }]);
  const team2 = ctx.services.auth.create({ role: 'leader', label: 'Trưởng đoàn 02', campaignId: QX, teamNumber: 2 }, systemActor('test')).token;
  const other = await ctx.app.inject({ method: 'POST', url: `${url}/return`, headers: { authorization: `Bearer ${team2}` }, payload: { reason: 'Không phải đoàn mình' } });
  t.equal(other.statusCode, 404, "another team's leader does not see the report");
  const returned = await returnTo('secretary', { reason: 'Bổ sung số liệu mục 5.1.' });
  t.equal(returned.statusCode, 200);
  t.match(returned.json(), { status: 'returned', returned: { by: 'test secretary', reason: 'Bổ sung số liệu mục 5.1.' }, submission: null });
  t.equal((await returnTo('leader', { reason: 'Lần nữa' })).statusCode, 409, 'only a submitted report is returned');
  const edited = await patch(ctx, { answers: { 'A.5.1': { figures: { 'Tổng số hồ sơ': 1520 } } } });
  t.equal(edited.statusCode, 200, 'editable again');
  t.equal((await submit(ctx, { confirmIncomplete: true })).json().status, 'submitted', 'and submitted again');
  const trail = ctx.services.audit.list({ campaignId: QX, limit: 20 }).map((e) => e.action);
  for (const action of ['self-report.submit', 'self-report.return']) t.ok(trail.includes(action), `${action} is audited`);
});

t.test('two people saving the same item: the later save is refused, naming the item, and nothing is lost', async (t) => {
  const ctx = await buildTestApp(t);
  const first = await patch(ctx, { answers: { 'A.1.1': { text: 'Bản của chị Dung' } }, expected: { 'A.1.1': 0 } });
  t.equal(first.statusCode, 200);
  const revision = first.json().answers['A.1.1'].revision;
  t.equal(revision, 1);
  const second = await patch(ctx, { answers: { 'A.1.1': { text: 'Bản của anh Hùng' }, 'A.1.3': { text: 'Mục khác' } }, expected: { 'A.1.1': 0, 'A.1.3': 0 } });
  t.equal(second.statusCode, 409);
  t.equal(second.json().code, 'SELF_REPORT_ITEM_CHANGED');
  t.match(second.json().items, [{ itemId: 'A.1.1', current: { text: 'Bản của chị Dung' } }]);
  const now = (await ctx.app.inject({ method: 'GET', url, headers: ctx.as('unit') })).json();
  t.equal(now.answers['A.1.1'].text, 'Bản của chị Dung', 'the earlier answer stands');
  t.notOk(now.answers['A.1.3'], 'nothing of the refused request was saved');
  const same = await patch(ctx, { answers: { 'A.1.1': { text: 'Bản của chị Dung' }, 'A.1.3': { text: 'Mục khác' } }, expected: { 'A.1.1': 0, 'A.1.3': 0 } });
  t.equal(same.statusCode, 200, 'an item sent unchanged is not a conflict');
  const knowing = await patch(ctx, { answers: { 'A.1.1': { text: 'Bản của anh Hùng' } }, expected: { 'A.1.1': revision } });
  t.equal(knowing.statusCode, 200, 'saving again from the revision now seen');
  t.equal(knowing.json().answers['A.1.1'].revision, 3);
});

t.test('"không phát sinh" with figures, and figures that are not numbers, are refused beside the item', async (t) => {
  const ctx = await buildTestApp(t);
  const both = await patch(ctx, { answers: { 'A.5.1': { notApplicable: true, figures: { 'Số hồ sơ': 3 } } } });
  t.equal(both.statusCode, 400);
  t.match(both.json().errors, [{ field: 'answers.A.5.1.figures', code: 'NOT_APPLICABLE_WITH_FIGURES' }]);
  const words = await patch(ctx, { answers: { 'A.5.1': { figures: { 'Số hồ sơ': 'một nghìn' } } } });
  t.equal(words.statusCode, 400);
  t.match(words.json().errors, [{ field: 'answers.A.5.1.figures.Số hồ sơ', code: 'FIGURE_NOT_NUMBER' }]);
});

t.test('the signed scan: only after submitting, PDF only, within the size limit; read back by the team', async (t) => {
  const ctx = await buildTestApp(t, { config: { evidenceMaxBytes: 4096 } });
  const early = await scan(ctx, 'bao-cao.pdf', 'application/pdf', pdf);
  t.equal(early.statusCode, 409, 'nothing submitted yet');
  t.match(early.json().detail, /Hãy nộp báo cáo trước/);
  await submit(ctx, { confirmIncomplete: true });
  const word = await scan(ctx, 'bao-cao.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', Buffer.from('PK\x03\x04'));
  t.equal(word.statusCode, 415, 'a Word file is not the signed scan');
  const fake = await scan(ctx, 'bao-cao.pdf', 'application/pdf', Buffer.from('<html>'));
  t.equal(fake.statusCode, 415, 'bytes that are not a PDF');
  const big = await scan(ctx, 'bao-cao.pdf', 'application/pdf', Buffer.concat([pdf, Buffer.alloc(5000)]));
  t.equal(big.statusCode, 413);
  const notMultipart = await ctx.app.inject({ method: 'PUT', url: `${url}/signed-scan`, headers: ctx.as('unit'), payload: {} });
  t.equal(notMultipart.statusCode, 415);
  const broken = await ctx.app.inject({
    method: 'PUT',
    url: `${url}/signed-scan`,
    headers: { ...ctx.as('unit'), 'content-type': 'multipart/form-data; boundary=b' },
    payload: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 cut',
  });
  t.equal(broken.statusCode, 400, 'a body that ends before the file does');
  t.equal((await ctx.app.inject({ method: 'GET', url: `${url}/signed-scan`, headers: ctx.as('leader') })).statusCode, 404, 'no scan yet');

  const ok = await scan(ctx, 'Báo cáo đã ký.pdf', 'application/pdf', pdf);
  t.equal(ok.statusCode, 200, ok.body);
  t.match(ok.json().signedScan, { fileName: 'Báo cáo đã ký.pdf', uploadedBy: 'test unit', url: `${url}/signed-scan` });
  const read = await ctx.app.inject({ method: 'GET', url: `${url}/signed-scan`, headers: ctx.as('leader') });
  t.equal(read.statusCode, 200);
  t.equal(read.headers['content-type'], 'application/pdf');
  t.equal(read.body, pdf.toString());
  const member = await ctx.app.inject({ method: 'GET', url: `${url}/signed-scan`, headers: ctx.as('member') });
  t.equal(member.statusCode, 404, 'another unit learns nothing');

  await ctx.app.inject({ method: 'POST', url: `${url}/return`, headers: ctx.as('leader'), payload: { reason: 'Thiếu chữ ký' } });
  const after = (await ctx.app.inject({ method: 'GET', url, headers: ctx.as('unit') })).json();
  t.equal(after.signedScan, null, 'the scan of the returned submission is set aside');
});

t.test('the due date follows the visit; past it, an unsubmitted report is late', async (t) => {
  const ctx = await buildTestApp(t);
  t.equal((await ctx.app.inject({ method: 'GET', url, headers: ctx.as('unit') })).json().dueDate, null, 'no visit yet');
  register(ctx, 1, 'p-tckh', '2023-08-07');
  ctx.clock.set('2023-08-08T09:00:00+07:00');
  t.match((await ctx.app.inject({ method: 'GET', url, headers: ctx.as('unit') })).json(), { dueDate: '2023-08-07', late: true });
});

t.test('a unit inspected by one team and sitting on another writes and submits its own report with its member token', async (t) => {
  const ctx = await buildTestApp(t);
  const bhxh = `/campaigns/${QX}/units/bhxh/self-report`;
  const saved = await ctx.app.inject({ method: 'PATCH', url: bhxh, headers: ctx.as('member'), payload: { answers: { 'A.1.1': { text: 'Đã triển khai.' } } } });
  t.equal(saved.statusCode, 200, saved.body);
  const done = await ctx.app.inject({ method: 'POST', url: `${bhxh}/submission`, headers: ctx.as('member'), payload: { confirmIncomplete: true } });
  t.equal(done.statusCode, 200);
  const other = await ctx.app.inject({ method: 'PATCH', url, headers: ctx.as('member'), payload: { answers: { 'A.1.1': { text: 'x' } } } });
  t.equal(other.statusCode, 404, 'but not the report of Phòng Tài chính - Kế hoạch');
});
