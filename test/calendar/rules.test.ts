import t from 'tap';
import {
  addDays,
  addWorkingDays,
  countWorkingDays,
  dayStatus,
  isIsoDate,
  isoWeekday,
  isWorkingDay,
  lastDayBefore,
  lastWorkingDayBefore,
  latestNoticeDate,
  listDays,
  resultsNoticeDue,
} from '../../src/calendar/rules.js';
import { calendarOf, REFERENCE, shippedCalendar } from '../helpers/calendar.js';

const vn = shippedCalendar();

t.test('every weekday off and every make-up Saturday of 2023–2026 matches the reference, and nothing else', async (t) => {
  for (const [year, { off, worked }] of Object.entries(REFERENCE)) {
    const offSet = new Set(off.map((d) => `${year}-${d}`));
    const workedSet = new Set(worked.map((d) => `${year}-${d}`));
    const days = listDays(vn, `${year}-01-01`, `${year}-12-31`);
    t.equal(days.length, Number(year) % 4 === 0 ? 366 : 365);
    const weekdaysOff = days.filter((d) => d.weekday <= 5 && !d.working).map((d) => d.date);
    const weekendsWorked = days.filter((d) => d.weekday >= 6 && d.working).map((d) => d.date);
    t.same(weekdaysOff, [...offSet].sort(), `${year}: weekdays off`);
    t.same(weekendsWorked, [...workedSet].sort(), `${year}: Saturdays worked`);
    for (const d of days) {
      t.equal(d.yearConfirmed, true);
      if (offSet.has(d.date)) {
        t.equal(d.reason, 'day-off', d.date);
        t.match(d.note, { status: 'confirmed', scope: 'national', name: /\S/, legalBasis: /\S/ }, `${d.date} has a name and a legal basis`);
      }
      if (workedSet.has(d.date)) t.match(d, { reason: 'make-up-working-day', weekday: 6, note: { name: /^Làm bù/ } });
    }
  }
});

t.test('names say what the day is', async (t) => {
  t.equal(dayStatus(vn, '2026-04-27').note?.name, 'Nghỉ bù Giỗ Tổ Hùng Vương');
  t.equal(dayStatus(vn, '2024-02-12').note?.name, 'Nghỉ Tết Nguyên đán Giáp Thìn');
  t.equal(dayStatus(vn, '2023-01-02').note?.name, 'Nghỉ bù Tết Dương lịch');
  t.match(dayStatus(vn, '2026-01-02').note?.legalBasis, /12729\/VPCP-KGVX ngày 25\/12\/2025/);
  t.match(dayStatus(vn, '2026-01-01').note?.legalBasis, /Bộ luật Lao động 2019, Điều 112/);
});

t.test('the worked examples of calendar-vn.md', async (t) => {
  t.equal(addWorkingDays(vn, '2026-02-23', -2), '2026-02-12', '2 before Mon 23/2/2026 skips Tết');
  t.equal(addWorkingDays(vn, '2026-04-24', 5), '2026-05-06', '5 after Fri 24/4/2026 skips 27/4, 30/4, 1/5');
  t.equal(addWorkingDays(vn, '2026-01-09', 1), '2026-01-10', '1 after Fri 9/1/2026 is the make-up Saturday');
  t.equal(isoWeekday('2026-01-10'), 6);
});

t.test('seed 001 (Quảng Xương 2023)', async (t) => {
  t.equal(lastDayBefore('2023-08-25'), '2023-08-24', 'last visit day: "kết thúc trước ngày 25/8/2023"');
  t.equal(lastWorkingDayBefore(vn, '2023-08-25'), '2023-08-24');
  t.equal(lastDayBefore('2023-08-01'), '2023-07-31', 'registration: "trước ngày 01/8/2023"');
  t.equal(lastDayBefore('2023-08-30'), '2023-08-29', 'team report: "trước ngày 30/8/2023"');
  t.equal(latestNoticeDate(vn, '2023-08-03', 2), '2023-08-01', 'notice for a visit on Thu 3/8');
  t.equal(resultsNoticeDue(vn, '2023-08-24', 5), '2023-08-31', 'results for a round ending Thu 24/8');
  t.equal(resultsNoticeDue(vn, '2023-08-25', 5), '2023-09-05', 'one day later, 1/9 and 4/9 are off');
  t.ok(isWorkingDay(vn, '2023-08-03'));
});

