import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { expectStatus } from '../helpers/expect.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { docxLines, flat, htmlLines, pdfText } from '../helpers/document-text.js';
import { noonOf, publishConclusion, register } from '../helpers/document-flow.js';

// Issue 15, item 4: a results notice that gives a task to another unit lists it in "Nơi nhận", says
// so in its text, and that unit can open it.

t.test('a unit given a recommendation is a recipient of the results notice and reads it', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const visit = register(ctx, 1, 'p-tckh', '2023-08-07');
  clock.set(noonOf('2023-07-31'));
  await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/notices`, headers: as('leader'), payload: {} });
  clock.set(noonOf('2023-08-08'));
  await publishConclusion(ctx, visit.id, {
    recommendations: [
      { text: 'Số hóa hồ sơ thủ tục hành chính còn tồn đọng', dueDate: '2023-09-29' },
      { text: 'Tuyên truyền về tài khoản định danh điện tử tại bộ phận một cửa', responsibleUnitId: 'p-vhtt', dueDate: '2023-10-31' },
    ] as never,
  });
  const issued = await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/results-notices`, headers: as('leader'), payload: { unitId: 'p-tckh' } });
  expectStatus(t, issued, 201);
  const results = issued.json();
  t.same(results.content.recipients, [
    '- Phòng Tài chính - Kế hoạch;',
    '- Phòng Văn hóa - Thông tin;',
    '- Thành viên Đoàn kiểm tra;',
    '- Công an huyện - Cơ quan Thường trực Tổ công tác Đề án 06 huyện Quảng Xương (để b/c);',
    '- Lưu: VT, ĐKT01.',
  ]);
  const request =
    'Đề nghị Phòng Tài chính - Kế hoạch và Phòng Văn hóa - Thông tin nghiêm túc thực hiện các kiến nghị nêu trên theo nội dung được giao ' +
    'và báo cáo kết quả thực hiện về Đoàn kiểm tra số 01 (qua Công an huyện).';
  t.ok(results.content.closing.includes(request), results.content.closing.join('\n'));
  t.ok(results.content.closing.includes('Đoàn kiểm tra số 01 thông báo để Phòng Tài chính - Kế hoạch và Phòng Văn hóa - Thông tin biết, thực hiện./.'));

  const vhtt = {
    authorization: `Bearer ${ctx.services.auth.create({ role: 'unit', label: 'Phòng Văn hóa - Thông tin', campaignId: QX, unitId: 'p-vhtt' }, systemActor('test')).token}`,
  };
  t.equal(
    (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${results.id}`, headers: vhtt })).statusCode,
    200,
    'the unit given a task opens it',
  );
  const pdf = await app.inject({ method: 'GET', url: results.links.pdf, headers: vhtt });
  expectStatus(t, pdf, 200);
  const text = flat(pdfText(pdf.rawPayload));
  t.match(text, /Nơi nhận: .*- Phòng Văn hóa - Thông tin;/, 'the PDF lists it in Nơi nhận');
  t.ok(text.includes(flat(request)));
  const word = docxLines((await app.inject({ method: 'GET', url: results.links.docx, headers: vhtt })).rawPayload);
  t.ok(word.includes('- Phòng Văn hóa - Thông tin;'), 'so does the Word file');
  t.same(word, htmlLines((await app.inject({ method: 'GET', url: results.links.html, headers: vhtt })).body));
  t.same(
    (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, headers: vhtt })).json().map((d: { id: number }) => d.id),
    [results.id],
  );
  t.equal(
    (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${results.id}`, headers: as('member') })).statusCode,
    404,
    'a unit given nothing does not',
  );
});
