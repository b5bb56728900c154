import t from 'tap';
import { buildTestApp, QX } from '../helpers/app.js';
import { registerVisit } from '../helpers/schedule.js';

const good = { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' };

t.test('bad input is refused with problem+json naming the problem, and nothing is written', async (t) => {
  const test = await buildTestApp(t);
  const cases: { name: string; role?: 'office' | 'leader'; body: Record<string, unknown>; status: number; code: string; field?: string }[] = [
    { name: 'an impossible date', body: { ...good, date: '2023-02-30' }, status: 400, code: 'VALIDATION_FAILED', field: 'date' },
    { name: 'a date in another format', body: { ...good, date: '10/8/2023' }, status: 400, code: 'VALIDATION_FAILED', field: 'date' },
    {
      name: 'a reversed time range',
      body: { ...good, session: undefined, startTime: '10:00', endTime: '08:00' },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'endTime',
    },
    {
      name: 'an empty time range',
      body: { ...good, session: 'custom', startTime: '09:00', endTime: '09:00' },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'endTime',
    },
    {
      name: 'an impossible time',
      body: { ...good, session: undefined, startTime: '24:30', endTime: '25:00' },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'startTime',
    },
    { name: 'an unknown session', body: { ...good, session: 'toi' }, status: 400, code: 'VALIDATION_FAILED', field: 'session' },
    { name: 'no session and no times', body: { ...good, session: undefined }, status: 400, code: 'VALIDATION_FAILED', field: 'session' },
    { name: 'times with a named session', body: { ...good, startTime: '08:00', endTime: '09:00' }, status: 400, code: 'VALIDATION_FAILED', field: 'startTime' },
    { name: 'a team number that is not a number', body: { ...good, teamNumber: 'một' }, status: 400, code: 'VALIDATION_FAILED', field: 'teamNumber' },
    {
      name: 'an override without a real reason',
      role: 'office',
      body: { ...good, override: { reason: 'ok' } },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'override.reason',
    },
    { name: 'an unknown team', role: 'office', body: { ...good, teamNumber: 9 }, status: 404, code: 'TEAM_NOT_FOUND' },
    { name: 'an unknown unit', body: { ...good, unitId: 'khong-co' }, status: 404, code: 'UNIT_NOT_FOUND' },
    { name: "another team's target", body: { ...good, unitId: 'bhxh' }, status: 422, code: 'NOT_TEAM_TARGET' },
    { name: 'a unit that is never inspected', body: { ...good, unitId: 'ca-huyen' }, status: 422, code: 'NOT_TEAM_TARGET' },
  ];
  for (const c of cases) {
    const res = await registerVisit(test, c.role ?? 'leader', c.body);
    t.equal(res.statusCode, c.status, c.name);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', c.name);
    const body = res.json();
    t.equal(body.code, c.code, c.name);
    if (c.field)
      t.ok(
        body.errors.some((e: { field: string }) => e.field === c.field),
        `${c.name}: names ${c.field} (${body.detail})`,
      );
  }
  const notTarget = await registerVisit(test, 'leader', { ...good, unitId: 'bhxh' });
  t.match(notTarget.json().detail, /Bảo hiểm xã hội huyện không thuộc danh sách đơn vị được Đoàn 01 kiểm tra/);
  const list = await test.app.inject({ method: 'GET', url: `/campaigns/${QX}/visits`, headers: test.as('office') });
  t.same(list.json(), [], 'nothing written');
  t.equal(test.services.audit.list({ campaignId: QX, limit: 50 }).filter((a) => a.action.startsWith('visit.')).length, 0);
});

t.test('bad ids, patches and ranges', async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  const visit = (await registerVisit(test, 'leader', good)).json().visit;
  const url = `/campaigns/${QX}/visits/${visit.id}`;
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/abc`, headers: as('office') })).statusCode, 400);
  const missing = await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/9999`, headers: as('office') });
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().code, 'VISIT_NOT_FOUND');
  const campaign = await app.inject({ method: 'GET', url: `/campaigns/khong-co/visits`, headers: as('office') });
  t.equal(campaign.json().code, 'CAMPAIGN_NOT_FOUND');
  const empty = await app.inject({ method: 'PATCH', url, headers: { ...as('leader'), 'if-match': '"1"' }, payload: {} });
  t.equal(empty.statusCode, 400);
  const reversed = await app.inject({ method: 'PATCH', url, headers: { ...as('leader'), 'if-match': '"1"' }, payload: { endTime: '07:00' } });
  t.equal(reversed.statusCode, 400);
  t.match(reversed.json().errors, [{ field: 'endTime' }]);
  const badDate = await app.inject({ method: 'PATCH', url, headers: { ...as('leader'), 'if-match': '"1"' }, payload: { date: '2023-02-29' } });
  t.equal(badDate.statusCode, 400, '2023 is not a leap year');
  const badStatus = await app.inject({
    method: 'POST',
    url: `${url}/status`,
    headers: { ...as('leader'), 'if-match': '"1"' },
    payload: { status: 'cancelled' },
  });
  t.equal(badStatus.statusCode, 400, 'cancelling has its own route, with a reason');
  const after = await app.inject({ method: 'GET', url, headers: as('leader') });
  t.match(after.json(), { version: 1, date: '2023-08-10', session: 'sang' }, 'nothing changed');

  const free = (q: string) => app.inject({ method: 'GET', url: `/campaigns/${QX}/free-sessions?${q}`, headers: as('leader') });
  t.equal((await free('team=1&unit=p-tckh&from=2023-08-20&to=2023-08-10')).statusCode, 400);
  const long = await free('team=1&unit=p-tckh&from=2023-01-01&to=2023-12-31');
  t.equal(long.statusCode, 400);
  t.equal(long.json().code, 'RANGE_TOO_LONG');
  t.equal((await free('team=1&unit=bhxh&from=2023-08-10&to=2023-08-11')).statusCode, 422);
  t.equal((await free('team=1&unit=p-tckh&from=2023-08-32&to=2023-09-01')).statusCode, 400);
});

