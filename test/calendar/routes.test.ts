import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { buildTestApp, QX, type TestApp } from '../helpers/app.js';

function get(ctx: TestApp, url: string, role: 'office' | 'leader' | 'unit' | 'member' | 'secretary' = 'leader') {
  return ctx.app.inject({ method: 'GET', url, headers: ctx.as(role) });
}

t.test('days in a range: working or not, reason, note, year confirmed', async (t) => {
  const ctx = await buildTestApp(t);
  const res = await get(ctx, '/calendar/days?from=2026-02-13&to=2026-02-23', 'unit');
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.days.length, 11);
  t.equal(body.workingDays, 2, 'Fri 13 and Mon 23 only');
  t.match(body.days[0], { date: '2026-02-13', weekdayName: 'Thứ Sáu', working: true, reason: 'weekday', note: null, yearConfirmed: true });
  t.match(body.days[3], {
    date: '2026-02-16',
    working: false,
    reason: 'day-off',
    note: { name: 'Nghỉ Tết Nguyên đán Bính Ngọ', status: 'confirmed', scope: 'national' },
  });
  t.match(body.years, [{ year: 2026, confirmed: true, lunarNewYear: '2026-02-17', estimatedDaysOff: [] }]);
  const saturday = await get(ctx, '/calendar/days/2026-01-10');
  t.match(saturday.json(), { working: true, reason: 'make-up-working-day', weekdayName: 'Thứ Bảy', note: { name: 'Làm bù cho ngày nghỉ 02/01/2026' } });
});

t.test('a date in 2027: the year is unconfirmed and the estimated Tết and Giỗ Tổ days are shown', async (t) => {
  const ctx = await buildTestApp(t);
  const res = await get(ctx, '/calendar/days/2027-02-08');
  t.equal(res.statusCode, 200);
  const day = res.json();
  t.match(day, {
    date: '2027-02-08',
    working: false,
    reason: 'day-off',
    yearConfirmed: false,
    note: { status: 'estimated', name: 'Nghỉ Tết Nguyên đán Đinh Mùi' },
  });
  t.equal(day.year.confirmed, false);
  t.equal(day.year.lunarNewYear, '2027-02-06');
  t.equal(day.year.hungKingsDay, '2027-04-16');
  const estimated = day.year.estimatedDaysOff;
  t.same(
    estimated.filter((d: { holiday: string }) => d.holiday === 'tet').map((d: { date: string }) => d.date),
    ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'],
  );
  t.same(
    estimated.filter((d: { holiday: string }) => d.holiday === 'hung-kings').map((d: { date: string }) => d.date),
    ['2027-04-16'],
  );
  const working = await get(ctx, '/calendar/days/2027-03-02');
  t.match(working.json(), { working: true, yearConfirmed: false, year: { confirmed: false } });
  const year = await get(ctx, '/calendar/years/2027');
  t.match(year.json(), { year: 2027, confirmed: false, source: 'none', version: 0 });
  t.equal(year.headers.etag, '"0"');
  const add = await get(ctx, '/calendar/working-days/add?date=2027-02-03&days=1');
  t.match(add.json(), { result: '2027-02-11', unconfirmedYears: [2027] });
});

t.test('adding, subtracting and counting working days', async (t) => {
  const ctx = await buildTestApp(t);
  t.match((await get(ctx, '/calendar/working-days/add?date=2026-02-23&days=-2')).json(), {
    result: '2026-02-12',
    resultDay: { weekdayName: 'Thứ Năm' },
    unconfirmedYears: [],
  });
  t.match((await get(ctx, '/calendar/working-days/add?date=2026-04-24&days=5')).json(), { result: '2026-05-06' });
  t.match((await get(ctx, '/calendar/working-days/add?date=2026-01-09&days=1')).json(), { result: '2026-01-10', resultDay: { reason: 'make-up-working-day' } });
  t.match((await get(ctx, '/calendar/working-days/count?from=2026-02-13&to=2026-02-23')).json(), { workingDays: 1 });
  t.match((await get(ctx, '/calendar/working-days/count?from=2026-02-23&to=2026-02-13')).json(), { workingDays: -1 });
});

t.test('seed 001 deadlines through the campaign: notice and results', async (t) => {
  const ctx = await buildTestApp(t);
  const notice = await get(ctx, `/calendar/deadlines/notice?campaignId=${QX}&visitDate=2023-08-03`);
  t.equal(notice.statusCode, 200);
  t.match(notice.json(), { latestNoticeDate: '2023-08-01', leadWorkingDays: 2, convention: 'on-or-before', rule: /trước ít nhất 02 ngày làm việc/ });
  const results = await get(ctx, `/calendar/deadlines/results?campaignId=${QX}&roundEnd=2023-08-24`);
  t.match(results.json(), { due: '2023-08-31', workingDays: 5, countFrom: 'round' });
  const unknown = await get(ctx, '/calendar/deadlines/notice?campaignId=khong-co&visitDate=2023-08-03', 'office');
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'CAMPAIGN_NOT_FOUND');
});

