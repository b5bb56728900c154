// Working days of the Vietnamese civil service, as pure functions of a calendar value.
// A working day is Monday to Friday, minus the days off (holidays and their substitutes), plus the
// make-up working days (làm bù Saturdays). Dates are ISO 'YYYY-MM-DD' strings; no clock is read here.

export interface DayNote {
  name: string;
  legalBasis: string | null;
  /** estimated: proposed from the lunar calendar, not yet confirmed by a government notice. */
  status: 'confirmed' | 'estimated';
  /** national: the civil-service calendar; local: a campaign's own day off. */
  scope: 'national' | 'local';
}

export interface CalendarData {
  /** Days that would be working days but are off. */
  daysOff: ReadonlyMap<string, DayNote>;
  /** Weekend days that are working days (make-up Saturdays). */
  workingDays: ReadonlyMap<string, DayNote>;
  /** Years whose schedule the government has published and someone has entered. */
  confirmedYears: ReadonlySet<number>;
}

export type DayReason = 'weekday' | 'weekend' | 'day-off' | 'make-up-working-day';

export interface DayStatus {
  date: string;
  weekday: number; // ISO: 1 = Monday … 7 = Sunday
  working: boolean;
  reason: DayReason;
  note: DayNote | null;
  yearConfirmed: boolean;
}

const DAY_MS = 86_400_000;

function toEpochDay(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not an ISO date: ${date}`);
  return Math.floor(ms / DAY_MS);
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar arithmetic on ISO dates: addDays('2023-08-31', 1) = '2023-09-01'. */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

export function isoWeekday(date: string): number {
  const day = new Date(toEpochDay(date) * DAY_MS).getUTCDay();
  return day === 0 ? 7 : day;
}

export function dayStatus(calendar: CalendarData, date: string): DayStatus {
  const weekday = isoWeekday(date);
  const yearConfirmed = calendar.confirmedYears.has(Number(date.slice(0, 4)));
  const off = calendar.daysOff.get(date);
  const extra = calendar.workingDays.get(date);
  if (weekday >= 6) {
    return extra
      ? { date, weekday, working: true, reason: 'make-up-working-day', note: extra, yearConfirmed }
      : { date, weekday, working: false, reason: 'weekend', note: off ?? null, yearConfirmed };
  }
  return off
    ? { date, weekday, working: false, reason: 'day-off', note: off, yearConfirmed }
    : { date, weekday, working: true, reason: 'weekday', note: null, yearConfirmed };
}

export function isWorkingDay(calendar: CalendarData, date: string): boolean {
  return dayStatus(calendar, date).working;
}

// No Vietnamese break is longer than ten days; a run of this many non-working days means the data is
// broken, and an exception is better than an endless loop.
const MAX_GAP = 60;

function step(calendar: CalendarData, date: string, direction: 1 | -1): string {
  let current = date;
  for (let i = 0; i < MAX_GAP; i += 1) {
    current = addDays(current, direction);
    if (isWorkingDay(calendar, current)) return current;
  }
  throw new RangeError(`no working day within ${MAX_GAP} days of ${date}`);
}

/**
 * The n-th working day after date (n > 0) or before it (n < 0); n = 0 gives date itself when it is a
 * working day, else the next working day. The start date itself is never counted.
 *   addWorkingDays(vn, '2026-02-23', -2) = '2026-02-12' (Tết 16–20/2 is skipped)
 *   addWorkingDays(vn, '2026-01-09', 1) = '2026-01-10' (a make-up Saturday)
 */
export function addWorkingDays(calendar: CalendarData, date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  if (n === 0) return isWorkingDay(calendar, date) ? date : step(calendar, date, 1);
  let current = date;
  for (let i = 0; i < Math.abs(n); i += 1) current = step(calendar, current, n > 0 ? 1 : -1);
  return current;
}

/** Working days in the half-open range (from, to]; negative when to is before from. */
export function countWorkingDays(calendar: CalendarData, from: string, to: string): number {
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  const [lo, hi, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day += 1) if (isWorkingDay(calendar, fromEpochDay(day))) count += 1;
  return sign * count;
}

/** "Trước ngày X": the last allowed day is the calendar day before X. */
export function lastDayBefore(exclusive: string): string {
  return addDays(exclusive, -1);
}

export type NoticeConvention = 'on-or-before' | 'full-days-between';

/**
 * The latest date a notice may be issued for a visit. Seed 001: "trước ít nhất 02 ngày làm việc tính
 * đến thời điểm tiến hành kiểm tra", read as issue date ≤ visit − 2 working days (on-or-before); the
 * stricter reading keeps two whole working days between issue and visit (full-days-between).
 */
export function latestNoticeDate(
  calendar: CalendarData,
  visitDate: string,
  leadWorkingDays: number,
  convention: NoticeConvention = 'on-or-before',
): string {
  const lead = convention === 'full-days-between' ? leadWorkingDays + 1 : leadWorkingDays;
  return lead === 0 ? visitDate : addWorkingDays(calendar, visitDate, -lead);
}

/** Seed 001: "sau 05 ngày làm việc kể từ ngày kết thúc đợt kiểm tra": due = end + 5 working days. */
export function resultsNoticeDue(calendar: CalendarData, roundEnd: string, workingDays: number): string {
  return addWorkingDays(calendar, roundEnd, workingDays);
}

export function emptyCalendar(): CalendarData {
  return { daysOff: new Map(), workingDays: new Map(), confirmedYears: new Set() };
}
