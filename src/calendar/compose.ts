import { estimateYear, holidayWindows, type EstimatedDay, type HolidayCode } from './estimate.js';
import type { CalendarFile } from './file.js';
import { addDays, ESTIMATE_YEARS, type CalendarData, type DayNote } from './rules.js';
import type { DayKind } from './tables.js';

// Pure assembly of a calendar from its layers, lowest first: estimates for unconfirmed years, the
// shipped file (or a campaign definition's localDaysOff), then the office's rows (set or tombstone).

export type DaySource = 'shipped' | 'definition' | 'estimate' | 'office';

export interface CalendarException {
  date: string;
  kind: DayKind;
  name: string;
  legalBasis: string | null;
  basisVerified: boolean | null;
  note: string | null;
  status: 'confirmed' | 'estimated';
  scope: 'national' | 'local';
  campaignId: string | null;
  source: DaySource;
  /** For an office row: the shipped or definition day it changed, or null for a day it added. */
  replaces: 'shipped' | 'definition' | null;
  holiday: HolidayCode | null;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface OfficeRow {
  date: string;
  removed: boolean;
  kind: DayKind | null;
  name: string | null;
  legalBasis: string | null;
  note: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface YearRow {
  year: number;
  confirmed: boolean;
  legalBasis: string | null;
  note: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface Tombstone {
  date: string;
  hides: CalendarException;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface Layered {
  exceptions: Map<string, CalendarException>;
  tombstones: Map<string, Tombstone>;
}

function base(scope: 'national' | 'local', campaignId: string | null) {
  return { scope, campaignId, replaces: null, holiday: null, version: 0, updatedAt: null, updatedBy: null } as const;
}

/** Applies office rows over lower layers: a set row replaces, a tombstone hides (and is kept for listing). */
export function applyOfficeRows(lower: Map<string, CalendarException>, rows: OfficeRow[], scope: 'national' | 'local', campaignId: string | null): Layered {
  const exceptions = new Map(lower);
  const tombstones = new Map<string, Tombstone>();
  for (const row of rows) {
    const under = lower.get(row.date);
    if (row.removed) {
      exceptions.delete(row.date);
      if (under) tombstones.set(row.date, { date: row.date, hides: under, version: row.version, updatedAt: row.updatedAt, updatedBy: row.updatedBy });
      continue;
    }
    exceptions.set(row.date, {
      ...base(scope, campaignId),
      date: row.date,
      kind: row.kind ?? 'day-off',
      name: row.name ?? '',
      legalBasis: row.legalBasis,
      basisVerified: null,
      note: row.note,
      status: 'confirmed',
      source: 'office',
      replaces: under?.source === 'shipped' || under?.source === 'definition' ? under.source : null,
      holiday: under?.holiday ?? null,
      version: row.version,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
    });
  }
  return { exceptions, tombstones };
}

export function shippedExceptions(file: CalendarFile): Map<string, CalendarException> {
  const out = new Map<string, CalendarException>();
  for (const block of file.years) {
    for (const [list, kind] of [
      ['daysOff', 'day-off'],
      ['workingDays', 'working-day'],
    ] as const) {
      for (const e of block[list]) {
        out.set(e.date, {
          ...base('national', null),
          date: e.date,
          kind,
          name: e.name,
          legalBasis: e.legalBasis,
          basisVerified: e.basisVerified,
          note: null,
          status: 'confirmed',
          source: 'shipped',
        });
      }
    }
  }
  return out;
}

/** Confirmed years: the file's, then the office's word on each year. */
export function confirmedYears(file: CalendarFile, years: YearRow[]): Set<number> {
  const out = new Set(file.years.filter((y) => y.confirmed).map((y) => y.year));
  for (const row of years) {
    if (row.confirmed) out.add(row.year);
    else out.delete(row.year);
  }
  return out;
}

interface YearEstimate {
  days: EstimatedDay[];
  exceptions: CalendarException[];
  windows: { holiday: HolidayCode; from: string; to: string }[];
}

const WINDOW_MARGIN_DAYS = 7;
const estimateCache = new Map<number, YearEstimate>();

// Estimates depend on the year only: computed once per process and shared by every calendar built.
function yearEstimate(year: number): YearEstimate {
  let cached = estimateCache.get(year);
  if (cached) return cached;
  const days = estimateYear(year);
  const exceptions = days.map((d): CalendarException => ({
    ...base('national', null),
    date: d.date,
    kind: 'day-off',
    name: d.name,
    legalBasis: d.substitute ? 'Ước tính theo Bộ luật Lao động 2019, Điều 111 khoản 3 và Điều 112' : 'Ước tính theo Bộ luật Lao động 2019, Điều 112',
    basisVerified: null,
    note: null,
    status: 'estimated',
    source: 'estimate',
    holiday: d.holiday,
  }));
  const windows = [...holidayWindows(days)].map(([holiday, span]) => ({
    holiday,
    from: addDays(span.start, -WINDOW_MARGIN_DAYS),
    to: addDays(span.end, WINDOW_MARGIN_DAYS),
  }));
  cached = { days, exceptions, windows };
  estimateCache.set(year, cached);
  return cached;
}

export function estimatedDays(year: number): EstimatedDay[] {
  return yearEstimate(year).days;
}

/**
 * The estimated days that apply to an unconfirmed year: a holiday is left out once the office has
 * entered any national day within a week of its estimated days (it entered the real schedule of that
 * holiday), and a single estimated day is left out where an office row (set or tombstone) stands.
 */
export function applicableEstimates(year: number, enteredDates: Iterable<string>, officeDates: ReadonlySet<string>): CalendarException[] {
  if (year < ESTIMATE_YEARS.from || year > ESTIMATE_YEARS.to) return [];
  const estimate = yearEstimate(year);
  const replaced = new Set<HolidayCode>();
  for (const date of enteredDates) {
    for (const w of estimate.windows) if (date >= w.from && date <= w.to) replaced.add(w.holiday);
  }
  return estimate.exceptions.filter((e) => !replaced.has(e.holiday!) && !officeDates.has(e.date));
}

export interface NationalLayers extends Layered {
  confirmedYears: Set<number>;
  yearRows: Map<number, YearRow>;
}

/** The national calendar's exceptions: file, office rows, and estimates for every unconfirmed year. */
export function nationalLayers(file: CalendarFile, rows: OfficeRow[], years: YearRow[]): NationalLayers {
  const confirmed = confirmedYears(file, years);
  const layered = applyOfficeRows(shippedExceptions(file), rows, 'national', null);
  const officeDates = new Set(rows.map((r) => r.date));
  const enteredByYear = new Map<number, string[]>();
  for (const date of layered.exceptions.keys()) {
    const year = Number(date.slice(0, 4));
    enteredByYear.set(year, [...(enteredByYear.get(year) ?? []), date]);
  }
  const exceptions = new Map<string, CalendarException>();
  for (let year = ESTIMATE_YEARS.from; year <= ESTIMATE_YEARS.to; year += 1) {
    if (confirmed.has(year)) continue;
    const near = [year - 1, year, year + 1].flatMap((y) => enteredByYear.get(y) ?? []);
    for (const e of applicableEstimates(year, near, officeDates)) exceptions.set(e.date, e);
  }
  for (const [date, e] of layered.exceptions) exceptions.set(date, e);
  return {
    exceptions,
    tombstones: layered.tombstones,
    confirmedYears: confirmed,
    yearRows: new Map(years.map((row) => [row.year, row])),
  };
}

function noteOf(e: CalendarException): DayNote {
  return { name: e.name, legalBasis: e.legalBasis, status: e.status, scope: e.scope };
}

export function toCalendarData(exceptions: Map<string, CalendarException>, confirmed: Set<number>): CalendarData {
  const daysOff = new Map<string, DayNote>();
  const workingDays = new Map<string, DayNote>();
  for (const e of exceptions.values()) (e.kind === 'day-off' ? daysOff : workingDays).set(e.date, noteOf(e));
  return { daysOff, workingDays, confirmedYears: confirmed };
}

/** A campaign's calendar: the national one plus its local days off, which win over a make-up Saturday. */
export function withLocalDaysOff(national: CalendarData, local: Map<string, CalendarException>): CalendarData {
  if (local.size === 0) return national;
  const daysOff = new Map(national.daysOff);
  const workingDays = new Map(national.workingDays);
  for (const e of local.values()) {
    daysOff.set(e.date, noteOf(e));
    workingDays.delete(e.date);
  }
  return { daysOff, workingDays, confirmedYears: national.confirmedYears };
}

export function definitionDaysOff(campaignId: string, days: { date: string; name: string }[]): Map<string, CalendarException> {
  const out = new Map<string, CalendarException>();
  for (const d of days) {
    out.set(d.date, {
      ...base('local', campaignId),
      date: d.date,
      kind: 'day-off',
      name: d.name,
      legalBasis: 'Định nghĩa đợt kiểm tra (calendar.localDaysOff)',
      basisVerified: null,
      note: null,
      status: 'confirmed',
      source: 'definition',
    });
  }
  return out;
}
