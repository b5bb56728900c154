import { strFromU8, unzipSync } from 'fflate';
import t from 'tap';
import { buildSummaryContent, summaryDocx, type SummaryInput } from '../../src/reports/summary.js';

// The Word summary of the round, pure: every team, the conclusions in brief, the recommendations
// followed up, and on a rehearsal the DIỄN TẬP line at the top of every page like its other documents.

const input = (rehearsal: boolean): SummaryInput => ({
  campaign: {
    title: 'Kiểm tra kết quả thực hiện Đề án 06 năm 2023',
    issuingBody: 'Tổ công tác Đề án 06 huyện Quảng Xương',
    parentBody: 'UBND huyện Quảng Xương',
    placeName: 'Quảng Xương',
    standingOfficeName: 'Công an huyện',
    window: { start: '2023-08-03', last: '2023-08-24' },
    rehearsal,
  },
  today: '2023-08-28',
  teams: [1, 2].map((n) => ({
    name: `Đoàn kiểm tra số 0${n}`,
    leaderUnitName: n === 1 ? 'Công an huyện' : 'Phòng Văn hóa - Thông tin',
    targets: 8,
    visited: 1,
    concluded: 1,
    resultsNotices: 1,
    teamReportOn: null,
    units: [{ unitName: `Xã ${n}`, visitDate: '2023-08-10', achieved: 'Đã ban hành kế hoạch.', shortcomings: null, recommendations: 1 }],
  })),
  recommendations: { total: 2, done: 1, open: 1, overdue: [{ text: 'Cập nhật dữ liệu.', unitName: 'Xã 2', dueDate: '2023-08-20' }] },
});

function parts(bytes: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(bytes));
  return Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => name.endsWith('.xml'))
      .map(([name, data]) => [name, strFromU8(data)]),
  );
}

t.test('every team, the conclusions in brief and the overdue recommendations', async (t) => {
  const xml = parts(await summaryDocx(buildSummaryContent(input(false))));
  const body = xml['word/document.xml']!;
  t.match(body, /Đoàn kiểm tra số 01[\s\S]*Đoàn kiểm tra số 02/);
  t.match(body, /Xã 1 \(kiểm tra ngày 10\/8\/2023\): Đã ban hành kế hoạch/);
  t.match(body, /Cập nhật dữ liệu \(Xã 2; thời hạn 20\/8\/2023\)/);
  t.notMatch(Object.values(xml).join(''), /DIỄN TẬP/, 'no rehearsal line for a real round');
});

t.test('a rehearsal’s summary carries the DIỄN TẬP line in its page headers', async (t) => {
  const xml = parts(await summaryDocx(buildSummaryContent(input(true))));
  const headers = Object.entries(xml)
    .filter(([name]) => /word\/header\d*\.xml$/.test(name))
    .map(([, text]) => text);
  t.ok(headers.length >= 2, 'the first page and the others');
  for (const header of headers) t.match(header, /DIỄN TẬP – văn bản tập dượt, không có giá trị pháp lý/);
});
