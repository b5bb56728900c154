import t from 'tap';
import { buildTestApp, testClock } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';

// Issue 15, item 10: a deadline whose last day is a day off is shown with the last working day before
// it; targets still without a date after the registration deadline are listed by the campaign-wide
// review (GET …/conflicts) and by progress.

const ID = 'mini-may-2024';

function definition() {
  const d = miniDefinition(ID);
  d.window = { start: '2024-05-21', endExclusive: '2024-06-14' };
  d.registration = { deadlineExclusive: '2024-05-20' }; // the last day, 19/5/2024, is a Sunday
  d.teamReport = { deadlineExclusive: '2024-06-17' }; // the last day, 16/6/2024, is a Sunday
  return d;
}

t.test('deadlines, the review and progress before and after "trước ngày 20/5/2024"', async (t) => {
  const clock = testClock('2024-05-10T02:00:00Z');
  const { app, as } = await buildTestApp(t, { clock });
  const loaded = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: definition() });
  t.equal(loaded.statusCode, 201, loaded.body);

  const detail = (await app.inject({ method: 'GET', url: `/campaigns/${ID}`, headers: as('office') })).json();
  t.match(detail.deadlines.registration, {
    before: '2024-05-20',
    lastDay: '2024-05-19',
    lastWorkingDay: '2024-05-17',
    lastDayIsWorkingDay: false,
    note: { vi: /ngày làm việc cuối cùng trước hạn là Thứ Sáu, ngày 17\/5\/2024/ },
  });
  t.match(detail.deadlines.teamReport, { lastDay: '2024-06-16', lastWorkingDay: '2024-06-14', lastDayIsWorkingDay: false });
  t.match(detail.deadlines.window, { before: '2024-06-14', lastDay: '2024-06-13', lastWorkingDay: '2024-06-13', note: null });
  const team = (await app.inject({ method: 'GET', url: `/campaigns/${ID}/teams/1/schedule`, headers: as('office') })).json();
  t.match(team.teamReportDeadline, { lastWorkingDay: '2024-06-14' });

  const visit = await app.inject({
    method: 'POST',
    url: `/campaigns/${ID}/visits`,
    headers: as('office'),
    payload: { teamNumber: 1, unitId: 'tp', date: '2024-05-22', session: 'sang' },
  });
  t.equal(visit.statusCode, 201, visit.body);

  const conflicts = async () => (await app.inject({ method: 'GET', url: `/campaigns/${ID}/conflicts`, headers: as('office') })).json();
  const progress = async () => (await app.inject({ method: 'GET', url: `/campaigns/${ID}/progress`, headers: as('office') })).json();

  clock.set('2024-05-17T09:00:00Z'); // Friday, the last working day: still open
  t.match((await conflicts()).registration, { closed: false, unscheduledTargets: [] });
  t.same(
    (await progress()).overdue.filter((o: { kind: string }) => o.kind === 'registration'),
    [],
  );

  clock.set('2024-05-20T02:00:00Z'); // Monday: closed
  const after = await conflicts();
  t.match(after.registration, { closed: true, deadline: { lastWorkingDay: '2024-05-17' } });
  t.same(after.registration.unscheduledTargets, [
    { teamNumber: 1, unitId: 'xa-a', name: 'Xã An' },
    { teamNumber: 2, unitId: 'xa-b', name: 'Xã Bình' },
  ]);
  const report = await progress();
  t.match(report.registration, { closed: true, unscheduledTargets: [{ unitId: 'xa-a' }, { unitId: 'xa-b' }] });
  const late = report.overdue.filter((o: { kind: string }) => o.kind === 'registration');
  t.match(late, [
    { kind: 'registration', label: 'Chưa đăng ký lịch kiểm tra', teamNumber: 1, unitId: 'xa-a', dueDate: '2024-05-19', workingDaysLate: 1 },
    { kind: 'registration', teamNumber: 2, unitId: 'xa-b', dueDate: '2024-05-19' },
  ]);
  t.equal(report.totals.overdue, 2);
  t.match(report.teams[0].units.find((u: { unitId: string }) => u.unitId === 'xa-a').overdue, [{ kind: 'registration' }]);
});
