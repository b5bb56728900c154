import { addDays, isoWeekday } from './rules.js';
import { hungKingsDay, lunarNewYear, yearName } from './lunar.js';

// A proposal for the days off of a year whose schedule has not been published, from Bộ luật Lao động
// 2019, Điều 112 (the holidays) and Điều 111 khoản 3 (a holiday on the weekly rest day is made up on
// a working day), applied the way the government has applied them. Swaps (a weekday off made up on a
// Saturday) are political decisions and are never guessed. With these rules the days off of 2023–2026
// come out exactly as published, except the swapped days.
//
// Tết Nguyên đán: the law's five days are the last day of the lunar year and mùng 1–4. Each of them on
// a weekend is replaced by a weekday added at one end of the break, always on the side where it joins
// the break to a weekend; when neither side (or both) would, alternately before and after, before
// first. So the break has five weekdays: 2023 Fri 20 + Mon 23–Thu 26/1; 2024 Thu 8, Fri 9, Mon 12–Wed
// 14/2; 2025 Mon 27–Fri 31/1; 2026 Mon 16–Fri 20/2.
// Quốc khánh: 2/9 and one day next to it: the weekday neighbour next to a weekend (1/9 when 2/9 is a
// Tuesday, Friday or Saturday; 3/9 when it is a Monday, Thursday or Sunday), 1/9 when 2/9 is a Wednesday.
// Other holidays (1/1, 10/3 âm lịch, 30/4, 1/5) on a weekend are made up on the next weekday that is not
// itself a day off.

export type HolidayCode = 'new-year' | 'tet' | 'hung-kings' | 'reunification' | 'labour-day' | 'national-day';

export interface EstimatedDay {
  date: string;
  name: string;
  holiday: HolidayCode;
  /** A weekday given in place of a holiday that fell on a weekend (nghỉ bù) or to complete Tết. */
  substitute: boolean;
}

const isWeekend = (date: string) => isoWeekday(date) >= 6;

interface Span {
  start: string;
  end: string;
}

function absorbWeekends(span: Span): Span {
  let { start, end } = span;
  while (isWeekend(addDays(start, -1))) start = addDays(start, -1);
  while (isWeekend(addDays(end, 1))) end = addDays(end, 1);
  return { start, end };
}

function tetBreak(year: number): EstimatedDay[] {
  const firstDay = lunarNewYear(year);
  const core = [-1, 0, 1, 2, 3].map((offset) => addDays(firstDay, offset));
  const name = `Nghỉ Tết Nguyên đán ${yearName(year)}`;
  const out: EstimatedDay[] = core.filter((date) => !isWeekend(date)).map((date) => ({ date, name, holiday: 'tet', substitute: false }));
  let span = absorbWeekends({ start: core[0]!, end: core[4]! });
  let before = 0;
  let after = 0;
  for (let missing = core.filter(isWeekend).length; missing > 0; missing -= 1) {
    const earlier = addDays(span.start, -1);
    const later = addDays(span.end, 1);
    const growBefore = absorbWeekends({ start: earlier, end: span.end }).start !== earlier;
    const growAfter = absorbWeekends({ start: span.start, end: later }).end !== later;
    const takeBefore = growBefore !== growAfter ? growBefore : before <= after;
    const date = takeBefore ? earlier : later;
    if (takeBefore) before += 1;
    else after += 1;
    out.push({ date, name, holiday: 'tet', substitute: true });
    span = absorbWeekends(takeBefore ? { start: earlier, end: span.end } : { start: span.start, end: later });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}

function nationalDayNeighbour(year: number): string {
  const weekday = isoWeekday(`${year}-09-02`);
  return [1, 4, 7].includes(weekday) ? `${year}-09-03` : `${year}-09-01`;
}

interface Holiday {
  date: string;
  name: string;
  holiday: HolidayCode;
}

/** The proposed weekdays off of a year, sorted by date. */
export function estimateYear(year: number): EstimatedDay[] {
  const tet = tetBreak(year);
  const single: Holiday[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch', holiday: 'new-year' },
    { date: hungKingsDay(year), name: 'Giỗ Tổ Hùng Vương', holiday: 'hung-kings' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng', holiday: 'reunification' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động', holiday: 'labour-day' },
    { date: nationalDayNeighbour(year), name: 'Nghỉ lễ Quốc khánh (ngày liền kề)', holiday: 'national-day' },
    { date: `${year}-09-02`, name: 'Quốc khánh', holiday: 'national-day' },
  ].sort((a, b) => (a.date < b.date ? -1 : 1)) as Holiday[];

  const taken = new Set(tet.map((d) => d.date));
  const out: EstimatedDay[] = [...tet];
  const needSubstitute: Holiday[] = [];
  for (const h of single) {
    if (isWeekend(h.date) || taken.has(h.date)) needSubstitute.push(h);
    else {
      taken.add(h.date);
      out.push({ ...h, substitute: false });
    }
  }
  for (const h of needSubstitute) {
    let date = addDays(h.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    out.push({ date, name: `Nghỉ bù ${h.name.replace(/^Nghỉ lễ /, '')}`, holiday: h.holiday, substitute: true });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** The span of each holiday's estimated days, to see whether an office already entered that holiday. */
export function holidayWindows(days: EstimatedDay[]): Map<HolidayCode, Span> {
  const windows = new Map<HolidayCode, Span>();
  for (const d of days) {
    const w = windows.get(d.holiday);
    windows.set(d.holiday, w ? { start: w.start < d.date ? w.start : d.date, end: w.end > d.date ? w.end : d.date } : { start: d.date, end: d.date });
  }
  return windows;
}
