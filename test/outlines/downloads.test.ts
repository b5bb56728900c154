import t, { type Test } from 'tap';
import { buildTestApp, QX } from '../helpers/app.js';
import { docxLines, docxParts, flat, pdfText } from '../helpers/document-text.js';

// The sections of outline A as the seed prints them, and the health block's heading.
const aSections = [
  '1. Công tác chỉ đạo, triển khai thực hiện',
  '2. Kết quả công tác tuyên truyền, phổ biến các tiện ích, dịch vụ liên quan đến dữ liệu dân cư',
  '3. Nhiệm vụ hoàn thiện hệ sinh thái phục vụ kết nối, khai thác, bổ sung làm giàu dữ liệu dân cư',
  '4. Cơ sở hạ tầng công nghệ thông tin, đảm bảo an toàn thông tin, nguồn nhân lực, bố trí kinh phí',
  '5. Công tác giải quyết hồ sơ DVC trực tuyến, số hóa hồ sơ',
  '6. Công tác rà soát, đề xuất tái cấu trúc quy trình',
  '7. Nhiệm vụ phục vụ phát triển kinh tế - xã hội, phát triển công dân số',
  '8. Công tác đăng ký, xây dựng, triển khai mô hình điểm',
  '9. Công tác sơ kết, đánh giá tình hình',
  '10. Đánh giá chung',
  '11. Phương hướng nhiệm vụ thời gian tới',
  '*) Đối với Bệnh viện Đa khoa huyện và Trung tâm Y tế huyện',
];

function inOrder(t: Test, text: string, parts: string[]) {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    t.ok(at >= 0, `"${part}" after position ${from}`);
    if (at >= 0) from = at + part.length;
  }
}

t.test('the PDF of Bệnh viện Đa khoa huyện is a BÁO CÁO with its name and every heading in order', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/bv-dk/outline/pdf`, headers: as('office') });
  t.equal(res.statusCode, 200, res.body.slice(0, 300));
  t.equal(res.headers['content-type'], 'application/pdf');
  t.match(res.headers['content-disposition'], /attachment; filename="de-cuong-benh-vien-da-khoa-huyen\.pdf"; filename\*=UTF-8''/);
  const text = flat(pdfText(res.rawPayload));
  // The header's two columns share lines in pdftotext's layout, so the unit's name is read in parts there.
  t.match(text.slice(0, 200), /BỆNH VIỆN ĐA KHOA .*HUYỆN QUẢNG XƯƠNG/);
  inOrder(t, text, [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'BÁO CÁO',
    'Kết quả thực hiện Đề án 06 tại Bệnh viện Đa khoa huyện Quảng Xương',
    '(Số liệu báo cáo được lấy từ năm 2022 đến hết tháng 6/2023)',
    'Kính gửi: Đoàn kiểm tra số 05 - Tổ công tác Đề án 06 huyện Quảng Xương',
    ...aSections,
    '(1) Việc quán triệt thực hiện Công văn 931 của Bộ Y tế',
    '(4) Công tác tuyên truyền hướng dẫn người dân sử dụng giấy khám sức khỏe',
    'THỦ TRƯỞNG ĐƠN VỊ',
  ]);
  t.notMatch(text, /\*\) Đối với Phòng Nội vụ/, 'other departments’ blocks are not printed');
});

t.test('a commune’s PDF is outline B with the period to 5/2023', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/xa-quang-binh/outline/pdf`, headers: as('leader') });
  t.equal(res.statusCode, 200);
  const text = flat(pdfText(res.rawPayload));
  inOrder(t, text, [
    'ỦY BAN NHÂN DÂN',
    'XÃ QUẢNG BÌNH',
    'Quảng Bình, ngày …… tháng …… năm 2023',
    'Kết quả thực hiện Đề án 06 tại UBND xã Quảng Bình',
    '(Số liệu báo cáo được lấy từ năm 2022 đến hết tháng 5/2023)',
    'I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN',
    '1. Công tác chỉ đạo, triển khai thực hiện',
    '1.2. Việc triển khai thành lập Tổ công tác Đề án 06 các cấp',
    '+ Kết quả thành lập Tổ công tác Đề án 06 cấp xã;',
    '10. Công tác sơ kết, đánh giá tình hình',
    'II. ĐÁNH GIÁ CHUNG',
    'III. PHƯƠNG HƯỚNG NHIỆM VỤ THỜI GIAN TỚI',
    'TM. ỦY BAN NHÂN DÂN',
    'CHỦ TỊCH',
  ]);
  t.notMatch(text, /Lưu ý: Một số đơn vị/);
});

