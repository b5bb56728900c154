import t from 'tap';
import { emptyCalendar, type CalendarData } from '../../src/calendar/rules.js';
import { overdueItems, teamProgress, totals, type ProgressInput } from '../../src/progress/rules.js';

const calendar: CalendarData = {
  ...emptyCalendar(),
  daysOff: new Map([['2023-09-01', { name: 'Quốc khánh', legalBasis: null, status: 'confirmed', scope: 'national' }]]),
};

function input(): ProgressInput {
  return {
    teams: [
      {
        number: 1,
        name: 'Đoàn kiểm tra số 01',
        targets: [
          { unitId: 'a', name: 'Phòng A' },
          { unitId: 'b', name: 'Xã B' },
          { unitId: 'c', name: 'Xã C' },
        ],
      },
      { number: 2, name: 'Đoàn kiểm tra số 02', targets: [{ unitId: 'd', name: 'Phòng D' }] },
    ],
    visits: [
      { id: 1, teamNumber: 1, unitId: 'a', date: '2023-08-07', status: 'concluded' },
      { id: 2, teamNumber: 1, unitId: 'b', date: '2023-08-21', status: 'registered' },
      { id: 3, teamNumber: 2, unitId: 'd', date: '2023-08-10', status: 'carried-out' },
      { id: 4, teamNumber: 1, unitId: 'c', date: '2023-08-09', status: 'cancelled' },
    ],
    documents: [
      { kind: 'notice', teamNumber: 1, unitId: 'b', visitIds: [2], dueDate: '2023-08-17', state: 'overdue', issueDate: null },
      { kind: 'results-notice', teamNumber: 1, unitId: 'a', visitIds: [1], dueDate: '2023-08-28', state: 'issued', issueDate: '2023-08-25' },
      { kind: 'results-notice', teamNumber: 2, unitId: 'd', visitIds: [3], dueDate: '2023-08-17', state: 'overdue', issueDate: null },
      { kind: 'team-report', teamNumber: 1, unitId: null, visitIds: [], dueDate: '2023-08-29', state: 'pending', issueDate: null },
      { kind: 'team-report', teamNumber: 2, unitId: null, visitIds: [], dueDate: '2023-08-29', state: 'issued-late', issueDate: '2023-08-30' },
    ],
    checklist: new Map([[1, { answered: 20, total: 20 }]]),
    conclusionState: new Map([[1, 'published']]),
    registrationDeadlineExclusive: null,
    overdueRecommendations: [{ id: 7, visitId: 1, teamNumber: 1, unitId: 'a', effectiveDueDate: '2023-08-31' }],
  };
}

t.test('overdue items carry their due date and the working days late, oldest first', async (t) => {
  const items = overdueItems(input(), calendar, '2023-09-05');
  t.same(
    items.map((i) => [i.kind, i.teamNumber, i.unitId, i.dueDate, i.workingDaysLate]),
    [
      ['notice', 1, 'b', '2023-08-17', 12],
      ['results-notice', 2, 'd', '2023-08-17', 12],
      ['recommendation', 1, 'a', '2023-08-31', 2],
    ],
    'the team report of team 01 is not yet due; team 02 filed late',
  );
  t.equal(items.find((i) => i.kind === 'recommendation')!.workingDaysLate, 2, '1 September is a holiday: 4 and 5 September');
  t.equal(items.find((i) => i.kind === 'notice')!.label, 'Chưa gửi thông báo kiểm tra');
});

t.test('per team: counts of each step, the report, one line per target; totals add up', async (t) => {
  const teams = teamProgress(input(), calendar, '2023-09-05');
  const [one, two] = teams;
  t.same(one!.counts, { targets: 3, registered: 2, notified: 1, carriedOut: 1, concluded: 1, resultsNoticesSent: 1, teamReportsFiled: 0, overdue: 2 });
  t.same(two!.counts, { targets: 1, registered: 1, notified: 1, carriedOut: 1, concluded: 0, resultsNoticesSent: 0, teamReportsFiled: 1, overdue: 1 });
  t.same(one!.teamReport, { dueDate: '2023-08-29', filedOn: null });
  t.same(two!.teamReport, { dueDate: '2023-08-29', filedOn: '2023-08-30' }, 'filed late still counts as filed');
  t.same(
    one!.units.map((u) => [u.unitId, u.visit?.status ?? null, u.conclusion, u.resultsNoticeIssuedOn, u.overdue.length]),
    [
      ['a', 'concluded', 'published', '2023-08-25', 1],
      ['b', 'registered', null, null, 1],
      ['c', null, null, null, 0],
    ],
    'the cancelled visit leaves Xã C without a visit',
  );
  t.same(one!.units[0]!.checklist, { answered: 20, total: 20 });
  t.same(totals(teams), { targets: 4, registered: 3, notified: 2, carriedOut: 2, concluded: 1, resultsNoticesSent: 1, teamReportsFiled: 1, overdue: 3 });
  t.same(totals([two!]).targets, 1, 'totals over the teams shown only');
});
