import { lastDayBefore } from '../calendar/rules.js';
import type { DueState } from './schema.js';

// Pure rules of issuing: lead time, due dates and lateness. No clock, no database: "today" is the
// local date the service computed in config.timeZone.

export interface NoticeCandidate {
  id: number;
  unitId: string;
  unitName: string;
  date: string;
  status: string;
  /** The last day a notice may be issued for the visit (calendar rules, the campaign's convention). */
  latestNoticeDate: string;
  /** A notice in force already announces it. */
  covered: boolean;
}

export interface Refusal {
  visitId: number;
  unitId: string;
  unitName: string;
  date: string;
  reason: string;
  latestNoticeDate?: string;
}

/**
 * Visits a new notice cannot announce: cancelled or already past the notice stage, or announced by a
 * notice still in force. Notified visits whose notice became outdated can be announced again.
 */
export function notAnnounceable(visits: readonly NoticeCandidate[]): Refusal[] {
  return visits.flatMap((v) => {
    const reason =
      v.status !== 'registered' && v.status !== 'notified'
        ? `lịch kiểm tra ở trạng thái "${v.status}", không còn thông báo được`
        : v.covered
          ? 'đã có thông báo kiểm tra còn hiệu lực'
          : null;
    return reason ? [{ visitId: v.id, unitId: v.unitId, unitName: v.unitName, date: v.date, reason }] : [];
  });
}

/**
 * NOTICE_TOO_LATE: a registered visit whose latest notice date has passed. A visit already notified
 * (its earlier notice went out in time and only needs re-announcing) is not late.
 */
export function tooLate(today: string, visits: readonly NoticeCandidate[]): Refusal[] {
  return visits
    .filter((v) => v.status === 'registered' && today > v.latestNoticeDate)
    .map((v) => ({
      visitId: v.id,
      unitId: v.unitId,
      unitName: v.unitName,
      date: v.date,
      latestNoticeDate: v.latestNoticeDate,
      reason: `thông báo phải ban hành chậm nhất ngày ${v.latestNoticeDate}`,
    }));
}

/** A notice is due by the earliest latest-notice date of the registered visits it announces. */
export function noticeDue(visits: readonly NoticeCandidate[]): string | null {
  const dates = visits
    .filter((v) => v.status === 'registered')
    .map((v) => v.latestNoticeDate)
    .sort();
  return dates[0] ?? null;
}

/** "Trước ngày 30/8/2023": the team report is due on the 29th; no deadline, no due date. */
export function teamReportDue(deadlineExclusive: string | null): string | null {
  return deadlineExclusive ? lastDayBefore(deadlineExclusive) : null;
}

/** The results notice of a unit is due with its latest visit's due date (from the round or the visit). */
export function resultsDue(visitDueDates: readonly string[]): string | null {
  return visitDueDates.length === 0 ? null : [...visitDueDates].sort().at(-1)!;
}

export function dueState(today: string, dueDate: string | null, issueDate: string | null): DueState {
  if (issueDate !== null) return dueDate !== null && issueDate > dueDate ? 'issued-late' : 'issued';
  return dueDate !== null && today > dueDate ? 'overdue' : 'pending';
}
