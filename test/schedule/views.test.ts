import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';
import { codesOf, registerVisit } from '../helpers/schedule.js';

t.test('views by team, unit and day carry the derived deadlines', async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  for (const body of [
    { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-07', session: 'sang' },
    { teamNumber: 1, unitId: 'xa-quang-binh', date: '2023-08-07', session: 'chieu' },
    { teamNumber: 1, unitId: 'p-tnmt', date: '2023-08-17', session: 'ca-ngay' },
    { teamNumber: 2, unitId: 'bhxh', date: '2023-08-08', session: 'sang' },
  ]) {
    t.equal((await registerVisit(test, 'office', body)).statusCode, 201);
  }
  const team = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/schedule`, headers: as('leader') });
  t.equal(team.statusCode, 200);
  const body = team.json();
  t.match(body, { roundStart: '2023-08-07', roundEnd: '2023-08-17', resultsNoticeDue: '2023-08-24', teamReportDeadlineExclusive: '2023-08-30' });
  t.same(
    body.visits.map((v: { unitId: string }) => v.unitId),
    ['p-tckh', 'xa-quang-binh', 'p-tnmt'],
  );
  t.same(body.visits[0].deadlines, { latestNoticeDate: '2023-08-03', resultsNoticeDue: '2023-08-24' }, 'results count from the end of the round');
  t.same(
    body.unscheduledTargets.map((u: { unitId: string }) => u.unitId),
    ['p-ldtbxh', 'tt-tan-phong', 'xa-quang-hop', 'xa-quang-hai', 'xa-quang-thai', 'xa-quang-nhan'],
  );

  const unit = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/bhxh/schedule`, headers: as('office') });
  t.same(
    unit.json().inspected.map((v: { date: string }) => v.date),
    ['2023-08-08'],
  );
  t.same(unit.json().inspected[0].deadlines, { latestNoticeDate: '2023-08-04', resultsNoticeDue: '2023-08-15' });
  t.same(
    unit.json().awayInspecting.map((v: { date: string; session: string }) => `${v.date} ${v.session}`),
    ['2023-08-07 sang', '2023-08-07 chieu', '2023-08-17 ca-ngay'],
  );

  const days = await app.inject({ method: 'GET', url: `/campaigns/${QX}/schedule`, headers: as('secretary') });
  t.same(
    days.json().days.map((d: { date: string; weekday: string; visits: unknown[] }) => [d.date, d.weekday, d.visits.length]),
    [
      ['2023-08-07', 'Thứ Hai', 2],
      ['2023-08-08', 'Thứ Ba', 1],
      ['2023-08-17', 'Thứ Năm', 1],
    ],
  );
  const range = await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits?from=2023-08-08&to=2023-08-17&team=1`, headers: as('office') });
  t.same(
    range.json().map((v: { unitId: string }) => v.unitId),
    ['p-tnmt'],
  );

  const contract = test.services.schedule.listForTeam(QX, 2);
  t.equal(contract[0]!.unitName, 'Bảo hiểm xã hội huyện');
});

t.test('free sessions for a team and one of its targets', async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' });
  const res = await app.inject({
    method: 'GET',
    url: `/campaigns/${QX}/free-sessions?team=2&unit=bhxh&from=2023-08-10&to=2023-08-14`,
    headers: as('office'),
  });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.unitName, 'Bảo hiểm xã hội huyện');
  t.same(
    body.free.map((s: { date: string; session: string }) => `${s.date} ${s.session}`),
    ['2023-08-10 chieu', '2023-08-11 sang', '2023-08-11 chieu', '2023-08-11 ca-ngay', '2023-08-14 sang', '2023-08-14 chieu', '2023-08-14 ca-ngay'],
  );
  t.match(body.free[0], { startTime: '13:30', endTime: '17:00', warnings: [] });
  const morning = body.blocked.find((s: { date: string; session: string }) => s.date === '2023-08-10' && s.session === 'sang');
  t.same(morning.codes, ['HOST_AWAY_INSPECTING']);
  t.same(body.blocked.find((s: { date: string }) => s.date === '2023-08-12').codes, ['NOT_WORKING_DAY']);

  // Every free session really registers without an error.
  for (const s of body.free.slice(0, 2)) {
    const check = await app.inject({
      method: 'POST',
      url: `/campaigns/${QX}/visits/check`,
      headers: as('office'),
      payload: { teamNumber: 2, unitId: 'bhxh', date: s.date, session: s.session },
    });
    t.equal(check.json().ok, true, `${s.date} ${s.session}`);
  }
});

t.test('the conflict report re-checks saved visits against the calendar as it is now', async (t) => {
  const test = await buildTestApp(t);
  const { app, as, services } = test;
  const a = (await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-16', session: 'sang' })).json().visit;
  await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'xa-quang-hai', date: '2023-08-24', session: 'sang' });
  const b = (
    await registerVisit(test, 'office', {
      teamNumber: 4,
      unitId: 'p-nv',
      date: '2023-08-16',
      session: 'sang',
      override: { reason: 'Lãnh đạo Phòng Tài chính - Kế hoạch cử phó trưởng phòng tiếp đoàn 01' },
    })
  ).json().visit;
  t.same(b.overriddenCodes, ['HOST_AWAY_INSPECTING']);

  const before = await app.inject({ method: 'GET', url: `/campaigns/${QX}/conflicts`, headers: as('leader') });
  t.equal(before.statusCode, 200);
  t.equal(before.json().checkedVisits, 3);
  t.same(codesOf(before.json().conflicts), ['HOST_AWAY_INSPECTING']);
  t.equal(before.json().conflicts[0].overridden, true, 'accepted by the office');
  t.same(codesOf(before.json().warnings), ['RESULTS_AFTER_REPORT_DEADLINE']);

  // The district declares 16/8/2023 a local day off after the visits were registered.
  services.calendar.addLocalDay(systemActor('test'), QX, { date: '2023-08-16', name: 'Nghỉ phục vụ bầu cử bổ sung' });
  const after = await app.inject({ method: 'GET', url: `/campaigns/${QX}/conflicts`, headers: as('office') });
  const notWorking = after.json().conflicts.filter((f: { code: string }) => f.code === 'NOT_WORKING_DAY');
  t.same(notWorking.map((f: { visits: number[] }) => f.visits[0]).sort(), [a.id, b.id].sort());
  t.match(notWorking[0].message.vi, /Nghỉ phục vụ bầu cử bổ sung/);
  t.same(after.json().byCode, { HOST_AWAY_INSPECTING: 1, NOT_WORKING_DAY: 2, RESULTS_AFTER_REPORT_DEADLINE: 1 });

  // Today is past the notice date of the 24/8 visit and no notice was issued.
  test.clock.set('2023-08-23T02:00:00Z');
  const late = await app.inject({ method: 'GET', url: `/campaigns/${QX}/conflicts`, headers: as('office') });
  t.ok(late.json().conflicts.some((f: { code: string }) => f.code === 'NOTICE_TOO_LATE'));
});

t.test('session hours are a campaign setting; a repeated Idempotency-Key registers once', async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  const definition = { ...miniDefinition('mini-gio'), scheduling: { sessions: { sang: { start: '07:00', end: '11:00' } } } };
  t.equal((await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: definition })).statusCode, 201);
  const detail = await app.inject({ method: 'GET', url: '/campaigns/mini-gio', headers: as('office') });
  t.same(detail.json().rules.sessions, {
    sang: { start: '07:00', end: '11:00' },
    chieu: { start: '13:30', end: '17:00' },
    'ca-ngay': { start: '07:30', end: '17:00' },
  });
  const register = (key: string) =>
    app.inject({
      method: 'POST',
      url: '/campaigns/mini-gio/visits',
      headers: { ...as('office'), 'idempotency-key': key },
      payload: { teamNumber: 1, unitId: 'tp', date: '2024-03-05', session: 'sang' },
    });
  test.clock.set('2024-02-20T02:00:00Z');
  const first = await register('dang-ky-1');
  t.equal(first.statusCode, 201);
  t.match(first.json().visit, { startTime: '07:00', endTime: '11:00', place: 'Trụ sở Phòng Tư pháp' });
  const replay = await register('dang-ky-1');
  t.equal(replay.statusCode, 201);
  t.equal(replay.json().visit.id, first.json().visit.id, 'the retry gets the first answer, not a clash');
  t.equal(test.services.schedule.listForCampaign('mini-gio').length, 1);

  const reversed = { ...miniDefinition('mini-sai'), scheduling: { sessions: { chieu: { start: '17:00', end: '13:30' } } } };
  const bad = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: reversed });
  t.equal(bad.statusCode, 400);
  t.match(JSON.stringify(bad.json().errors), /scheduling\.sessions\.chieu/);
});
