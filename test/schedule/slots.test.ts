import t from 'tap';
import { defaultSessionTimes } from '../../src/campaigns/definition.js';
import { visitDeadlines } from '../../src/schedule/deadlines.js';
import { datesBetween, sessionVerdicts } from '../../src/schedule/free.js';
import { canAdvance, canCancel, canMove } from '../../src/schedule/lifecycle.js';
import { reviewVisits } from '../../src/schedule/review.js';
import { formatTime, overlaps, parseTime, resolveSlot } from '../../src/schedule/slots.js';
import { qxRules, slot, vn, world } from '../helpers/schedule.js';

t.test('sessions resolve to the campaign hours; explicit ranges must be real and forward', async (t) => {
  t.match(resolveSlot({ session: 'sang' }, defaultSessionTimes), { ok: true, session: 'sang', span: { startMinute: 450, endMinute: 690 } });
  t.match(resolveSlot({ session: 'ca-ngay' }, defaultSessionTimes), { ok: true, span: { startMinute: 450, endMinute: 1020 } });
  t.match(resolveSlot({ startTime: '08:00', endTime: '09:15' }, defaultSessionTimes), {
    ok: true,
    session: 'custom',
    span: { startMinute: 480, endMinute: 555 },
  });
  const custom = { ...defaultSessionTimes, sang: { start: '07:00', end: '11:00' } };
  t.match(resolveSlot({ session: 'sang' }, custom), { ok: true, span: { startMinute: 420, endMinute: 660 } });

  const reversed = resolveSlot({ startTime: '10:00', endTime: '09:00' }, defaultSessionTimes);
  t.match(reversed, { ok: false, issues: [{ field: 'endTime', message: /phải sau giờ bắt đầu/ }] });
  const empty = resolveSlot({ startTime: '10:00', endTime: '10:00' }, defaultSessionTimes);
  t.match(empty, { ok: false, issues: [{ field: 'endTime', message: /trống/ }] });
  t.match(resolveSlot({ session: 'custom', startTime: '10:00' }, defaultSessionTimes), { ok: false, issues: [{ field: 'endTime' }] });
  t.match(resolveSlot({}, defaultSessionTimes), { ok: false, issues: [{ field: 'session' }] });
  t.match(resolveSlot({ session: 'sang', startTime: '08:00' }, defaultSessionTimes), { ok: false, issues: [{ field: 'startTime' }] });
  t.match(resolveSlot({ startTime: '25:00', endTime: '26:00' }, defaultSessionTimes), { ok: false });
});

t.test('times and half-open overlap', async (t) => {
  t.equal(parseTime('07:30'), 450);
  t.equal(parseTime('7:30'), null);
  t.equal(formatTime(1020), '17:00');
  t.notOk(overlaps({ startMinute: 450, endMinute: 690 }, { startMinute: 690, endMinute: 800 }));
  t.ok(overlaps({ startMinute: 450, endMinute: 691 }, { startMinute: 690, endMinute: 800 }));
  t.ok(overlaps({ startMinute: 450, endMinute: 1020 }, { startMinute: 810, endMinute: 1020 }), 'cả ngày covers the afternoon');
});

t.test('deadlines: notice two working days before; results from the end of the round', async (t) => {
  t.same(visitDeadlines(qxRules, vn, '2023-08-07', null), { latestNoticeDate: '2023-08-03', resultsNoticeDue: '2023-08-14' });
  t.same(visitDeadlines(qxRules, vn, '2023-08-07', '2023-08-24'), { latestNoticeDate: '2023-08-03', resultsNoticeDue: '2023-08-31' });
  const perVisit = { ...qxRules, resultsNotice: { workingDays: 5, countFrom: 'visit' as const } };
  t.same(visitDeadlines(perVisit, vn, '2023-08-07', '2023-08-24').resultsNoticeDue, '2023-08-14');
  // The results of a visit on 28/8/2023 are due 5 working days later, skipping 1 and 4/9 (Quốc khánh).
  t.same(visitDeadlines(perVisit, vn, '2023-08-28', null).resultsNoticeDue, '2023-09-06');
});

t.test('free sessions: what a team can still take, and why the rest is blocked', async (t) => {
  const taken = [
    { ...slot(1, 'p-tckh', '2023-08-10', 'sang'), id: 1 },
    { ...slot(3, 'xa-quang-trach', '2023-08-11', 'chieu'), id: 2 },
  ];
  const verdicts = sessionVerdicts({ teamNumber: 2, unitId: 'bhxh' }, datesBetween('2023-08-10', '2023-08-12'), defaultSessionTimes, world(), taken);
  const free = verdicts.filter((v) => v.errors.length === 0).map((v) => `${v.date} ${v.session}`);
  t.same(free, ['2023-08-10 chieu', '2023-08-11 sang', '2023-08-11 chieu', '2023-08-11 ca-ngay']);
  const blocked = verdicts.filter((v) => v.errors.length > 0);
  t.same(blocked.find((v) => v.date === '2023-08-10' && v.session === 'sang')!.errors, ['HOST_AWAY_INSPECTING']);
  t.same(blocked.find((v) => v.date === '2023-08-12')!.errors, ['NOT_WORKING_DAY']);
});

t.test('a campaign-wide review reports a clash between two saved visits once', async (t) => {
  const a = { ...slot(3, 'xa-quang-trach', '2023-08-10', 'sang'), id: 1, overriddenCodes: [] };
  const b = { ...slot(4, 'xa-quang-van', '2023-08-10', 'sang'), id: 2, overriddenCodes: ['MEMBER_DOUBLE_BOOKED'] };
  const c = { ...slot(1, 'p-tckh', '2023-08-05', 'sang'), id: 3, overriddenCodes: [] };
  const d = { ...slot(2, 'bhxh', '2023-08-10', 'sang'), id: 4, status: 'cancelled' as const, overriddenCodes: [] };
  const findings = reviewVisits([a, b, c, d], world({ today: '2023-08-02' }));
  const member = findings.filter((f) => f.code === 'MEMBER_DOUBLE_BOOKED');
  t.equal(member.length, 1, 'found from both sides, reported once');
  t.same([...member[0]!.visits].sort(), [1, 2]);
  t.equal(member[0]!.overridden, true, 'team 04 registered it with an override');
  t.same(
    findings.filter((f) => f.code === 'NOT_WORKING_DAY').map((f) => f.visits),
    [[3]],
  );
  t.notOk(
    findings.some((f) => f.code === 'REGISTRATION_CLOSED'),
    'the deadline is about registering, not about saved visits',
  );
  t.notOk(
    findings.some((f) => f.visits.includes(4)),
    'cancelled visits are not reviewed',
  );
});

t.test('lifecycle', async (t) => {
  t.ok(canAdvance('registered', 'notified'));
  t.notOk(canAdvance('registered', 'carried-out'), 'a visit is notified before it is carried out');
  t.ok(canAdvance('notified', 'concluded'));
  t.notOk(canAdvance('concluded', 'notified'));
  t.ok(canCancel('carried-out'));
  t.notOk(canCancel('concluded'));
  t.ok(canMove('notified'));
  t.notOk(canMove('carried-out'));
});
