import { z } from 'zod';
import { campaignIdParam } from '../http/params.js';
import { ESTIMATE_YEARS, isIsoDate } from './rules.js';
import { dayKinds } from './tables.js';
import { pathNumber } from '../http/params.js';

// API shapes of the calendar module. Dates are ISO 'YYYY-MM-DD' days that exist, in 2000–2099.

export const MAX_RANGE_DAYS = 366;
export const MAX_COUNT_RANGE_DAYS = 3660;
export const MAX_ADD_DAYS = 366;

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD')
  .refine(isIsoDate, 'ngày không tồn tại')
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= ESTIMATE_YEARS.from && year <= ESTIMATE_YEARS.to;
  }, `năm phải từ ${ESTIMATE_YEARS.from} đến ${ESTIMATE_YEARS.to}`)
  .meta({ format: 'date', examples: ['2023-08-03'] });

const campaignId = z.string().min(1).max(80).describe("campaign id: use that campaign's calendar (national + local days off)");
const text = z.string().trim().min(1);

export const dayNoteView = z.object({
  name: z.string(),
  legalBasis: z.string().nullable(),
  status: z.enum(['confirmed', 'estimated']).describe('estimated: proposed from the lunar calendar, not yet confirmed'),
  scope: z.enum(['national', 'local']),
});

export const dayView = z
  .object({
    date: z.string(),
    weekday: z.number().int().describe('ISO weekday: 1 = Monday … 7 = Sunday'),
    weekdayName: z.string().describe('"Thứ Hai" … "Chủ nhật"'),
    working: z.boolean(),
    reason: z.enum(['weekday', 'weekend', 'day-off', 'make-up-working-day']),
    note: dayNoteView.nullable(),
    yearConfirmed: z.boolean().describe('false: the government schedule of this year is not entered; estimates apply'),
  })
  .meta({ id: 'CalendarDay' });

export const estimatedDayView = z
  .object({
    date: z.string(),
    name: z.string(),
    holiday: z.enum(['new-year', 'tet', 'hung-kings', 'reunification', 'labour-day', 'national-day']),
    substitute: z.boolean().describe('nghỉ bù, or a weekday completing the five weekdays of Tết'),
  })
  .meta({ id: 'EstimatedDayOff' });

export const yearSummary = z
  .object({
    year: z.number().int(),
    confirmed: z.boolean(),
    lunarNewYear: z.string().describe('mùng 1 Tết, Vietnamese lunar calendar (UTC+7)'),
    hungKingsDay: z.string().describe('Giỗ Tổ Hùng Vương, 10/3 âm lịch'),
    estimatedDaysOff: z.array(estimatedDayView).describe('estimates in force (empty once the year is confirmed)'),
  })
  .meta({ id: 'CalendarYearSummary' });

