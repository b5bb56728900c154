import fc from 'fast-check';
import t from 'tap';
import { addDays, addWorkingDays, countWorkingDays, isWorkingDay, latestNoticeDate } from '../../src/calendar/rules.js';
import { shippedCalendar } from '../helpers/calendar.js';

// Random dates over 2022–2028: the four published years, the estimated ones around them, and the
// weekends-only ones (2022 is unconfirmed: estimated).
const vn = shippedCalendar();
const date = fc.integer({ min: 0, max: 7 * 365 }).map((offset) => addDays('2022-01-01', offset));
const n = fc.integer({ min: 1, max: 40 });
const runs = { numRuns: 2000 };

const firstWorkingOnOrAfter = (d: string) => addWorkingDays(vn, d, 0);
function lastWorkingOnOrBefore(d: string): string {
  let current = d;
  while (!isWorkingDay(vn, current)) current = addDays(current, -1);
  return current;
}

t.test('adding N working days lands on a working day after the start', async (t) => {
  fc.assert(
    fc.property(date, n, (start, k) => {
      const end = addWorkingDays(vn, start, k);
      return isWorkingDay(vn, end) && end > start;
    }),
    runs,
  );
  t.pass();
});

t.test('subtracting N from (start + N) returns the start when it is a working day', async (t) => {
  fc.assert(
    fc.property(date, n, (start, k) => addWorkingDays(vn, addWorkingDays(vn, start, k), -k) === lastWorkingOnOrBefore(start)),
    runs,
  );
  fc.assert(
    fc.property(
      date.filter((d) => isWorkingDay(vn, d)),
      n,
      (start, k) => addWorkingDays(vn, addWorkingDays(vn, start, k), -k) === start,
    ),
    runs,
  );
  t.pass();
});

t.test('adding N to (start − N) returns the first working day at or after the start', async (t) => {
  fc.assert(
    fc.property(date, n, (start, k) => addWorkingDays(vn, addWorkingDays(vn, start, -k), k) === firstWorkingOnOrAfter(start)),
    runs,
  );
  t.pass();
});

t.test('counts are consistent with adding', async (t) => {
  fc.assert(
    fc.property(date, n, (start, k) => countWorkingDays(vn, start, addWorkingDays(vn, start, k)) === k),
    runs,
  );
  // (start − k, start] holds k working days when the start is one, k − 1 when it is not.
  fc.assert(
    fc.property(date, n, (start, k) => countWorkingDays(vn, start, addWorkingDays(vn, start, -k)) === -k + (isWorkingDay(vn, start) ? 0 : 1)),
    runs,
  );
  fc.assert(
    fc.property(date, date, date, (a, b, c) => countWorkingDays(vn, a, b) + countWorkingDays(vn, b, c) === countWorkingDays(vn, a, c)),
    runs,
  );
  fc.assert(
    fc.property(date, date, (a, b) => countWorkingDays(vn, a, b) === -countWorkingDays(vn, b, a)),
    runs,
  );
  t.pass();
});

t.test('adding is monotonic and the notice deadline is a working day before the visit', async (t) => {
  fc.assert(
    fc.property(date, n, (start, k) => addWorkingDays(vn, start, k + 1) > addWorkingDays(vn, start, k)),
    runs,
  );
  fc.assert(
    fc.property(
      date.filter((d) => isWorkingDay(vn, d)),
      fc.integer({ min: 1, max: 10 }),
      (visit, lead) => {
        const onOrBefore = latestNoticeDate(vn, visit, lead, 'on-or-before');
        const strict = latestNoticeDate(vn, visit, lead, 'full-days-between');
        return (
          isWorkingDay(vn, onOrBefore) &&
          countWorkingDays(vn, onOrBefore, visit) === lead &&
          countWorkingDays(vn, strict, visit) - 1 === lead &&
          strict < onOrBefore
        );
      },
    ),
    runs,
  );
  t.pass();
});
