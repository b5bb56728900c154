import t from 'tap';
import { copiedDefinition, shiftExclusive } from '../../src/campaigns/copy.js';
import { definitionSchema } from '../../src/campaigns/definition.js';
import { buildTestApp, QX, testClock } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';
import { literalCalendar, vn } from '../helpers/schedule.js';

const plain = literalCalendar({});

t.test('exclusive dates keep their distance from the window start in working days', async (t) => {
  const cal = { source: plain, target: plain };
  // Seed 001: window from Thu 03/8/2023, last day Thu 24/8 (15 working days on), registration by Mon 31/7.
  t.equal(shiftExclusive(cal, '2023-08-03', '2027-08-03', '2023-08-25'), '2027-08-25');
  t.equal(shiftExclusive(cal, '2023-08-03', '2027-08-03', '2023-08-01'), '2027-07-30', '3 working days before: Thu 29/7, so "trước ngày 30/7"');
  t.equal(shiftExclusive(cal, '2023-08-03', '2027-08-03', '2023-08-30'), '2027-08-30', 'report by Fri 27/8, so "trước ngày 30/8"');
  // Into a window that meets Tết 2024 (8–14/2 off): the window stretches past the holiday.
  const tet = { source: vn, target: vn };
  t.equal(shiftExclusive(tet, '2023-08-03', '2024-02-05', '2023-08-25'), '2024-03-05');
  t.equal(shiftExclusive(tet, '2023-08-03', '2024-02-05', '2023-08-01'), '2024-02-01');
  t.equal(shiftExclusive(tet, '2023-08-03', '2024-02-05', '2023-08-30'), '2024-03-08');
});

t.test('the copied definition keeps teams and rules, drops the plan number and local days off', async (t) => {
  const source = definitionSchema.parse({ ...miniDefinition(), calendar: { localDaysOff: [{ date: '2024-03-15', name: 'Lễ hội' }] } });
  const copy = copiedDefinition(source, { id: 'mini-2025', title: 'Kiểm tra thử 2025', windowStart: '2025-03-03' }, { source: plain, target: plain });
  t.equal(copy.id, 'mini-2025');
  t.same(copy.teams, source.teams);
  t.same(copy.units, source.units);
  t.same(copy.calendar.localDaysOff, []);
  t.same(copy.plan, { number: null, date: null, legalBasis: [] });
  t.same(copy.window, { start: '2025-03-03', endExclusive: '2025-03-31' }, 'last day Fri 28/3, so "trước ngày" the next working day');
  t.equal(source.id, 'mini-2024', 'the source is untouched');
});

t.test('POST /campaigns/{id}/copy: rehearsing the 2023 campaign in 2027, today (23/11/2026)', async (t) => {
  const test = await buildTestApp(t, { clock: testClock('2026-11-23T02:00:00Z') });
  const { app, as } = test;
  const body = { id: 'quang-xuong-2027', title: 'Diễn tập kiểm tra Đề án 06 huyện Quảng Xương (theo kế hoạch năm 2023)', windowStart: '2027-08-03' };
  const res = await app.inject({ method: 'POST', url: `/campaigns/${QX}/copy`, headers: as('office'), payload: body });
  t.equal(res.statusCode, 201);
  t.equal(res.headers.location, '/campaigns/quang-xuong-2027');
  const { campaign } = res.json();
  t.match(campaign, {
    id: 'quang-xuong-2027',
    teamCount: 5,
    targetCount: 41,
    window: { start: '2027-08-03', endExclusive: '2027-08-25' },
    rules: { registrationDeadlineExclusive: '2027-07-30', teamReportDeadlineExclusive: '2027-08-30', notice: { leadWorkingDays: 2 } },
  });
  const again = await app.inject({ method: 'POST', url: `/campaigns/${QX}/copy`, headers: as('office'), payload: body });
  t.equal(again.statusCode, 200, 'the same copy again changes nothing');
  t.equal(again.json().created, false);
  const audit = test.services.audit.list({ campaignId: 'quang-xuong-2027', limit: 5 });
  t.match(audit, [{ action: 'campaign.copy', after: { copiedFrom: QX } }]);

  const team1 = await app.inject({ method: 'GET', url: '/campaigns/quang-xuong-2027/teams/1', headers: as('office') });
  t.equal(team1.json().leader.name, 'Công an huyện');

  // The 2023 deadlines have long passed; the copy registers today without an override.
  const old = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits`,
    headers: as('office'),
    payload: { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' },
  });
  t.equal(old.statusCode, 409);
  const rehearsal = await app.inject({
    method: 'POST',
    url: '/campaigns/quang-xuong-2027/visits',
    headers: as('office'),
    payload: { teamNumber: 1, unitId: 'p-tckh', date: '2027-08-10', session: 'sang' },
  });
  t.equal(rehearsal.statusCode, 201);
  t.same(rehearsal.json().warnings, []);
});

t.test('copy refuses bad requests', async (t) => {
  const { app, as } = await buildTestApp(t);
  const copy = (payload: Record<string, unknown>, role: 'office' | 'leader' = 'office', id = QX) =>
    app.inject({ method: 'POST', url: `/campaigns/${id}/copy`, headers: as(role), payload });
  const base = { id: 'quang-xuong-2027', title: 'Bản sao', windowStart: '2027-08-03' };
  const saturday = await copy({ ...base, windowStart: '2027-08-07' });
  t.equal(saturday.statusCode, 422);
  t.equal(saturday.json().code, 'COPY_REJECTED');
  t.equal((await copy({ ...base, windowStart: '2027-02-30' })).statusCode, 400);
  for (const windowStart of ['9999-12-31', '9999-12-30', '0001-01-01']) {
    const far = await copy({ ...base, windowStart });
    t.equal(far.statusCode, 400, `${windowStart}: refused, not a 500 and not a campaign in year ${windowStart.slice(0, 4)}`);
    t.match(far.json(), { code: 'VALIDATION_FAILED', errors: [{ in: 'body', field: 'windowStart' }] });
  }
  t.equal((await copy({ ...base, id: 'Quảng Xương' })).statusCode, 400);
  t.equal((await copy({ ...base, id: QX })).statusCode, 422);
  t.equal((await copy(base, 'leader')).statusCode, 403);
  t.equal((await copy(base, 'office', 'khong-co')).statusCode, 404);
  const list = await app.inject({ method: 'GET', url: '/campaigns', headers: as('office') });
  t.same(
    list.json().map((c: { id: string }) => c.id),
    [QX],
    'nothing written',
  );
});
