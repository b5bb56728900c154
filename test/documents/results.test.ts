import t from 'tap';
import { expectStatus } from '../helpers/expect.js';
import { buildTestApp, QX, type TestApp } from '../helpers/app.js';
import { docxLines, flat, htmlLines, pdfText } from '../helpers/document-text.js';
import { noonOf, publishConclusion, register } from '../helpers/document-flow.js';

const team1 = `/campaigns/${QX}/teams/1`;

/** Team 01 visits Phòng Tài chính - Kế hoạch on 7/8 and Phòng Tài nguyên và Môi trường on 8/8/2023. */
async function round(ctx: TestApp) {
  const { app, as, clock } = ctx;
  const tckh = register(ctx, 1, 'p-tckh', '2023-08-07');
  const tnmt = register(ctx, 1, 'p-tnmt', '2023-08-08');
  clock.set(noonOf('2023-07-31'));
  const notice = await app.inject({ method: 'POST', url: `${team1}/notices`, headers: as('leader'), payload: {} });
  if (notice.statusCode !== 201) throw new Error(notice.body);
  clock.set(noonOf('2023-08-08'));
  await publishConclusion(ctx, tckh.id, {
    achieved: 'Đã ban hành kế hoạch thực hiện Đề án 06 năm 2023.\nĐã phân công cán bộ đầu mối.',
    shortcomings: 'Tỷ lệ hồ sơ trực tuyến toàn trình còn thấp.',
    causes: '',
  });
  return { tckh, tnmt, notice: notice.json() };
}

const summaryOf = async (ctx: TestApp) =>
  (await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/summary`, headers: ctx.as('office') })).json();

t.test('a results notice is written from the published conclusion, due 5 working days after the round', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as } = ctx;
  const { tckh, tnmt, notice } = await round(ctx);

  const notYet = await app.inject({ method: 'POST', url: `${team1}/results-notices`, headers: as('leader'), payload: { unitId: 'p-tnmt' } });
  t.equal(notYet.statusCode, 409);
  t.equal(notYet.json().code, 'NOT_CONCLUDED');

  const issued = await app.inject({ method: 'POST', url: `${team1}/results-notices`, headers: as('leader'), payload: { unitId: 'p-tckh' } });
  expectStatus(t, issued, 201);
  const results = issued.json();
  t.match(results, {
    kind: 'results-notice',
    numberLabel: '02/TB-ĐKT01',
    unitId: 'p-tckh',
    issueDate: '2023-08-08',
    dueDate: '2023-08-15',
    late: false,
    visitIds: [tckh.id],
  });
  t.equal(notice.numberLabel, '01/TB-ĐKT01', 'notices and results notices share the TB series, so no two carry the same number');
  const text = flat(pdfText((await app.inject({ method: 'GET', url: results.links.pdf, headers: as('unit') })).rawPayload));
  for (const expected of [
    'Số: 02/TB-ĐKT01',
    'Quảng Xương, ngày 08 tháng 8 năm 2023',
    'Kết quả kiểm tra thực hiện Đề án 06 tại Phòng Tài chính - Kế hoạch',
    'theo Thông báo số 01/TB-ĐKT01 ngày 31/7/2023',
    'Đã phân công cán bộ đầu mối.',
    '3. Nguyên nhân Không có.',
    'thời hạn: 29/9/2023',
  ]) {
    t.ok(text.includes(expected), `PDF has ${expected}`);
  }
  const html = (await app.inject({ method: 'GET', url: results.links.html, headers: as('unit') })).body;
  const word = (await app.inject({ method: 'GET', url: results.links.docx, headers: as('unit') })).rawPayload;
  t.same(docxLines(word), htmlLines(html));

  const read = async (role: 'unit' | 'member' | 'leader') =>
    (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${results.id}`, headers: as(role) })).statusCode;
  t.equal(await read('unit'), 200, 'the inspected unit reads its results');
  t.equal(await read('member'), 404, 'another unit does not');
  t.equal(await read('leader'), 200);

  const twice = await app.inject({ method: 'POST', url: `${team1}/results-notices`, headers: as('leader'), payload: { unitId: 'p-tckh' } });
  t.equal(twice.json().code, 'ALREADY_ISSUED');
  await publishConclusion(ctx, tckh.id, { achieved: 'Đã ban hành kế hoạch; bổ sung: đã kết nối dữ liệu.' }, 'Bổ sung kết quả');
  const amended = await app.inject({ method: 'POST', url: `${team1}/results-notices`, headers: as('leader'), payload: { unitId: 'p-tckh' } });
  expectStatus(t, amended, 201);
  t.match(amended.json(), { numberLabel: '03/TB-ĐKT01', supersedes: [{ id: results.id }] });
  t.ok(tnmt.id > 0);
});

