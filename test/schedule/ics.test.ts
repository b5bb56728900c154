import ICAL from 'ical.js';
import { Writable } from 'node:stream';
import t from 'tap';
import { buildCalendar, escapeText, foldLine } from '../../src/schedule/ics.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { registerVisit } from '../helpers/schedule.js';

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((e) => ({ event: new ICAL.Event(e), component: e })),
  };
}

t.test('lines fold at 75 octets without splitting a Vietnamese letter; text is escaped', async (t) => {
  const line = `SUMMARY:${'Đoàn kiểm tra số 01 làm việc với Ủy ban nhân dân xã Quảng Bình, '.repeat(3)}`;
  const folded = foldLine(line);
  for (const part of folded.split('\r\n')) t.ok(Buffer.byteLength(part) <= 75, `${Buffer.byteLength(part)} octets`);
  t.equal(folded.replace(/\r\n /g, ''), line);
  t.equal(escapeText('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne');
});

t.test('a zone with daylight saving is written in UTC instead of a TZID', async (t) => {
  const text = buildCalendar({
    name: 'Thử',
    timeZone: 'Europe/Paris',
    events: [
      {
        uid: 'visit-1@x',
        sequence: 0,
        cancelled: false,
        date: '2023-08-10',
        startMinute: 450,
        endMinute: 690,
        summary: 'S',
        location: 'L',
        description: 'D',
        updatedAt: '2023-07-20T02:00:00.000Z',
        createdAt: '2023-07-20T02:00:00.000Z',
      },
    ],
  });
  t.notMatch(text, /VTIMEZONE/);
  t.match(text, /DTSTART:20230810T053000Z/, '07:30 in Paris (UTC+2 in August)');
});

t.test('the .ics feeds parse with ical.js and show the local times', async (t) => {
  const test = await buildTestApp(t);
  const { app, as, tokens } = test;
  const morning = (await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' })).json().visit;
  const custom = (
    await registerVisit(test, 'leader', {
      teamNumber: 1,
      unitId: 'xa-quang-binh',
      date: '2023-08-11',
      startTime: '14:00',
      endTime: '16:30',
      place: 'Hội trường UBND xã Quảng Bình, thôn 3; tầng 2',
    })
  ).json().visit;
  const gone = (await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tnmt', date: '2023-08-14', session: 'ca-ngay' })).json().visit;
  await app.inject({
    method: 'PATCH',
    url: `/campaigns/${QX}/visits/${morning.id}`,
    headers: { ...as('leader'), 'if-match': '"1"' },
    payload: { session: 'chieu' },
  });
  await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/${gone.id}/cancel`,
    headers: { ...as('leader'), 'if-match': '"1"' },
    payload: { reason: 'Lùi lịch' },
  });

  const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/calendar.ics`, headers: as('leader') });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'text/calendar; charset=utf-8');
  t.match(res.body, /^BEGIN:VCALENDAR\r\n/);
  const parsed = events(res.body);
  t.equal(parsed.calendar.getFirstPropertyValue('x-wr-calname'), 'Lịch kiểm tra - Đoàn 01');
  const byUid = new Map(parsed.events.map((e) => [e.event.uid, e]));
  t.same([...byUid.keys()].sort(), [`visit-${custom.id}@${QX}`, `visit-${gone.id}@${QX}`, `visit-${morning.id}@${QX}`].sort());

  const moved = byUid.get(`visit-${morning.id}@${QX}`)!;
  t.equal(moved.event.startDate.toString(), '2023-08-10T13:30:00');
  t.equal(moved.event.endDate.toString(), '2023-08-10T17:00:00');
  t.equal(moved.event.startDate.zone.tzid, 'Asia/Ho_Chi_Minh');
  t.equal(moved.event.startDate.toJSDate().toISOString(), '2023-08-10T06:30:00.000Z', '13:30 in Hà Nội is 06:30 UTC');
  t.equal(moved.event.sequence, 1, 'SEQUENCE grows with the move');
  t.equal(moved.event.summary, 'Đoàn 01 kiểm tra Phòng Tài chính - Kế hoạch');
  t.match(moved.event.description, /Hạn ban hành thông báo kiểm tra: 08\/8\/2023/);

  const withPlace = byUid.get(`visit-${custom.id}@${QX}`)!;
  t.equal(withPlace.event.location, 'Hội trường UBND xã Quảng Bình, thôn 3; tầng 2');
  t.equal(withPlace.event.startDate.toString(), '2023-08-11T14:00:00');
  t.equal(withPlace.event.endDate.toString(), '2023-08-11T16:30:00');

  const cancelled = byUid.get(`visit-${gone.id}@${QX}`)!;
  t.equal(cancelled.component.getFirstPropertyValue('status'), 'CANCELLED');
  t.equal(cancelled.event.sequence, 1);

  const again = await app.inject({
    method: 'GET',
    url: `/campaigns/${QX}/teams/1/calendar.ics`,
    headers: { ...as('leader'), 'if-none-match': res.headers.etag as string },
  });
  t.equal(again.statusCode, 304, 'calendar apps polling an unchanged feed get 304');

  const campaign = await app.inject({ method: 'GET', url: `/campaigns/${QX}/calendar.ics?token=${tokens.office}` });
  t.equal(campaign.statusCode, 200, '?token= works on .ics routes');
  t.equal(events(campaign.body).events.length, 3);
});

t.test('?token= is accepted only on .ics routes and never logged', async (t) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const test = await buildTestApp(t, { deps: { logger: { level: 'info', stream } } });
  const { app, tokens } = test;
  await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' });

  const unit = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/p-tckh/calendar.ics?token=${tokens.unit}` });
  t.equal(unit.statusCode, 200);
  t.equal(events(unit.body).events.length, 1);
  const otherUnit = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/bhxh/calendar.ics?token=${tokens.unit}` });
  t.equal(otherUnit.statusCode, 404, "an inspected unit cannot read another unit's feed");
  const notIcs = await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits?token=${tokens.office}` });
  t.equal(notIcs.statusCode, 401, 'other routes ignore ?token=');
  const wrong = await app.inject({ method: 'GET', url: `/campaigns/${QX}/calendar.ics?token=not-a-token` });
  t.equal(wrong.statusCode, 401);
  const member = await app.inject({ method: 'GET', url: `/campaigns/${QX}/calendar.ics?token=${tokens.member}` });
  t.equal(member.statusCode, 403, 'the campaign-wide feed is for the office, leaders and secretaries');

  const log = lines.join('');
  t.match(log, /calendar\.ics\?token=\[redacted\]/, 'the request line is logged without the token');
  for (const token of [tokens.unit, tokens.office, tokens.member]) t.notOk(log.includes(token), 'no token in the logs');
});
