import t from 'tap';
import { blockingErrors, checkVisit, clashScope, type Slot } from '../../src/schedule/rules.js';
import { codesOf, qxRules, slot, vn, world } from '../helpers/schedule.js';

const register = { purpose: 'register', override: false } as const;
const saved = (s: Slot, id: number, status: Slot['status'] = 'registered'): Slot => ({ ...s, id, status });

t.test('a free morning inside the window raises nothing', async (t) => {
  t.same(checkVisit(slot(1, 'p-tckh', '2023-08-10'), [], world(), register), []);
});

t.test('OUTSIDE_WINDOW: the window is [03/8, 25/8); its last day is 24/8', async (t) => {
  t.same(codesOf(checkVisit(slot(1, 'p-tckh', '2023-08-02'), [], world(), register)), ['OUTSIDE_WINDOW']);
  t.notOk(codesOf(checkVisit(slot(1, 'p-tckh', '2023-08-03'), [], world(), register)).includes('OUTSIDE_WINDOW'), 'first day');
  t.notOk(codesOf(checkVisit(slot(1, 'p-tckh', '2023-08-24'), [], world(), register)).includes('OUTSIDE_WINDOW'), 'last day');
  const after = checkVisit(slot(1, 'p-tckh', '2023-08-25'), [], world(), register);
  t.ok(codesOf(after).includes('OUTSIDE_WINDOW'), '25/8 is out ("kết thúc trước ngày 25/8")');
  t.match(after.find((f) => f.code === 'OUTSIDE_WINDOW')!.message.vi, /đến hết 24\/8\/2023/);
});

t.test('NOT_WORKING_DAY: weekends and days off, but a make-up Saturday works', async (t) => {
  const saturday = checkVisit(slot(1, 'p-tckh', '2023-08-05'), [], world(), register);
  t.same(codesOf(saturday), ['NOT_WORKING_DAY']);
  t.match(saturday[0]!.message.vi, /Thứ Bảy, ngày 05\/8\/2023 không phải ngày làm việc \(ngày nghỉ cuối tuần\)/);

  const rules = {
    ...qxRules,
    window: { start: '2024-01-02', endExclusive: '2024-06-01' },
    registrationDeadlineExclusive: null,
    teamReportDeadlineExclusive: null,
  };
  const w = world({ rules, today: '2024-01-02' });
  t.same(checkVisit(slot(1, 'p-tckh', '2024-05-04'), [], w, register), [], 'Saturday 04/5/2024 is a make-up working day');
  t.same(checkVisit(slot(1, 'p-tckh', '2024-02-07'), [], w, register), [], 'the day before Tết is a working day');
  const tet = checkVisit(slot(1, 'p-tckh', '2024-02-08'), [], w, register);
  t.same(codesOf(tet), ['NOT_WORKING_DAY']);
  t.match(tet[0]!.message.vi, /Tết Nguyên đán/);
});

t.test('REGISTRATION_CLOSED compares today with the exclusive deadline; a review ignores it', async (t) => {
  const visit = slot(1, 'p-tckh', '2023-08-10');
  t.same(checkVisit(visit, [], world({ today: '2023-07-31' }), register), [], '31/7 is the last day');
  t.same(codesOf(checkVisit(visit, [], world({ today: '2023-08-01' }), register)), ['REGISTRATION_CLOSED']);
  t.same(checkVisit(visit, [], world({ today: '2023-08-01' }), { purpose: 'review', override: false }), []);
  const overridden = checkVisit(visit, [], world({ today: '2023-08-01' }), { purpose: 'register', override: true });
  t.equal(overridden[0]!.overridden, true);
  t.same(blockingErrors(overridden), [], 'an office override lets it through');
});

t.test('NOTICE_TOO_LATE: after visit − 2 working days, unless a notice covers the visit', async (t) => {
  // Visit Monday 07/8/2023: latest notice Thursday 03/8 (the weekend does not count).
  const visit = slot(1, 'p-tckh', '2023-08-07');
  const rules = { ...qxRules, registrationDeadlineExclusive: null };
  t.same(checkVisit(visit, [], world({ rules, today: '2023-08-03' }), register), []);
  const late = checkVisit(visit, [], world({ rules, today: '2023-08-04' }), register);
  t.same(codesOf(late), ['NOTICE_TOO_LATE']);
  t.match(late[0]!.message.vi, /chậm nhất ngày 03\/8\/2023/);
  t.same(checkVisit({ ...visit, status: 'notified' }, [], world({ rules, today: '2023-08-04' }), register), []);
  const strict = { ...rules, notice: { leadWorkingDays: 2, convention: 'full-days-between' as const } };
  t.same(codesOf(checkVisit(visit, [], world({ rules: strict, today: '2023-08-03' }), register)), ['NOTICE_TOO_LATE']);
});

