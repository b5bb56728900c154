import { shortDate, weekdayDate } from '../text/dates.js';

// Working days of the Vietnamese civil service, as pure functions of a calendar value.
// A working day is Monday to Friday, minus the days off (holidays and their substitutes), plus the
// make-up working days (làm bù Saturdays). Dates are ISO 'YYYY-MM-DD' strings; no clock is read here.

/** Years for which estimates are proposed; outside them an unconfirmed year has weekends only. */
export const ESTIMATE_YEARS = { from: 2000, to: 2099 } as const;

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

// Dates are handled as days since 1970-01-01 (UTC) inside this file: parsing is strict ('2023-02-30'
// is refused, Date.parse would give 2 March) and cheap, since deadlines are computed on every request.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
function toEpochDay(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (!ISO_DATE.test(date) || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new RangeError(`not an ISO date: ${date}`);
  }
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromEpochDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** 'YYYY-MM-DD' naming a day that exists ('2024-02-29' yes, '2023-02-30' no). */
export function isIsoDate(value: string): boolean {
  try {
    toEpochDay(value);
    return true;
  } catch {
    return false;
  }
}

/** Calendar arithmetic on ISO dates: addDays('2023-08-31', 1) = '2023-09-01'. */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Calendar days from one ISO date to another (to − from). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

const weekdayOf = (epochDay: number) => ((((epochDay + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday

export function isoWeekday(date: string): number {
  return weekdayOf(toEpochDay(date));
}

function statusOf(calendar: CalendarData, date: string, weekday: number): DayStatus {
  const yearConfirmed = calendar.confirmedYears.has(Number(date.slice(0, 4)));
  const off = calendar.daysOff.get(date);
  if (weekday >= 6) {
    const extra = calendar.workingDays.get(date);
    return extra
      ? { date, weekday, working: true, reason: 'make-up-working-day', note: extra, yearConfirmed }
      : { date, weekday, working: false, reason: 'weekend', note: off ?? null, yearConfirmed };
  }
  return off
    ? { date, weekday, working: false, reason: 'day-off', note: off, yearConfirmed }
    : { date, weekday, working: true, reason: 'weekday', note: null, yearConfirmed };
}

export function dayStatus(calendar: CalendarData, date: string): DayStatus {
  return statusOf(calendar, date, isoWeekday(date));
}

function workingAt(calendar: CalendarData, epochDay: number, date: string): boolean {
  return weekdayOf(epochDay) >= 6 ? calendar.workingDays.has(date) : !calendar.daysOff.has(date);
}

export function isWorkingDay(calendar: CalendarData, date: string): boolean {
  return workingAt(calendar, toEpochDay(date), date);
}

// No Vietnamese break is longer than ten days; a run of this many non-working days means the data is
// broken, and an exception is better than an endless loop.
const MAX_GAP = 60;

function stepFrom(calendar: CalendarData, start: number, direction: 1 | -1): number {
  let current = start;
  for (let i = 0; i < MAX_GAP; i += 1) {
    current += direction;
    if (workingAt(calendar, current, fromEpochDay(current))) return current;
  }
  throw new RangeError(`no working day within ${MAX_GAP} days of ${fromEpochDay(start)}`);
}

function step(calendar: CalendarData, date: string, direction: 1 | -1): string {
  return fromEpochDay(stepFrom(calendar, toEpochDay(date), direction));
}

/**
 * The n-th working day after date (n > 0) or before it (n < 0); n = 0 gives date itself when it is a
 * working day, else the next working day. The start date itself is never counted: like a time limit
 * under Bộ luật Dân sự 2015, Điều 147, counting starts on the next day, so 1 working day after a
 * Saturday is the Monday.
 *   addWorkingDays(vn, '2026-02-23', -2) = '2026-02-12' (Tết 16–20/2 is skipped)
 *   addWorkingDays(vn, '2026-01-09', 1) = '2026-01-10' (a make-up Saturday)
 */
export function addWorkingDays(calendar: CalendarData, date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  const start = toEpochDay(date);
  if (n === 0) return workingAt(calendar, start, date) ? date : fromEpochDay(stepFrom(calendar, start, 1));
  let current = start;
  for (let i = 0; i < Math.abs(n); i += 1) current = stepFrom(calendar, current, n > 0 ? 1 : -1);
  return fromEpochDay(current);
}

/** Working days in the half-open range (from, to]; negative when to is before from. */
export function countWorkingDays(calendar: CalendarData, from: string, to: string): number {
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  const [lo, hi, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day += 1) if (workingAt(calendar, day, fromEpochDay(day))) count += 1;
  return sign * count;
}

/** "Trước ngày X": the last allowed day is the calendar day before X. */
export function lastDayBefore(exclusive: string): string {
  return addDays(exclusive, -1);
}

/** The last working day strictly before X (the last day a visit may take place "trước ngày X"). */
export function lastWorkingDayBefore(calendar: CalendarData, exclusive: string): string {
  return step(calendar, exclusive, -1);
}

/**
 * Working days left before "trước ngày X": from today to the last day before X, today included when it
 * is a working day; 0 once X has come. Seed 001, registration "trước ngày 01/8/2023": on Friday
 * 28/7/2023 two are left (28/7 and 31/7).
 */
export function workingDaysLeft(calendar: CalendarData, today: string, exclusive: string): number {
  if (today >= exclusive) return 0;
  return countWorkingDays(calendar, addDays(today, -1), addDays(exclusive, -1));
}

/** Every day of the closed range [from, to] with its status; from after to gives []. */
export function listDays(calendar: CalendarData, from: string, to: string): DayStatus[] {
  const out: DayStatus[] = [];
  for (let day = toEpochDay(from), end = toEpochDay(to); day <= end; day += 1) {
    out.push(statusOf(calendar, fromEpochDay(day), weekdayOf(day)));
  }
  return out;
}

export type NoticeConvention = 'on-or-before' | 'full-days-between';

/**
 * The latest date a notice may be issued for a visit. Seed 001: "trước ít nhất 02 ngày làm việc tính
 * đến thời điểm tiến hành kiểm tra", read as issue date ≤ visit − 2 working days (on-or-before); the
 * stricter reading keeps two whole working days between issue and visit (full-days-between).
 */
export function latestNoticeDate(calendar: CalendarData, visitDate: string, leadWorkingDays: number, convention: NoticeConvention = 'on-or-before'): string {
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

export interface Deadline {
  /** The X of "trước ngày X". */
  before: string;
  /** The day before X: the last day the rule allows. */
  lastDay: string;
  /** The last working day before X: the last day an office is open to act. */
  lastWorkingDay: string;
  lastDayIsWorkingDay: boolean;
  /** Set when the last day is a day off: what to tell the office, in Vietnamese and English. */
  note: { vi: string; en: string } | null;
}

const weekdaysEn = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * "Trước ngày X" with its last day and, when that day is a weekend or a day off ("trước ngày
 * 20/5/2024" ends on Sunday 19/5), the last working day before it, which is when an office must act.
 */
export function deadlineOf(calendar: CalendarData, before: string): Deadline {
  const lastDay = lastDayBefore(before);
  const lastWorkingDay = lastWorkingDayBefore(calendar, before);
  const working = lastWorkingDay === lastDay;
  const en = (iso: string) => `${weekdaysEn[isoWeekday(iso)]} ${iso}`;
  return {
    before,
    lastDay,
    lastWorkingDay,
    lastDayIsWorkingDay: working,
    note: working
      ? null
      : {
          vi:
            `Hạn "trước ngày ${shortDate(before)}": ngày cuối cùng là ${weekdayDate(lastDay)}, không phải ngày làm việc; ` +
            `ngày làm việc cuối cùng trước hạn là ${weekdayDate(lastWorkingDay)}`,
          en: `Deadline "before ${before}": its last day, ${en(lastDay)}, is not a working day; ` + `the last working day before it is ${en(lastWorkingDay)}`,
        },
  };
}