t.test('the stricter notice convention is a campaign setting', async (t) => {
  const ctx = await buildTestApp(t);
  const definition = structuredClone(ctx.services.campaigns.definition(QX));
  definition.id = 'qx-strict';
  definition.notice.convention = 'full-days-between';
  ctx.services.campaigns.importDefinition(definition, systemActor('test'));
  const res = await get(ctx, '/calendar/deadlines/notice?campaignId=qx-strict&visitDate=2023-08-03', 'office');
  t.match(res.json(), { latestNoticeDate: '2023-07-31', convention: 'full-days-between', rule: /trọn 02 ngày làm việc/ });
});

t.test('bad input: impossible dates name the field, ranges are capped, years bounded', async (t) => {
  const ctx = await buildTestApp(t);
  const impossible = await get(ctx, '/calendar/days/2023-02-30');
  t.equal(impossible.statusCode, 400);
  t.match(impossible.json(), { code: 'VALIDATION_FAILED', errors: [{ in: 'params', field: 'date', message: 'ngày không tồn tại' }] });
  const query = await get(ctx, '/calendar/working-days/add?date=2023-02-29&days=1');
  t.match(query.json().errors, [{ in: 'querystring', field: 'date' }]);
  const long = await get(ctx, '/calendar/days?from=2026-01-01&to=2027-01-02');
  t.equal(long.statusCode, 400);
  t.match(long.json().errors, [{ field: 'to', message: /tối đa 366 ngày/ }]);
  t.equal((await get(ctx, '/calendar/days?from=2026-01-01&to=2026-12-31')).statusCode, 200, 'a whole year is fine');
  t.equal((await get(ctx, '/calendar/days?from=2026-02-01&to=2026-01-01')).statusCode, 400, 'reversed range');
  t.equal((await get(ctx, '/calendar/working-days/add?date=2026-01-01&days=1000')).statusCode, 400);
  t.match((await get(ctx, '/calendar/days/1999-12-31')).json().errors, [{ field: 'date', message: /2000 đến 2099/ }]);
  t.equal((await ctx.app.inject({ method: 'GET', url: '/calendar/days/2026-01-01' })).statusCode, 401);
});

t.test('exceptions: the office adds, changes and removes; every write is audited', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, services } = ctx;
  const body = { date: '2027-04-30', kind: 'day-off', name: 'Ngày Chiến thắng', legalBasis: 'Bộ luật Lao động 2019, Điều 112' };
  const leader = await app.inject({ method: 'POST', url: '/calendar/exceptions', headers: as('leader'), payload: body });
  t.equal(leader.statusCode, 403, 'a team leader cannot write the calendar');
  const created = await app.inject({ method: 'POST', url: '/calendar/exceptions', headers: as('office'), payload: body });
  t.equal(created.statusCode, 201);
  t.equal(created.headers.location, '/calendar/exceptions/2027-04-30');
  t.equal(created.headers.etag, '"1"');
  t.match(created.json(), { source: 'office', status: 'confirmed', version: 1, updatedBy: 'test office' });
  const again = await app.inject({ method: 'POST', url: '/calendar/exceptions', headers: as('office'), payload: body });
  t.equal(again.statusCode, 409);
  t.equal(again.json().code, 'CALENDAR_DAY_EXISTS');

  const wrongKind = await app.inject({ method: 'POST', url: '/calendar/exceptions', headers: as('office'), payload: { ...body, date: '2027-05-01' } });
  t.equal(wrongKind.statusCode, 400, '1/5/2027 is a Saturday: not a day off to enter');
  t.match(wrongKind.json().errors, [{ field: 'kind', message: /Thứ Bảy/ }]);

  const change = { kind: 'day-off', name: 'Ngày Chiến thắng (30/4)', legalBasis: 'Thông báo của Bộ Nội vụ' };
  const noIfMatch = await app.inject({ method: 'PUT', url: '/calendar/exceptions/2027-04-30', headers: as('office'), payload: change });
  t.equal(noIfMatch.statusCode, 428);
  const stale = await app.inject({ method: 'PUT', url: '/calendar/exceptions/2027-04-30', headers: { ...as('office'), 'if-match': '"7"' }, payload: change });
  t.equal(stale.statusCode, 412);
  const changed = await app.inject({ method: 'PUT', url: '/calendar/exceptions/2027-04-30', headers: { ...as('office'), 'if-match': '"1"' }, payload: change });
  t.equal(changed.statusCode, 200);
  t.match(changed.json(), { name: 'Ngày Chiến thắng (30/4)', version: 2 });
  const removed = await app.inject({ method: 'DELETE', url: '/calendar/exceptions/2027-04-30', headers: { ...as('office'), 'if-match': '"2"' } });
  t.equal(removed.statusCode, 204);
  t.match(
    (await get(ctx, '/calendar/days/2027-04-30')).json(),
    { working: true, reason: 'weekday' },
    'removed: neither the office day nor the estimate under it',
  );
  const gone = await app.inject({ method: 'DELETE', url: '/calendar/exceptions/2027-04-30', headers: { ...as('office'), 'if-match': '"3"' } });
  t.equal(gone.statusCode, 404);

  const entries = services.audit.list({ limit: 20 }).filter((e) => e.entityType === 'calendar-day');
  t.same(entries.map((e) => e.action).reverse(), ['calendar.day.add', 'calendar.day.change', 'calendar.day.remove']);
  t.match(entries[2], {
    actorRole: 'office',
    actorLabel: 'test office',
    entityId: 'national:2027-04-30',
    before: { source: 'estimate', status: 'estimated' },
    after: { name: 'Ngày Chiến thắng', source: 'office' },
  });
  t.match(entries[0], { before: { name: 'Ngày Chiến thắng (30/4)' }, after: { removed: true } });
});

