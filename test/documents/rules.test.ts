import t from 'tap';
import { dueState, notAnnounceable, resultsDue, teamReportDue, tooLate, type NoticeCandidate } from '../../src/documents/rules.js';
import { compositionLines, numberLabel, numberLine, periodText, planReference } from '../../src/documents/wording.js';
import { qxCampaign, qxTeam1 } from '../helpers/documents.js';

const visit = (overrides: Partial<NoticeCandidate>): NoticeCandidate => ({
  id: 1,
  unitId: 'p-tckh',
  unitName: 'Phòng Tài chính - Kế hoạch',
  date: '2023-08-03',
  status: 'registered',
  latestNoticeDate: '2023-08-01',
  covered: false,
  ...overrides,
});

t.test('too late: today after the latest notice date; the last allowed day itself is fine', async (t) => {
  t.same(tooLate('2023-08-01', [visit({})]), []);
  t.same(
    tooLate('2023-08-02', [visit({})]).map((r) => [r.visitId, r.latestNoticeDate]),
    [[1, '2023-08-01']],
  );
  t.same(tooLate('2023-08-02', [visit({ status: 'notified' })]), [], 'a visit re-announced after its notice went out in time is not late');
  const many = tooLate('2023-08-04', [visit({ id: 1 }), visit({ id: 2, latestNoticeDate: '2023-08-03' }), visit({ id: 3, latestNoticeDate: '2023-08-04' })]);
  t.same(
    many.map((r) => r.visitId),
    [1, 2],
    'every offending visit is listed',
  );
});

t.test('what a new notice cannot announce', async (t) => {
  const refused = notAnnounceable([
    visit({ id: 1 }),
    visit({ id: 2, status: 'notified', covered: true }),
    visit({ id: 3, status: 'notified', covered: false }),
    visit({ id: 4, status: 'cancelled' }),
    visit({ id: 5, status: 'concluded' }),
  ]);
  t.same(
    refused.map((r) => r.visitId),
    [2, 4, 5],
  );
  t.match(refused[0]!.reason, /còn hiệu lực/);
});

t.test('due dates and states', async (t) => {
  t.equal(teamReportDue('2023-08-30'), '2023-08-29', '"trước ngày 30/8/2023" is due on the 29th');
  t.equal(teamReportDue(null), null);
  t.equal(resultsDue(['2023-08-14', '2023-08-31', '2023-08-15']), '2023-08-31');
  t.equal(resultsDue([]), null);
  t.equal(dueState('2023-08-29', '2023-08-29', null), 'pending', 'the due date itself is still on time');
  t.equal(dueState('2023-08-30', '2023-08-29', null), 'overdue');
  t.equal(dueState('2023-09-05', '2023-08-29', '2023-08-29'), 'issued');
  t.equal(dueState('2023-09-05', '2023-08-29', '2023-08-30'), 'issued-late');
  t.equal(dueState('2030-01-01', null, null), 'pending', 'no deadline is never overdue');
});

t.test('numbers, periods and composition are worded as Nghị định 30 and the plan write them', async (t) => {
  t.equal(numberLabel(1, 'TB', 1), '01/TB-ĐKT01');
  t.equal(numberLabel(12, 'BC', 5), '12/BC-ĐKT05');
  t.equal(numberLine(null, 'TB', 3), 'Số:      /TB-ĐKT03');
  t.equal(periodText({ from: '2022-01-01', to: '2023-06-30' }), 'từ năm 2022 đến hết tháng 6/2023');
  t.equal(periodText({ from: '2022-03-15', to: '2023-02-14' }), 'từ ngày 15/3/2022 đến hết ngày 14/02/2023');
  t.equal(
    planReference(qxCampaign),
    'Căn cứ Kế hoạch số …/KH-TCTTKĐA06 ngày …/…/… của Tổ công tác Đề án 06 huyện Quảng Xương về việc kiểm tra kết quả thực hiện các nhiệm vụ của Đề án 06 trên địa bàn huyện Quảng Xương năm 2023;',
  );
  t.same(compositionLines(qxTeam1), [
    '- Trưởng đoàn: Đồng chí Lê Văn Hùng - Phó Trưởng Công an huyện;',
    '- Thành viên: Lãnh đạo Văn phòng HĐND-UBND huyện;',
    '- Thành viên: Đồng chí Trần Thị Mai - Phó Giám đốc Bảo hiểm xã hội huyện;',
    '- Thành viên: Lãnh đạo Chi cục Thuế khu vực TP Sầm Sơn - Quảng Xương;',
    '- Thư ký: cán bộ, chuyên viên Công an huyện.',
  ]);
  t.equal(compositionLines({ ...qxTeam1, leaderPerson: null })[0], '- Trưởng đoàn: Lãnh đạo Công an huyện;');
});
