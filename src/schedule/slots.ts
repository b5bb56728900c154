import type { StandardSession } from '../campaigns/schema.js';
import type { Session } from './tables.js';

// Pure: sessions (buổi) and time ranges. Times are minutes after local midnight and every range is
// half-open [start, end): a morning ending at 11:30 and a visit starting at 11:30 do not overlap.

export type SessionTimes = Record<StandardSession, { start: string; end: string }>;

export interface TimeSpan {
  startMinute: number;
  endMinute: number;
}

export interface SlotRequest {
  session?: Session | undefined;
  startTime?: string | undefined;
  endTime?: string | undefined;
}

export interface SlotIssue {
  field: string;
  message: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseTime(value: string): number | null {
  const match = HHMM.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function overlaps(a: TimeSpan, b: TimeSpan): boolean {
  return a.startMinute < b.endMinute && b.startMinute < a.endMinute;
}

export function sessionSpan(times: SessionTimes, session: StandardSession): TimeSpan {
  const range = times[session];
  return { startMinute: parseTime(range.start)!, endMinute: parseTime(range.end)! };
}

/**
 * A session, or an explicit time range (session 'custom' or omitted). Returns the issues, each naming
 * its field, when the request is unusable: an unknown time, a reversed or empty range, times given
 * with a named session, or nothing given at all.
 */
export function resolveSlot(request: SlotRequest, times: SessionTimes): { ok: true; session: Session; span: TimeSpan } | { ok: false; issues: SlotIssue[] } {
  const { session, startTime, endTime } = request;
  const hasTimes = startTime !== undefined || endTime !== undefined;
  if (session !== undefined && session !== 'custom') {
    if (hasTimes) {
      return {
        ok: false,
        issues: [{ field: 'startTime', message: `không dùng giờ riêng với buổi "${session}"; hãy bỏ session hoặc dùng "custom"` }],
      };
    }
    return { ok: true, session, span: sessionSpan(times, session) };
  }
  const issues: SlotIssue[] = [];
  if (!hasTimes && session === undefined) {
    return { ok: false, issues: [{ field: 'session', message: 'cần chọn buổi (sang, chieu, ca-ngay) hoặc giờ bắt đầu và kết thúc' }] };
  }
  const start = startTime === undefined ? null : parseTime(startTime);
  const end = endTime === undefined ? null : parseTime(endTime);
  if (startTime === undefined) issues.push({ field: 'startTime', message: 'thiếu giờ bắt đầu' });
  else if (start === null) issues.push({ field: 'startTime', message: 'giờ phải có dạng HH:mm (00:00–23:59)' });
  if (endTime === undefined) issues.push({ field: 'endTime', message: 'thiếu giờ kết thúc' });
  else if (end === null) issues.push({ field: 'endTime', message: 'giờ phải có dạng HH:mm (00:00–23:59)' });
  if (start !== null && end !== null && end <= start) {
    issues.push({
      field: 'endTime',
      message: end === start ? 'khoảng thời gian trống: giờ kết thúc trùng giờ bắt đầu' : 'giờ kết thúc phải sau giờ bắt đầu',
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, session: 'custom', span: { startMinute: start!, endMinute: end! } };
}
