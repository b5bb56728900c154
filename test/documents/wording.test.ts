import t from 'tap';
import { buildNoticeContent } from '../../src/documents/notice-content.js';
import { buildResultsNoticeContent } from '../../src/documents/results-content.js';
import { planReference } from '../../src/documents/wording.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { docxParts, flat, htmlLines, pdfText } from '../helpers/document-text.js';
import { noticeInput, qxCampaign, qxTeam1, visit } from '../helpers/documents.js';
import { registerVisit } from '../helpers/schedule.js';

// Issue 15, item 5: the smaller wording faults, one test each.

t.test('a commune is visited at "Trụ sở UBND xã …", not "Trụ sở Xã …"', async (t) => {
  const ctx = await buildTestApp(t);
  const place = async (unitId: string, date: string) =>
    (await registerVisit(ctx, 'leader', { teamNumber: 1, unitId, date, session: 'sang' })).json().visit.place;
  t.equal(await place('xa-quang-binh', '2023-08-07'), 'Trụ sở UBND xã Quảng Bình');
  t.equal(await place('tt-tan-phong', '2023-08-08'), 'Trụ sở UBND thị trấn Tân Phong');
  t.equal(await place('p-tckh', '2023-08-09'), 'Trụ sở Phòng Tài chính - Kế hoạch', 'a department keeps its own name');
});

t.test('the plan is cited with its number and date, or with the blanks a clerk fills in', async (t) => {
  const cite = (planNumber: string | null, planDate: string | null) => planReference({ ...qxCampaign, planNumber, planDate });
  t.equal(
    cite('/KH-TCTTKĐA06', null),
    'Căn cứ Kế hoạch số …/KH-TCTTKĐA06 ngày …/…/… của Tổ công tác Đề án 06 huyện Quảng Xương về việc kiểm tra kết quả thực hiện các nhiệm vụ của Đề án 06 trên địa bàn huyện Quảng Xương năm 2023;',
  );
  t.match(cite(null, null), /^Căn cứ Kế hoạch số …\/KH-… ngày …\/…\/… của /);
  t.match(cite('112/KH-TCTTKĐA06', '2023-07-25'), /^Căn cứ Kế hoạch số 112\/KH-TCTTKĐA06 ngày 25\/7\/2023 của /);
  t.match(cite('/KH-TCTTKĐA06', '2023-07-25'), /^Căn cứ Kế hoạch số …\/KH-TCTTKĐA06 ngày 25\/7\/2023 của /, 'the date is never dropped');
});

t.test('the programme says where the team works only as far as it is true', async (t) => {
  const one = buildNoticeContent(noticeInput({ visits: [visit({ id: 1, unitName: 'Phòng Tư pháp', date: '2023-08-07', place: 'Hội trường UBND huyện' })] }));
  t.same(one.programme.paragraphs, ['Đoàn kiểm tra làm việc trực tiếp với đơn vị theo lịch sau:'], 'one unit, met away from its seat');
  const many = buildNoticeContent(noticeInput());
  t.same(many.programme.paragraphs, ['Đoàn kiểm tra làm việc trực tiếp tại trụ sở các đơn vị theo lịch sau:'], 'every visit at the unit’s own seat');
});

t.test('the last recommendation ends with a full stop', async (t) => {
  const recommendation = (text: string) => ({ text, responsibleUnitId: 'p-tckh', responsibleUnitName: 'Phòng Tài chính - Kế hoạch', dueDate: '2023-09-29' });
  const content = buildResultsNoticeContent({
    campaign: qxCampaign,
    team: qxTeam1,
    unitId: 'p-tckh',
    unitName: 'Phòng Tài chính - Kế hoạch',
    visitDates: ['2023-08-07'],
    notice: null,
    conclusions: [
      {
        visitId: 1,
        version: 1,
        achieved: 'Tốt.',
        shortcomings: '',
        causes: '',
        recommendations: [recommendation('Số hóa hồ sơ;'), recommendation('Tuyên truyền VNeID')],
      },
    ],
    number: 2,
    issueDate: '2023-08-08',
    signerName: null,
  });
  t.same(content.sections.at(-1)!.items, [
    '- Số hóa hồ sơ (đơn vị thực hiện: Phòng Tài chính - Kế hoạch; thời hạn: 29/9/2023);',
    '- Tuyên truyền VNeID (đơn vị thực hiện: Phòng Tài chính - Kế hoạch; thời hạn: 29/9/2023).',
  ]);
});

t.test('a commune report (outline B) is dated at the commune and issued by its People’s Committee in full', async (t) => {
  const ctx = await buildTestApp(t);
  const lines = async (unitId: string) =>
    htmlLines((await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/units/${unitId}/outline/html`, headers: ctx.as('office') })).body);
  const binh = await lines('xa-quang-binh');
  t.same(binh.slice(0, 3), ['ỦY BAN NHÂN DÂN', 'XÃ QUẢNG BÌNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], 'no parent body, the committee written in full');
  t.ok(binh.includes('Quảng Bình, ngày …… tháng …… năm 2023'), 'dated at Quảng Bình');
  t.notOk(
    binh.some((l) => l.startsWith('Quảng Xương, ngày')),
    'not at the district',
  );
  t.notOk(binh.some((l) => /^UBND (XÃ|THỊ TRẤN)/.test(l)));
  const phong = await lines('tt-tan-phong');
  t.same(phong.slice(0, 2), ['ỦY BAN NHÂN DÂN', 'THỊ TRẤN TÂN PHONG']);
  t.ok(phong.includes('Tân Phong, ngày …… tháng …… năm 2023'));
  const tckh = await lines('p-tckh');
  t.ok(tckh.includes('Quảng Xương, ngày …… tháng …… năm 2023'), 'a district office is dated at the district');
});

t.test('no section heading ends with "./."', async (t) => {
  const ctx = await buildTestApp(t);
  for (const unitId of ['xa-quang-binh', 'p-tckh']) {
    const view = await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/units/${unitId}/outline/pdf`, headers: ctx.as('office') });
    t.equal(view.statusCode, 200);
    const text = flat(pdfText(view.rawPayload));
    t.notMatch(text, /[A-ZÀ-Ỹ]\.\/\./u, `${unitId}: no heading in capitals closed with ./.`);
    const html = htmlLines((await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/units/${unitId}/outline/html`, headers: ctx.as('office') })).body);
    t.notOk(
      html.some((l) => l === l.toLocaleUpperCase('vi') && l.endsWith('./.')),
      `${unitId}: HTML`,
    );
  }
});

t.test('a Word file says it is in Vietnamese and who made it', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  await registerVisit(ctx, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-07', session: 'sang' });
  clock.set('2023-08-01T05:00:00Z');
  const notice = (await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/notices`, headers: as('leader'), payload: {} })).json();
  const outline = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/p-tckh/outline/docx`, headers: as('office') })).rawPayload;
  for (const docx of [(await app.inject({ method: 'GET', url: notice.links.docx, headers: as('leader') })).rawPayload, outline]) {
    const parts = docxParts(docx);
    t.match(parts['word/styles.xml'], /<w:lang w:val="vi-VN"/, 'Vietnamese is the document language');
    t.notMatch(parts['docProps/core.xml'], /Un-named/, 'no "Un-named" author');
    t.match(parts['docProps/core.xml'], /<cp:lastModifiedBy>Dịch vụ đợt kiểm tra Đề án 06<\/cp:lastModifiedBy>/);
  }
});