t.test('the summary lists what is due, overdue and issued late; the team report closes the round', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const { tnmt } = await round(ctx);
  const pending = register(ctx, 2, 'p-kt-ht', '2023-08-21');

  clock.set(noonOf('2023-08-16'));
  await publishConclusion(ctx, tnmt.id, { achieved: 'Hoàn thành làm sạch dữ liệu đất đai.' });
  let summary = await summaryOf(ctx);
  t.equal(summary.today, '2023-08-16');
  const team = summary.teams.find((x: { teamNumber: number }) => x.teamNumber === 1);
  t.same(
    team.notices.map((n: { numberLabel: string; status: string }) => [n.numberLabel, n.status]),
    [['01/TB-ĐKT01', 'current']],
  );
  t.same(
    team.resultsNotices.map((r: { unitId: string; dueDate: string; state: string }) => [r.unitId, r.dueDate, r.state]),
    [
      ['p-tckh', '2023-08-15', 'overdue'],
      ['p-tnmt', '2023-08-15', 'overdue'],
    ],
  );
  t.match(team.teamReport, { dueDate: '2023-08-29', state: 'pending', document: null });
  t.ok(
    summary.due.some(
      (d: { kind: string; visitIds: number[]; dueDate: string }) => d.kind === 'notice' && d.visitIds[0] === pending.id && d.dueDate === '2023-08-17',
    ),
  );
  t.equal(summary.overdue.filter((d: { kind: string }) => d.kind === 'results-notice').length, 2);

  const late = await app.inject({ method: 'POST', url: `${team1}/results-notices`, headers: as('secretary'), payload: { unitId: 'p-tnmt' } });
  t.match(late.json(), { dueDate: '2023-08-15', issueDate: '2023-08-16', late: true });
  summary = await summaryOf(ctx);
  t.same(
    summary.issuedLate.map((d: { unitId: string }) => d.unitId),
    ['p-tnmt'],
  );

  clock.set(noonOf('2023-08-17'));
  const report = await app.inject({ method: 'POST', url: `${team1}/report`, headers: as('leader'), payload: { signerName: 'Lê Văn Hùng' } });
  expectStatus(t, report, 201);
  const filed = report.json();
  t.match(filed, { kind: 'team-report', numberLabel: '01/BC-ĐKT01', dueDate: '2023-08-29', late: false });
  const text = flat(pdfText((await app.inject({ method: 'GET', url: filed.links.pdf, headers: as('office') })).rawPayload));
  for (const expected of [
    'BÁO CÁO',
    'Số: 01/BC-ĐKT01',
    'Kính gửi: Cơ quan Thường trực Tổ công tác Đề án 06 huyện Quảng Xương',
    'được phân công kiểm tra 9 cơ quan, đơn vị, địa phương; từ ngày 07/8/2023 đến ngày 08/8/2023, Đoàn đã kiểm tra 2 cơ quan, đơn vị, địa phương, đã kết luận kiểm tra tại 2 cơ quan, đơn vị, địa phương.',
    '7 cơ quan, đơn vị, địa phương chưa được kiểm tra:',
    'Hoàn thành làm sạch dữ liệu đất đai.',
    'Lê Văn Hùng',
  ]) {
    t.ok(text.includes(expected), `report PDF has ${expected}`);
  }
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${filed.id}`, headers: as('unit') })).statusCode, 404);
  summary = await summaryOf(ctx);
  t.match(summary.teams[0].teamReport, { state: 'issued', document: { numberLabel: '01/BC-ĐKT01', issueDate: '2023-08-17' } });
});