t.test('free sessions: the range is checked before it is walked, and bounded by the campaign window', async (t) => {
  const test = await buildTestApp(t);
  const free = (q: string) => test.app.inject({ method: 'GET', url: `/campaigns/${QX}/free-sessions?${q}`, headers: test.as('leader') });
  for (const to of ['9999-12-30', '9999-12-31']) {
    const started = performance.now();
    const endless = await free(`team=1&unit=p-tckh&from=0001-01-01&to=${to}`);
    const took = performance.now() - started;
    t.equal(endless.statusCode, 400, `0001-01-01 … ${to}`);
    t.match(endless.json(), {
      code: 'VALIDATION_FAILED',
      errors: [
        { in: 'querystring', field: 'from' },
        { in: 'querystring', field: 'to' },
      ],
    });
    t.ok(took < 500, `refused before walking 3.6 million days (${Math.round(took)} ms)`);
  }
  const century = await free('team=1&unit=p-tckh&from=2000-01-01&to=2099-12-31');
  t.match(century.json(), { status: 400, code: 'RANGE_TOO_LONG', errors: [{ in: 'querystring', field: 'to' }] });
  t.match(century.json().detail, /36525 ngày/);
  const endOfTime = await free('team=1&unit=p-tckh&from=9999-12-30&to=9999-12-31');
  t.equal(endOfTime.statusCode, 400, 'the last days of year 9999: a 400, not a 500');
  t.match(endOfTime.json().errors, [
    { in: 'querystring', field: 'from' },
    { in: 'querystring', field: 'to' },
  ]);
  const elsewhere = await free('team=1&unit=p-tckh&from=2030-03-04&to=2030-03-08');
  t.equal(elsewhere.statusCode, 400, 'a range that misses the window');
  t.match(elsewhere.json(), {
    code: 'RANGE_OUTSIDE_WINDOW',
    errors: [
      { in: 'querystring', field: 'from' },
      { in: 'querystring', field: 'to' },
    ],
  });
  t.match(elsewhere.json().detail, /03\/8\/2023.*24\/8\/2023/);
  const overlapping = await free('team=1&unit=p-tckh&from=2023-07-31&to=2023-08-04');
  t.equal(overlapping.statusCode, 200);
  t.match(overlapping.json(), { from: '2023-08-03', to: '2023-08-04' }, 'the part of the range inside the window');
  const dates = [...overlapping.json().free, ...overlapping.json().blocked].map((s: { date: string }) => s.date);
  t.same([...new Set(dates)].sort(), ['2023-08-03', '2023-08-04']);
  const lastDay = await free('team=1&unit=p-tckh&from=2023-08-24&to=2023-09-30');
  t.match(lastDay.json(), { from: '2023-08-24', to: '2023-08-24' }, 'the window ends before 25/8');
});
