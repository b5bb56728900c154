import type { Actor } from '../auth/actor.js';
import type { CampaignService } from '../campaigns/service.js';
import { fieldErrors, NotFound, ValidationFailed } from '../http/errors.js';
import { weekdayName } from '../text/dates.js';
import { estimatedDays, type CalendarException } from './compose.js';
import { hungKingsDay, lunarNewYear } from './lunar.js';
import { addWorkingDays, countWorkingDays, daysBetween, dayStatus, latestNoticeDate, listDays, resultsNoticeDue, type CalendarData } from './rules.js';
import { MAX_COUNT_RANGE_DAYS, MAX_RANGE_DAYS, type DayView, type ExceptionView, type YearSummary, type YearView } from './schema.js';
import type { CalendarCore } from './core.js';
import { twoDigits } from '../text/vietnamese.js';

export function dayView(calendar: CalendarData, date: string): DayView {
  return { ...dayStatus(calendar, date), weekdayName: weekdayName(date) };
}

export function exceptionView(e: CalendarException): ExceptionView {
  const { holiday: _holiday, ...view } = e;
  return view;
}

function rangeError(from: string, to: string, max: number): void {
  const span = daysBetween(from, to);
  if (span < 0)
    throw fieldErrors(ValidationFailed, 'Khoảng ngày không hợp lệ: to', [
      { in: 'querystring', field: 'to', message: 'ngày kết thúc phải từ ngày bắt đầu trở đi' },
    ]);
  if (span + 1 > max) {
    throw fieldErrors(ValidationFailed, `Khoảng ngày dài quá ${max} ngày: to`, [
      { in: 'querystring', field: 'to', message: `khoảng ngày tối đa ${max} ngày (yêu cầu ${span + 1} ngày)` },
    ]);
  }
}

function yearsBetween(from: string, to: string): number[] {
  const [a, b] = from <= to ? [from, to] : [to, from];
  const out: number[] = [];
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y += 1) out.push(y);
  return out;
}