t.test('RESULTS_AFTER_REPORT_DEADLINE warns for 23 and 24/8/2023, not 22/8', async (t) => {
  t.same(checkVisit(slot(1, 'p-tckh', '2023-08-22'), [], world(), register), []);
  for (const date of ['2023-08-23', '2023-08-24']) {
    const found = checkVisit(slot(1, 'p-tckh', date), [], world(), register);
    t.same(codesOf(found), ['RESULTS_AFTER_REPORT_DEADLINE'], date);
    t.equal(found[0]!.severity, 'warning');
    t.same(blockingErrors(found), []);
  }
  const found = checkVisit(slot(1, 'p-tckh', '2023-08-24'), [], world(), register);
  t.match(found[0]!.message.vi, /đến hạn ngày 31\/8\/2023/);
});

t.test('half-open intervals: a visit ending at 11:30 and one starting at 11:30 do not clash', async (t) => {
  const other = saved(slot(2, 'p-tckh', '2023-08-10', [600, 690]), 7);
  t.same(checkVisit(slot(1, 'p-tckh', '2023-08-10', [690, 780]), [other], world(), register), []);
  const overlapping = checkVisit(slot(1, 'p-tckh', '2023-08-10', [689, 780]), [other], world(), register);
  t.same(codesOf(overlapping), ['TARGET_DOUBLE_BOOKED']);
  t.same(overlapping[0]!.visits, [7]);
  t.same(overlapping[0]!.teams, [1, 2]);
  t.same(checkVisit(slot(1, 'p-tckh', '2023-08-10', 'chieu'), [saved(slot(2, 'p-tckh', '2023-08-10', 'sang'), 8)], world(), register), []);
});

t.test('cancelled visits and visits on other days never clash', async (t) => {
  const cancelled = saved(slot(2, 'p-tckh', '2023-08-10'), 3, 'cancelled');
  const otherDay = saved(slot(2, 'p-tckh', '2023-08-11'), 4);
  t.same(checkVisit(slot(1, 'p-tckh', '2023-08-10'), [cancelled, otherDay], world(), register), []);
});

t.test('TEAM_DOUBLE_BOOKED: overlapping visits of one team, and the visits-per-day limit', async (t) => {
  const morning = saved(slot(1, 'xa-quang-binh', '2023-08-10', 'sang'), 1);
  const clash = checkVisit(slot(1, 'p-tckh', '2023-08-10', 'ca-ngay'), [morning], world(), register);
  t.same(codesOf(clash), ['TEAM_DOUBLE_BOOKED']);
  t.same(checkVisit(slot(1, 'p-tckh', '2023-08-10', 'chieu'), [morning], world(), register), [], 'two a day is allowed');
  const afternoon = saved(slot(1, 'xa-quang-hop', '2023-08-10', 'chieu'), 2);
  const third = checkVisit(slot(1, 'p-tckh', '2023-08-10', [1020, 1080]), [morning, afternoon], world(), register);
  t.same(codesOf(third), ['TEAM_DOUBLE_BOOKED']);
  t.match(third[0]!.message.vi, /đã có 2 buổi kiểm tra trong ngày 10\/8\/2023; tối đa 2 buổi mỗi ngày/);
  const one = world({ rules: { ...qxRules, visitsPerTeamPerDay: 1 } });
  t.same(codesOf(checkVisit(slot(1, 'p-tckh', '2023-08-10', 'chieu'), [morning], one, register)), ['TEAM_DOUBLE_BOOKED']);
});

