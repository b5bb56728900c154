import { nationalLayers, toCalendarData } from '../../src/calendar/compose.js';
import { readCalendarFile } from '../../src/calendar/file.js';
import type { CalendarData } from '../../src/calendar/rules.js';
import { shippedCalendarFile } from '../../src/calendar/service.js';

/**
 * shared/reference/calendar-vn.md, transcribed by hand (not read from data/calendar): the weekdays off
 * and the Saturdays worked of each year, as published by the government.
 */
export const REFERENCE: Record<number, { off: string[]; worked: string[] }> = {
  2023: {
    off: ['01-02', '01-20', '01-23', '01-24', '01-25', '01-26', '05-01', '05-02', '05-03', '09-01', '09-04'],
    worked: [],
  },
  2024: {
    off: ['01-01', '02-08', '02-09', '02-12', '02-13', '02-14', '04-18', '04-29', '04-30', '05-01', '09-02', '09-03'],
    worked: ['05-04'],
  },
  2025: {
    off: ['01-01', '01-27', '01-28', '01-29', '01-30', '01-31', '04-07', '04-30', '05-01', '05-02', '09-01', '09-02'],
    worked: ['04-26'],
  },
  2026: {
    off: ['01-01', '01-02', '02-16', '02-17', '02-18', '02-19', '02-20', '04-27', '04-30', '05-01', '08-31', '09-01', '09-02'],
    worked: ['01-10', '08-22'],
  },
};

/** The days of a reference year that are swaps (a weekday off made up on a Saturday). */
export const SWAPPED_OFF: Record<number, string[]> = { 2023: [], 2024: ['04-29'], 2025: ['05-02'], 2026: ['01-02', '08-31'] };

/** The national calendar exactly as shipped (no office edits), with estimates for other years. */
export function shippedCalendar(): CalendarData {
  const layers = nationalLayers(readCalendarFile(shippedCalendarFile), [], []);
  return toCalendarData(layers.exceptions, layers.confirmedYears);
}

/** A calendar of weekends only, plus the given weekdays off and Saturdays worked. */
export function calendarOf(daysOff: string[] = [], workingDays: string[] = [], confirmed: number[] = []): CalendarData {
  const note = { name: 'thử', legalBasis: null, status: 'confirmed' as const, scope: 'national' as const };
  return {
    daysOff: new Map(daysOff.map((d) => [d, note])),
    workingDays: new Map(workingDays.map((d) => [d, note])),
    confirmedYears: new Set(confirmed),
  };
}