export const exceptionView = z
  .object({
    date: z.string(),
    kind: z.enum(dayKinds),
    name: z.string(),
    legalBasis: z.string().nullable(),
    basisVerified: z.boolean().nullable().describe('shipped days: whether the cited document number was verified'),
    note: z.string().nullable(),
    status: z.enum(['confirmed', 'estimated']),
    scope: z.enum(['national', 'local']),
    campaignId: z.string().nullable(),
    source: z.enum(['shipped', 'definition', 'estimate', 'office']),
    replaces: z.enum(['shipped', 'definition']).nullable().describe('office days: the shipped or definition day they changed'),
    version: z.number().int().describe('send as If-Match "<version>" to change or remove'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'CalendarException' });

export const yearView = yearSummary
  .extend({
    source: z.enum(['shipped', 'office', 'none']).describe('who confirmed (or unconfirmed) the year'),
    announcedBy: z.string().nullable(),
    legalBasis: z.string().nullable(),
    note: z.string().nullable(),
    version: z.number().int(),
    proposal: z.array(estimatedDayView).describe('what the estimate rules give for the year, applied or not'),
    exceptions: z.array(exceptionView),
  })
  .meta({ id: 'CalendarYear' });

export const tombstoneView = z
  .object({
    date: z.string(),
    hides: exceptionView,
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: 'RemovedCalendarException' });

export const daysQuery = z.object({ from: calendarDate, to: calendarDate, campaignId: campaignId.optional() });
export const dayParams = z.object({ date: calendarDate });
export const campaignOnlyQuery = z.object({ campaignId: campaignId.optional() });
export const daysResult = z
  .object({
    from: z.string(),
    to: z.string(),
    campaignId: z.string().nullable(),
    workingDays: z.number().int(),
    days: z.array(dayView),
    years: z.array(yearSummary),
  })
  .meta({ id: 'CalendarDays' });
export const oneDayResult = dayView.extend({ campaignId: z.string().nullable(), year: yearSummary }).meta({ id: 'CalendarDayDetail' });

export const addQuery = z.object({
  date: calendarDate,
  days: z.coerce.number().int().min(-MAX_ADD_DAYS).max(MAX_ADD_DAYS).describe('working days to add (negative: subtract)'),
  campaignId: campaignId.optional(),
});
export const addResult = z
  .object({
    date: z.string(),
    days: z.number().int(),
    campaignId: z.string().nullable(),
    result: z.string(),
    resultDay: dayView,
    unconfirmedYears: z.array(z.number().int()).describe('years crossed whose schedule is only estimated'),
  })
  .meta({ id: 'WorkingDaysAdded' });

export const countQuery = z.object({ from: calendarDate, to: calendarDate, campaignId: campaignId.optional() });
export const countResult = z
  .object({
    from: z.string(),
    to: z.string(),
    campaignId: z.string().nullable(),
    workingDays: z.number().int().describe('working days in (from, to]: from excluded, to included; negative if to < from'),
    unconfirmedYears: z.array(z.number().int()),
  })
  .meta({ id: 'WorkingDaysCount' });

export const noticeQuery = z.object({ campaignId, visitDate: calendarDate });
export const noticeResult = z
  .object({
    campaignId: z.string(),
    visitDate: z.string(),
    leadWorkingDays: z.number().int(),
    convention: z.enum(['on-or-before', 'full-days-between']),
    latestNoticeDate: z.string(),
    rule: z.string().describe('the reading applied, in Vietnamese'),
    unconfirmedYears: z.array(z.number().int()),
  })
  .meta({ id: 'NoticeDeadline' });

export const resultsQuery = z.object({ campaignId, roundEnd: calendarDate.describe('last day of the round (or of the visit)') });
export const resultsResult = z
  .object({
    campaignId: z.string(),
    roundEnd: z.string(),
    workingDays: z.number().int(),
    countFrom: z.enum(['round', 'visit']),
    due: z.string(),
    rule: z.string(),
    unconfirmedYears: z.array(z.number().int()),
  })
  .meta({ id: 'ResultsNoticeDeadline' });

export const yearParams = z.object({ year: pathNumber(ESTIMATE_YEARS.from, ESTIMATE_YEARS.to) });
export const yearBody = z
  .object({
    confirmed: z.boolean().describe('true: the published schedule of the year is entered; estimates stop'),
    legalBasis: text.max(500).optional().describe('the notice that published the schedule'),
    note: text.max(2000).optional(),
    acceptEstimates: z
      .boolean()
      .default(false)
      .describe('with confirmed: enter the estimated days that are in force as office days (when the published schedule matches them)'),
  })
  .meta({ id: 'CalendarYearConfirmation' });

export const exceptionsQuery = z.object({
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  year: z.coerce.number().int().min(ESTIMATE_YEARS.from).max(ESTIMATE_YEARS.to).optional(),
});
export const exceptionList = z
  .object({
    scope: z.enum(['national', 'local']),
    campaignId: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    exceptions: z.array(exceptionView),
    removed: z.array(tombstoneView).describe('shipped, definition or estimated days an office removed'),
  })
  .meta({ id: 'CalendarExceptionList' });

export const nationalDayBody = z
  .object({
    date: calendarDate,
    kind: z.enum(dayKinds).describe('day-off: a weekday off; working-day: a Saturday or Sunday worked (làm bù)'),
    name: text.max(200).describe('e.g. "Nghỉ bù Giỗ Tổ Hùng Vương"'),
    legalBasis: text.max(500).describe('the notice behind the day, e.g. "Công văn 12729/VPCP-KGVX ngày 25/12/2025"'),
    note: text.max(2000).optional(),
  })
  .meta({ id: 'NationalCalendarDay' });
export const nationalDayChange = nationalDayBody.omit({ date: true }).meta({ id: 'NationalCalendarDayChange' });
export const localDayBody = z
  .object({
    date: calendarDate,
    name: text.max(200),
    legalBasis: text.max(500).optional(),
    note: text.max(2000).optional(),
  })
  .meta({ id: 'LocalDayOff' });
export const localDayChange = localDayBody.omit({ date: true }).meta({ id: 'LocalDayOffChange' });
export const campaignDayParams = campaignIdParam.extend({ date: calendarDate });

export type DayView = z.infer<typeof dayView>;
export type YearSummary = z.infer<typeof yearSummary>;
export type YearView = z.infer<typeof yearView>;
export type ExceptionView = z.infer<typeof exceptionView>;
export type NationalDayInput = z.infer<typeof nationalDayBody>;
export type LocalDayInput = z.infer<typeof localDayBody>;
export type YearInput = z.infer<typeof yearBody>;