export function createCalendarReads(core: CalendarCore, { campaigns }: { campaigns: CampaignService }) {
  function calendarFor(actor: Actor, campaignId?: string): CalendarData {
    if (campaignId === undefined) return core.national().data;
    core.visible(actor, campaignId);
    return core.local(campaignId).data;
  }

  function yearSummary(year: number): YearSummary {
    const state = core.national();
    const confirmed = state.confirmedYears.has(year);
    const applied = estimatedDays(year).filter((d) => state.exceptions.get(d.date)?.source === 'estimate');
    return { year, confirmed, lunarNewYear: lunarNewYear(year), hungKingsDay: hungKingsDay(year), estimatedDaysOff: confirmed ? [] : applied };
  }

  function unconfirmed(calendar: CalendarData, from: string, to: string): number[] {
    return yearsBetween(from, to).filter((y) => !calendar.confirmedYears.has(y));
  }

  return {
    days(actor: Actor, q: { from: string; to: string; campaignId?: string }) {
      rangeError(q.from, q.to, MAX_RANGE_DAYS);
      const calendar = calendarFor(actor, q.campaignId);
      const days = listDays(calendar, q.from, q.to).map((d) => ({ ...d, weekdayName: weekdayName(d.date) }));
      return {
        from: q.from,
        to: q.to,
        campaignId: q.campaignId ?? null,
        workingDays: days.filter((d) => d.working).length,
        days,
        years: yearsBetween(q.from, q.to).map(yearSummary),
      };
    },

    day(actor: Actor, date: string, campaignId?: string) {
      const calendar = calendarFor(actor, campaignId);
      return { ...dayView(calendar, date), campaignId: campaignId ?? null, year: yearSummary(Number(date.slice(0, 4))) };
    },

    addWorkingDays(actor: Actor, q: { date: string; days: number; campaignId?: string }) {
      const calendar = calendarFor(actor, q.campaignId);
      const result = addWorkingDays(calendar, q.date, q.days);
      return {
        date: q.date,
        days: q.days,
        campaignId: q.campaignId ?? null,
        result,
        resultDay: dayView(calendar, result),
        unconfirmedYears: unconfirmed(calendar, q.date, result),
      };
    },

    countWorkingDays(actor: Actor, q: { from: string; to: string; campaignId?: string }) {
      const [a, b] = q.from <= q.to ? [q.from, q.to] : [q.to, q.from];
      rangeError(a, b, MAX_COUNT_RANGE_DAYS);
      const calendar = calendarFor(actor, q.campaignId);
      return {
        from: q.from,
        to: q.to,
        campaignId: q.campaignId ?? null,
        workingDays: countWorkingDays(calendar, q.from, q.to),
        unconfirmedYears: unconfirmed(calendar, q.from, q.to),
      };
    },

    noticeDeadline(actor: Actor, campaignId: string, visitDate: string) {
      const calendar = calendarFor(actor, campaignId);
      const { leadWorkingDays, convention } = campaigns.rules(campaignId).notice;
      const latest = latestNoticeDate(calendar, visitDate, leadWorkingDays, convention);
      const lead = twoDigits(leadWorkingDays);
      const rule =
        convention === 'on-or-before'
          ? `Ngày ban hành thông báo ≤ ngày kiểm tra − ${lead} ngày làm việc ("trước ít nhất ${lead} ngày làm việc tính đến thời điểm tiến hành kiểm tra").`
          : `Giữa ngày ban hành thông báo và ngày kiểm tra có trọn ${lead} ngày làm việc (không tính ngày ban hành và ngày kiểm tra).`;
      return { campaignId, visitDate, leadWorkingDays, convention, latestNoticeDate: latest, rule, unconfirmedYears: unconfirmed(calendar, latest, visitDate) };
    },

    resultsDue(actor: Actor, campaignId: string, roundEnd: string) {
      const calendar = calendarFor(actor, campaignId);
      const { workingDays, countFrom } = campaigns.rules(campaignId).resultsNotice;
      const due = resultsNoticeDue(calendar, roundEnd, workingDays);
      const anchor = countFrom === 'round' ? 'ngày kết thúc đợt kiểm tra của đoàn' : 'ngày kiểm tra';
      const rule = `Hạn ban hành thông báo kết quả = ${anchor} + ${twoDigits(workingDays)} ngày làm việc (không tính ngày kết thúc).`;
      return { campaignId, roundEnd, workingDays, countFrom, due, rule, unconfirmedYears: unconfirmed(calendar, roundEnd, due) };
    },

    year(year: number): YearView {
      const state = core.national();
      const row = state.yearRows.get(year);
      const block = core.shipped.years.find((y) => y.year === year);
      const exceptions = [...state.exceptions.values()]
        .filter((e) => e.date.startsWith(`${year}-`))
        .sort((a, b) => (a.date < b.date ? -1 : 1))
        .map(exceptionView);
      return {
        ...yearSummary(year),
        source: row ? 'office' : block ? 'shipped' : 'none',
        announcedBy: block?.announcedBy ?? null,
        legalBasis: row?.legalBasis ?? null,
        note: row?.note ?? null,
        version: row?.version ?? 0,
        proposal: estimatedDays(year),
        exceptions,
      };
    },

    nationalExceptions(q: { from?: string; to?: string; year?: number }) {
      const thisYear = Number(core.today().slice(0, 4));
      const from = q.year ? `${q.year}-01-01` : (q.from ?? `${q.to ? q.to.slice(0, 4) : thisYear}-01-01`);
      const to = q.year ? `${q.year}-12-31` : (q.to ?? `${from.slice(0, 4)}-12-31`);
      rangeError(from, to, MAX_COUNT_RANGE_DAYS);
      const state = core.national();
      const within = (date: string) => date >= from && date <= to;
      return {
        scope: 'national' as const,
        campaignId: null,
        from,
        to,
        exceptions: [...state.exceptions.values()]
          .filter((e) => within(e.date))
          .sort(byDate)
          .map(exceptionView),
        removed: [...state.tombstones.values()]
          .filter((t) => within(t.date))
          .sort(byDate)
          .map((t) => ({ ...t, hides: exceptionView(t.hides) })),
      };
    },

    nationalException(date: string): ExceptionView {
      const found = core.national().exceptions.get(date);
      if (!found) throw new NotFound(`Ngày ${date} không phải ngày ngoại lệ của lịch chung`);
      return exceptionView(found);
    },

    localExceptions(actor: Actor, campaignId: string) {
      core.visible(actor, campaignId);
      const state = core.local(campaignId);
      const exceptions = [...state.exceptions.values()].sort(byDate);
      return {
        scope: 'local' as const,
        campaignId,
        from: exceptions[0]?.date ?? '',
        to: exceptions.at(-1)?.date ?? '',
        exceptions: exceptions.map(exceptionView),
        removed: [...state.tombstones.values()].sort(byDate).map((t) => ({ ...t, hides: exceptionView(t.hides) })),
      };
    },

    localException(actor: Actor, campaignId: string, date: string): ExceptionView {
      core.visible(actor, campaignId);
      const found = core.local(campaignId).exceptions.get(date);
      if (!found) throw new NotFound(`Đợt kiểm tra "${campaignId}" không có ngày nghỉ riêng ${date}`);
      return exceptionView(found);
    },
  };
}

const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