t.test('removing a shipped day keeps a tombstone; changing one keeps what it replaced', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as } = ctx;
  const shipped = await get(ctx, '/calendar/exceptions/2026-08-31');
  t.equal(shipped.headers.etag, '"0"');
  t.match(shipped.json(), { source: 'shipped', basisVerified: false });
  const res = await app.inject({ method: 'DELETE', url: '/calendar/exceptions/2026-08-31', headers: { ...as('office'), 'if-match': '"0"' } });
  t.equal(res.statusCode, 204);
  t.match((await get(ctx, '/calendar/days/2026-08-31')).json(), { working: true, reason: 'weekday' });
  const list = (await get(ctx, '/calendar/exceptions?year=2026')).json();
  t.notOk(list.exceptions.some((e: { date: string }) => e.date === '2026-08-31'));
  t.match(list.removed, [{ date: '2026-08-31', hides: { source: 'shipped', name: /Quốc khánh/ }, version: 1 }]);
  const change = await app.inject({
    method: 'PUT',
    url: '/calendar/exceptions/2026-01-02',
    headers: { ...as('office'), 'if-match': '"0"' },
    payload: { kind: 'day-off', name: 'Nghỉ hoán đổi Tết Dương lịch', legalBasis: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025', note: 'đã đối chiếu' },
  });
  t.match(change.json(), { source: 'office', replaces: 'shipped', note: 'đã đối chiếu', version: 1 });
  const back = await app.inject({
    method: 'POST',
    url: '/calendar/exceptions',
    headers: as('office'),
    payload: { date: '2026-08-31', kind: 'day-off', name: 'Nghỉ hoán đổi dịp Quốc khánh', legalBasis: 'Thông báo của Bộ Nội vụ' },
  });
  t.equal(back.statusCode, 201, 'a removed shipped day can be entered again');
  t.match(back.json(), { version: 2, replaces: 'shipped' });
});