t.test('both notice conventions', async (t) => {
  // Visit Thursday 3/8/2023: on-or-before allows Tuesday 1/8 (visit − 2 working days); two whole
  // working days between issue and visit (Tue 1, Wed 2) means issuing on Monday 31/7.
  t.equal(latestNoticeDate(vn, '2023-08-03', 2, 'on-or-before'), '2023-08-01');
  t.equal(latestNoticeDate(vn, '2023-08-03', 2, 'full-days-between'), '2023-07-31');
  t.equal(countWorkingDays(vn, '2023-07-31', '2023-08-03') - 1, 2, 'two whole working days between');
  // Across Tết 2026: a visit on Tue 24/2/2026.
  t.equal(latestNoticeDate(vn, '2026-02-24', 2, 'on-or-before'), '2026-02-13');
  t.equal(latestNoticeDate(vn, '2026-02-24', 2, 'full-days-between'), '2026-02-12');
  t.equal(latestNoticeDate(vn, '2026-02-24', 0), '2026-02-24', 'no lead time: the visit day itself');
});

t.test('adding and counting around weekends, make-up days and breaks', async (t) => {
  t.equal(addWorkingDays(vn, '2026-02-13', 1), '2026-02-23', 'Fri before Tết → Mon after');
  t.equal(addWorkingDays(vn, '2026-02-18', -1), '2026-02-13', 'from inside Tết back to the Friday before');
  t.equal(addWorkingDays(vn, '2026-02-18', 0), '2026-02-23', '0 from a day off: the next working day');
  t.equal(addWorkingDays(vn, '2026-02-23', 0), '2026-02-23', '0 from a working day: itself');
  t.equal(addWorkingDays(vn, '2023-08-19', 1), '2023-08-21', '1 after a Saturday is the Monday (counting starts the next day)');
  t.equal(addWorkingDays(vn, '2024-05-03', 1), '2024-05-04', 'make-up Saturday 4/5/2024');
  t.equal(addWorkingDays(vn, '2024-04-26', 1), '2024-05-02', '29/4–1/5/2024 off');
  t.equal(countWorkingDays(vn, '2026-02-13', '2026-02-23'), 1);
  t.equal(countWorkingDays(vn, '2026-02-23', '2026-02-13'), -1, 'reversed range counts negative');
  t.equal(countWorkingDays(vn, '2026-01-09', '2026-01-12'), 2, 'Sat 10/1 and Mon 12/1');
  t.equal(countWorkingDays(vn, '2023-01-01', '2023-12-31'), 260 - 11, '2023: 260 weekdays, 11 off');
  t.equal(countWorkingDays(vn, '2026-01-01', '2026-12-31'), 261 - 13 + 2, '2026: 261 weekdays − 13 off + 2 Saturdays worked');
  t.throws(() => addWorkingDays(vn, '2026-01-01', 1.5), RangeError);
});

t.test('day status explains itself', async (t) => {
  t.match(dayStatus(vn, '2026-02-17'), { working: false, reason: 'day-off', weekday: 2, yearConfirmed: true });
  t.match(dayStatus(vn, '2026-02-21'), { working: false, reason: 'weekend', note: null });
  t.match(dayStatus(vn, '2026-08-22'), { working: true, reason: 'make-up-working-day' });
  t.match(dayStatus(vn, '2026-03-02'), { working: true, reason: 'weekday', note: null });
  t.match(dayStatus(vn, '2027-03-02'), { working: true, yearConfirmed: false });
  t.match(dayStatus(vn, '2027-02-08'), { working: false, reason: 'day-off', note: { status: 'estimated' }, yearConfirmed: false });
});

t.test('impossible dates are refused, not rolled over', async (t) => {
  t.notOk(isIsoDate('2023-02-30'));
  t.notOk(isIsoDate('2023-2-3'));
  t.notOk(isIsoDate('2100-02-29'));
  t.ok(isIsoDate('2024-02-29'));
  t.ok(isIsoDate('2000-02-29'));
  t.throws(() => dayStatus(vn, '2023-02-30'), { message: /not an ISO date: 2023-02-30/ });
  t.throws(() => addDays('2023-13-01', 1), RangeError);
  t.equal(addDays('2024-02-28', 1), '2024-02-29');
  t.equal(addDays('2023-12-31', 1), '2024-01-01');
  t.equal(addDays('2024-03-01', -1), '2024-02-29');
});

t.test('a calendar with no working day for 60 days is an error, not an endless loop', async (t) => {
  const off: string[] = [];
  for (let d = '2030-01-01'; d <= '2030-06-30'; d = addDays(d, 1)) if (isoWeekday(d) <= 5) off.push(d);
  const broken = calendarOf(off);
  t.throws(() => addWorkingDays(broken, '2030-01-01', 1), { message: /no working day within 60 days/ });
});

t.test('local days off and weekends-only calendars', async (t) => {
  const plain = calendarOf([], [], [2023]);
  t.equal(addWorkingDays(plain, '2023-09-01', 1), '2023-09-04', 'without the data, 1–4/9/2023 would look like working days');
  t.equal(addWorkingDays(vn, '2023-09-01', 1), '2023-09-05');
  const local = calendarOf(['2023-08-14']);
  t.equal(addWorkingDays(local, '2023-08-11', 1), '2023-08-15');
});