t.test('HOST_AWAY_INSPECTING, first direction: the target sits on a team that is out', async (t) => {
  // Bảo hiểm xã hội huyện sits on team 01 and is inspected by team 02.
  const team1Out = saved(slot(1, 'p-tckh', '2023-08-10', 'sang'), 11);
  const found = checkVisit(slot(2, 'bhxh', '2023-08-10', 'sang'), [team1Out], world(), register);
  t.same(codesOf(found), ['HOST_AWAY_INSPECTING']);
  t.same(found[0]!.units, ['bhxh']);
  t.same(found[0]!.teams, [2, 1]);
  t.match(found[0]!.message.vi, /Bảo hiểm xã hội huyện là thành viên Đoàn 01/);
  t.same(checkVisit(slot(2, 'bhxh', '2023-08-10', 'chieu'), [team1Out], world(), register), [], 'the afternoon is free');
});

t.test('HOST_AWAY_INSPECTING, second direction: a unit of the registering team is being inspected', async (t) => {
  const bhxhInspected = saved(slot(2, 'bhxh', '2023-08-10', 'sang'), 12);
  const found = checkVisit(slot(1, 'p-tckh', '2023-08-10', 'sang'), [bhxhInspected], world(), register);
  t.same(codesOf(found), ['HOST_AWAY_INSPECTING']);
  t.same(found[0]!.units, ['bhxh']);
  t.match(found[0]!.message.vi, /đang được Đoàn 02 kiểm tra/);
  // Team 04's leader (Phòng Tài chính - Kế hoạch) is inspected by team 01.
  const leaderInspected = saved(slot(1, 'p-tckh', '2023-08-10', 'ca-ngay'), 13);
  const team4 = checkVisit(slot(4, 'p-nv', '2023-08-10', 'chieu'), [leaderInspected], world(), register);
  t.same(codesOf(team4), ['HOST_AWAY_INSPECTING']);
  t.match(team4[0]!.message.vi, /chủ trì Đoàn 04/);
});

t.test('MEMBER_DOUBLE_BOOKED: Hội Nông dân huyện sits on teams 03 and 04', async (t) => {
  const team3Out = saved(slot(3, 'xa-quang-trach', '2023-08-10', 'sang'), 21);
  const found = checkVisit(slot(4, 'xa-quang-van', '2023-08-10', [600, 660]), [team3Out], world(), register);
  t.same(codesOf(found), ['MEMBER_DOUBLE_BOOKED']);
  t.same(found[0]!.units, ['hoi-nd']);
  t.same(found[0]!.teams, [4, 3]);
  t.match(found[0]!.message.vi, /Hội Nông dân huyện ở cả Đoàn 04 và Đoàn 03/);
  t.same(checkVisit(slot(4, 'xa-quang-van', '2023-08-10', 'chieu'), [team3Out], world(), register), []);
  t.same(checkVisit(slot(5, 'xa-quang-dinh', '2023-08-10', 'sang'), [team3Out], world(), register), [], 'team 05 shares no unit with 03');
});

t.test("severities are campaign settings: 'off' drops a rule, 'warning' stops it blocking", async (t) => {
  const other = saved(slot(2, 'p-tckh', '2023-08-10'), 7);
  const rules = { ...qxRules, severities: { ...qxRules.severities, TARGET_DOUBLE_BOOKED: 'off' as const, NOT_WORKING_DAY: 'warning' as const } };
  t.same(checkVisit(slot(1, 'p-tckh', '2023-08-10'), [other], world({ rules }), register), []);
  const saturday = checkVisit(slot(1, 'p-tckh', '2023-08-05'), [], world({ rules }), register);
  t.equal(saturday[0]!.severity, 'warning');
  t.same(blockingErrors(saturday), []);
});

t.test('a saved visit is never compared with itself', async (t) => {
  const own = saved(slot(1, 'p-tckh', '2023-08-10'), 5);
  t.same(checkVisit(own, [own], world(), register), []);
});

t.test('clashScope names the teams and units whose visits can clash', async (t) => {
  const teams = world().teams;
  const scope = clashScope(teams, 4, 'xa-quang-van');
  t.same(scope.teamNumbers.sort(), [3, 4], 'team 04 and team 03 (Hội Nông dân huyện)');
  t.same(scope.unitIds.sort(), ['dien-luc', 'doan-tn', 'hoi-nd', 'p-tckh', 'vks', 'xa-quang-van']);
  t.same(clashScope(teams, 2, 'bhxh').teamNumbers.sort(), [1, 2], 'the target sits on team 01');
  t.equal(vn.daysOff.size > 0, true);
});