t.test('entering the real Tết replaces the estimated break; confirming a year stops estimates', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as } = ctx;
  const post = (date: string) =>
    app.inject({
      method: 'POST',
      url: '/calendar/exceptions',
      headers: as('office'),
      payload: { date, kind: 'day-off', name: 'Nghỉ Tết Nguyên đán Đinh Mùi', legalBasis: 'Thông báo của Bộ Nội vụ' },
    });
  t.equal((await post('2027-02-05')).statusCode, 201, 'an estimated day may be entered with POST');
  const year = (await get(ctx, '/calendar/years/2027')).json();
  t.same(
    year.estimatedDaysOff.filter((d: { holiday: string }) => d.holiday === 'tet'),
    [],
    'the estimated Tết break gives way to the entered one',
  );
  t.ok(
    year.estimatedDaysOff.some((d: { holiday: string }) => d.holiday === 'hung-kings'),
    'Giỗ Tổ is still estimated',
  );
  t.match((await get(ctx, '/calendar/days/2027-02-04')).json(), { working: true });

  const confirm = { confirmed: true, legalBasis: 'Thông báo của Bộ Nội vụ về lịch nghỉ năm 2027', acceptEstimates: true };
  const leader = await app.inject({ method: 'PUT', url: '/calendar/years/2027', headers: { ...as('leader'), 'if-match': '"0"' }, payload: confirm });
  t.equal(leader.statusCode, 403);
  const noIfMatch = await app.inject({ method: 'PUT', url: '/calendar/years/2027', headers: as('office'), payload: confirm });
  t.equal(noIfMatch.statusCode, 428);
  const res = await app.inject({ method: 'PUT', url: '/calendar/years/2027', headers: { ...as('office'), 'if-match': '"0"' }, payload: confirm });
  t.equal(res.statusCode, 200);
  t.equal(res.headers.etag, '"1"');
  const confirmed = res.json();
  t.match(confirmed, { confirmed: true, source: 'office', estimatedDaysOff: [], legalBasis: /2027/ });
  t.ok(confirmed.exceptions.every((e: { status: string; source: string }) => e.status === 'confirmed' && e.source === 'office'));
  t.ok(
    confirmed.exceptions.some((e: { date: string }) => e.date === '2027-04-16'),
    'the accepted Giỗ Tổ estimate is now an office day',
  );
  t.match((await get(ctx, '/calendar/days/2027-04-16')).json(), { working: false, yearConfirmed: true, note: { status: 'confirmed' } });
  const audit = ctx.services.audit.list({ limit: 5 }).find((e) => e.entityType === 'calendar-year');
  t.match(audit, { action: 'calendar.year.confirm', entityId: '2027', after: { acceptedEstimates: true } });
});

t.test('local days off: a campaign-scoped office token may write them, leaders may not', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, services } = ctx;
  const scoped = services.auth.create({ role: 'office', label: 'văn phòng QX', campaignId: QX }, systemActor('test')).token;
  const headers = { authorization: `Bearer ${scoped}` };
  const day = { date: '2023-08-14', name: 'Nghỉ lễ hội địa phương', legalBasis: 'Quyết định của UBND huyện' };
  const leader = await app.inject({ method: 'POST', url: `/calendar/campaigns/${QX}/days-off`, headers: as('leader'), payload: day });
  t.equal(leader.statusCode, 403);
  const created = await app.inject({ method: 'POST', url: `/calendar/campaigns/${QX}/days-off`, headers, payload: day });
  t.equal(created.statusCode, 201);
  t.match(created.json(), { scope: 'local', campaignId: QX, kind: 'day-off', source: 'office' });
  t.match((await get(ctx, `/calendar/days/2023-08-14?campaignId=${QX}`)).json(), { working: false, note: { scope: 'local', name: 'Nghỉ lễ hội địa phương' } });
  t.match((await get(ctx, '/calendar/days/2023-08-14')).json(), { working: true }, 'the national calendar is untouched');
  t.match((await get(ctx, `/calendar/deadlines/notice?campaignId=${QX}&visitDate=2023-08-16`)).json(), { latestNoticeDate: '2023-08-11' });
  t.equal(services.calendar.forCampaign(QX).daysOff.get('2023-08-14')?.scope, 'local');

  const national = await app.inject({ method: 'POST', url: '/calendar/exceptions', headers, payload: { ...day, kind: 'day-off' } });
  t.equal(national.statusCode, 403, 'a campaign-scoped office token cannot change the national calendar');
  const other = await app.inject({ method: 'GET', url: '/calendar/campaigns/mini-2024/days-off', headers });
  t.equal(other.statusCode, 404);
  const list = (await get(ctx, `/calendar/campaigns/${QX}/days-off`)).json();
  t.match(list, { scope: 'local', campaignId: QX, exceptions: [{ date: '2023-08-14' }] });
  const removed = await app.inject({ method: 'DELETE', url: `/calendar/campaigns/${QX}/days-off/2023-08-14`, headers: { ...headers, 'if-match': '"1"' } });
  t.equal(removed.statusCode, 204);
  const audit = services.audit.list({ campaignId: QX, limit: 5 }).filter((e) => e.entityType === 'calendar-day');
  t.same(
    audit.map((e) => e.action),
    ['calendar.day.remove', 'calendar.day.add'],
  );
  t.equal(audit[0]!.actorLabel, 'văn phòng QX');
});

t.test('exception lists default to the current year and show estimates', async (t) => {
  const ctx = await buildTestApp(t);
  ctx.clock.set('2027-06-01T03:00:00Z');
  const list = (await get(ctx, '/calendar/exceptions')).json();
  t.equal(list.from, '2027-01-01');
  t.equal(list.to, '2027-12-31');
  t.ok(list.exceptions.length >= 11);
  t.ok(list.exceptions.every((e: { source: string; status: string }) => e.source === 'estimate' && e.status === 'estimated'));
});