t.test('a download is rendered once, then served from storage with its ETag; 304 on revalidation', async (t) => {
  const { app, as, services } = await buildTestApp(t);
  const url = `/campaigns/${QX}/units/p-tckh/outline/pdf`;
  const first = await app.inject({ method: 'GET', url, headers: as('unit') });
  t.equal(first.statusCode, 200);
  const tag = first.headers.etag as string;
  t.match(tag, /^"[0-9a-f]{40}"$/);
  t.equal(first.headers['cache-control'], 'private, no-cache');
  const renders = services.pdf.stats().renders;
  const second = await app.inject({ method: 'GET', url, headers: as('office') });
  t.equal(second.headers.etag, tag);
  t.ok(second.rawPayload.equals(first.rawPayload), 'the same bytes');
  t.equal(services.pdf.stats().renders, renders, 'no second render');
  const revalidated = await app.inject({ method: 'GET', url, headers: { ...as('unit'), 'if-none-match': `W/${tag}` } });
  t.equal(revalidated.statusCode, 304);
  t.equal(revalidated.body, '');
  t.equal(revalidated.headers.etag, tag);

  // The registered visit is printed on the outline, so it is a new version.
  const reg = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits`,
    headers: { ...as('leader'), 'idempotency-key': 'v1' },
    payload: { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-04', session: 'chieu' },
  });
  t.equal(reg.statusCode, 201);
  const changed = await app.inject({ method: 'GET', url, headers: { ...as('unit'), 'if-none-match': tag } });
  t.equal(changed.statusCode, 200);
  t.not(changed.headers.etag, tag);
  t.match(flat(pdfText(changed.rawPayload)), /Thời gian Đoàn kiểm tra số 01 làm việc tại đơn vị: chiều Thứ Sáu, ngày 04\/8\/2023/);
  t.equal(services.pdf.stats().renders, renders + 1);
});

t.test('the HTML and Word downloads carry the same structure; Word has real headings', async (t) => {
  const { app, as } = await buildTestApp(t);
  const html = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/bv-dk/outline/html`, headers: as('office') });
  t.equal(html.statusCode, 200);
  t.equal(html.headers['content-type'], 'text/html; charset=utf-8');
  t.match(html.headers['content-security-policy'], /style-src 'unsafe-inline'/);
  t.match(html.body, /<h2 class="heading">1\. Công tác chỉ đạo, triển khai thực hiện<\/h2>/);
  t.match(html.body, /<h3 class="heading">1\.1\. Kết quả ban hành các văn bản/);
  t.match(html.body, /<p class="write"><\/p>/);

  const docx = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/bv-dk/outline/docx`, headers: as('office') });
  t.equal(docx.statusCode, 200);
  t.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const lines = docxLines(docx.rawPayload);
  inOrder(t, lines.join('\n'), ['BỆNH VIỆN ĐA KHOA\nHUYỆN QUẢNG XƯƠNG', 'BÁO CÁO', ...aSections]);
  const xml = docxParts(docx.rawPayload)['word/document.xml']!;
  const styled = (style: string, text: string) => new RegExp(`<w:pStyle w:val="${style}"/>(?:(?!</w:p>).)*${text}`, 's');
  t.match(xml, styled('Heading1', 'BÁO CÁO'));
  t.match(xml, styled('Heading2', '1\\. Công tác chỉ đạo, triển khai thực hiện'));
  t.match(xml, styled('Heading3', '7\\.2\\. Kết quả ứng dụng các tiện ích'));
  t.match(xml, styled('Heading2', '\\*\\) Đối với Bệnh viện Đa khoa huyện'));
  t.match(xml, /w:leader="dot"/, 'dotted lines to write on');
});

t.test('the filled report prints the answers, for the team and the office only', async (t) => {
  const { app, as } = await buildTestApp(t);
  const save = await app.inject({
    method: 'PATCH',
    url: `/campaigns/${QX}/units/p-tckh/self-report`,
    headers: as('unit'),
    payload: {
      answers: {
        'A.5.1': { text: 'Tiếp nhận và giải quyết đúng hạn toàn bộ hồ sơ.', figures: { 'Tổng số hồ sơ tiếp nhận': 1520, 'Tỷ lệ trực tuyến (%)': 87.5 } },
        'tckh.q3': { text: 'Đã có 14 phòng, ngành lập dự toán.' },
      },
    },
  });
  t.equal(save.statusCode, 200);
  const url = `/campaigns/${QX}/units/p-tckh/self-report/pdf`;
  const res = await app.inject({ method: 'GET', url, headers: as('secretary') });
  t.equal(res.statusCode, 200);
  const text = flat(pdfText(res.rawPayload));
  t.match(text.slice(0, 200), /UBND HUYỆN QUẢNG XƯƠNG.*PHÒNG TÀI CHÍNH -.*KẾ HOẠCH/);
  inOrder(t, text, [
    'Quảng Xương, ngày 20 tháng 7 năm 2023',
    'Kết quả thực hiện Đề án 06 tại Phòng Tài chính - Kế hoạch',
    '1.1. Kết quả ban hành',
    '(Chưa báo cáo)',
    '5.1. Kết quả thực hiện 25 DVC thiết yếu',
    'Tiếp nhận và giải quyết đúng hạn toàn bộ hồ sơ.',
    'Tổng số hồ sơ tiếp nhận: 1.520',
    'Tỷ lệ trực tuyến (%): 87,5',
    '(3) Đến nay, đã có bao nhiêu phòng, ngành, địa phương lập dự toán',
    'Đã có 14 phòng, ngành lập dự toán.',
  ]);
  const docx = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/p-tckh/self-report/docx`, headers: as('office') });
  t.ok(docxLines(docx.rawPayload).includes('Tổng số hồ sơ tiếp nhận: 1.520'));

  const otherTeam = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/bv-dk/self-report/pdf`, headers: as('leader') });
  t.equal(otherTeam.statusCode, 404);
  const tag = res.headers.etag as string;
  t.equal((await app.inject({ method: 'GET', url, headers: { ...as('leader'), 'if-none-match': tag } })).statusCode, 304);
  await app.inject({ method: 'PATCH', url: `/campaigns/${QX}/units/p-tckh/self-report`, headers: as('unit'), payload: { answers: { 'A.6': { text: 'Mới.' } } } });
  const after = await app.inject({ method: 'GET', url, headers: { ...as('leader'), 'if-none-match': tag } });
  t.equal(after.statusCode, 200, 'a new answer is a new report');
});
