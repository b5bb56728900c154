import t from 'tap';
import { buildTestApp, QX } from '../helpers/app.js';
import { codesOf, headersFor, registerVisit } from '../helpers/schedule.js';

// Seed 001 (Quảng Xương 2023) with the clock at 2023-07-20, before the registration deadline.

async function visitCount(test: Awaited<ReturnType<typeof buildTestApp>>) {
  const res = await test.app.inject({ method: 'GET', url: `/campaigns/${QX}/visits`, headers: test.as('office') });
  return res.json().length as number;
}

t.test('team 02 at Bảo hiểm xã hội huyện while team 01 is out: HOST_AWAY_INSPECTING', async (t) => {
  const test = await buildTestApp(t);
  const first = await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' });
  t.equal(first.statusCode, 201);
  const team2 = headersFor(test, 'leader', { teamNumber: 2 });
  const res = await test.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits`,
    headers: team2,
    payload: { teamNumber: 2, unitId: 'bhxh', date: '2023-08-10', startTime: '09:00', endTime: '10:30' },
  });
  t.equal(res.statusCode, 409);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  const body = res.json();
  t.equal(body.code, 'VISIT_CLASH');
  t.same(codesOf(body.clashes), ['HOST_AWAY_INSPECTING']);
  t.same(body.clashes[0].visits, [first.json().visit.id]);
  t.same(body.clashes[0].units, ['bhxh']);
  t.match(body.clashes[0].message.vi, /Bảo hiểm xã hội huyện là thành viên Đoàn 01/);
  t.equal(body.overridable, false, 'a leader cannot override');
  t.equal(await visitCount(test), 1, 'nothing written');

  const afternoon = await test.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits`,
    headers: team2,
    payload: { teamNumber: 2, unitId: 'bhxh', date: '2023-08-10', session: 'chieu' },
  });
  t.equal(afternoon.statusCode, 201, 'the afternoon is free');
});

t.test('teams 03 and 04 out in the same session: MEMBER_DOUBLE_BOOKED (Hội Nông dân huyện)', async (t) => {
  const test = await buildTestApp(t);
  t.equal((await registerVisit(test, 'office', { teamNumber: 3, unitId: 'xa-quang-trach', date: '2023-08-15', session: 'sang' })).statusCode, 201);
  const res = await registerVisit(test, 'office', { teamNumber: 4, unitId: 'xa-quang-van', date: '2023-08-15', session: 'sang' });
  t.equal(res.statusCode, 409);
  const [clash] = res.json().clashes;
  t.equal(clash.code, 'MEMBER_DOUBLE_BOOKED');
  t.same(clash.units, ['hoi-nd']);
  t.same(clash.teams, [4, 3]);
  t.match(clash.message.vi, /Hội Nông dân huyện ở cả Đoàn 04 và Đoàn 03/);
  t.match(clash.message.en, /cannot be in two places/);
  t.equal(res.json().overridable, true, 'the office could override with a reason');
});

t.test('2023-08-25 is outside the window; 2023-08-05 is a Saturday', async (t) => {
  const test = await buildTestApp(t);
  const late = await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-25', session: 'sang' });
  t.equal(late.statusCode, 409);
  t.same(codesOf(late.json().clashes), ['OUTSIDE_WINDOW']);
  const saturday = await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-05', session: 'sang' });
  t.equal(saturday.statusCode, 409);
  t.same(codesOf(saturday.json().clashes), ['NOT_WORKING_DAY']);
  t.match(saturday.json().clashes[0].message.vi, /Thứ Bảy, ngày 05\/8\/2023/);
  t.equal(await visitCount(test), 0);
});

t.test('on 2023-08-01 registration is closed unless the office overrides with a reason', async (t) => {
  const test = await buildTestApp(t);
  test.clock.set('2023-08-01T01:00:00Z');
  const body = { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-14', session: 'chieu' };
  const leader = await registerVisit(test, 'leader', body);
  t.equal(leader.statusCode, 409);
  t.same(codesOf(leader.json().clashes), ['REGISTRATION_CLOSED']);

  const leaderOverride = await registerVisit(test, 'leader', { ...body, override: { reason: 'Trưởng đoàn xin đăng ký muộn' } });
  t.equal(leaderOverride.statusCode, 403);
  t.equal(leaderOverride.json().code, 'OVERRIDE_FORBIDDEN');

  const office = await registerVisit(test, 'office', body);
  t.equal(office.statusCode, 409, 'the office too needs a written reason');

  const reason = 'Đoàn 01 gửi lịch ngày 31/7 nhưng văn bản đến muộn; cơ quan thường trực chấp thuận';
  const overridden = await registerVisit(test, 'office', { ...body, override: { reason } });
  t.equal(overridden.statusCode, 201);
  const { visit, overridden: accepted } = overridden.json();
  t.same(visit.overriddenCodes, ['REGISTRATION_CLOSED']);
  t.equal(visit.overrideReason, reason);
  t.same(codesOf(accepted), ['REGISTRATION_CLOSED']);
  t.equal(accepted[0].overridden, true);

  const history = await test.app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${visit.id}/history`, headers: test.as('office') });
  t.match(history.json(), [{ action: 'register.override', reason, actor: 'test office' }]);
  const audit = test.services.audit.list({ campaignId: QX, visitId: visit.id, limit: 10 });
  t.match(audit, [{ action: 'visit.register.override', reason, actorRole: 'office' }]);
});

t.test('a visit on 2023-08-24 is created with the RESULTS_AFTER_REPORT_DEADLINE warning', async (t) => {
  const test = await buildTestApp(t);
  const res = await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'xa-quang-hai', date: '2023-08-24', session: 'ca-ngay' });
  t.equal(res.statusCode, 201);
  const { visit, warnings } = res.json();
  t.same(codesOf(warnings), ['RESULTS_AFTER_REPORT_DEADLINE']);
  t.equal(warnings[0].severity, 'warning');
  t.match(warnings[0].message.vi, /đến hạn ngày 31\/8\/2023/);
  t.same(visit.deadlines, { latestNoticeDate: '2023-08-22', resultsNoticeDue: '2023-08-31' });
  t.equal(visit.place, 'Trụ sở UBND xã Quảng Hải');
  t.equal(visit.status, 'registered');
  t.equal(res.headers.location, `/campaigns/${QX}/visits/${visit.id}`);
  t.equal(res.headers.etag, '"1"');
});

t.test('a dry run reports the same findings and writes nothing', async (t) => {
  const test = await buildTestApp(t);
  await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' });
  const check = await test.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/check`,
    headers: test.as('office'),
    payload: { teamNumber: 2, unitId: 'bhxh', date: '2023-08-10', session: 'ca-ngay' },
  });
  t.equal(check.statusCode, 200);
  t.match(check.json(), { ok: false, slot: { session: 'ca-ngay', startTime: '07:30', endTime: '17:00' } });
  t.same(codesOf(check.json().errors), ['HOST_AWAY_INSPECTING']);
  const fine = await test.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/check`,
    headers: test.as('leader'),
    payload: { teamNumber: 1, unitId: 'p-tnmt', date: '2023-08-24', session: 'chieu' },
  });
  t.match(fine.json(), { ok: true, errors: [] });
  t.same(codesOf(fine.json().warnings), ['RESULTS_AFTER_REPORT_DEADLINE']);
  t.equal(await visitCount(test), 1);
});
