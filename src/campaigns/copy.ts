import { addWorkingDays, countWorkingDays, isWorkingDay, type CalendarData } from '../calendar/rules.js';
import type { CampaignDefinition } from './definition.js';

// Pure: a campaign's definition carried into a new cycle. Every "trước ngày X" date keeps its place
// counted in working days from the window start, so the window keeps its length and the registration
// and report deadlines keep their lead, whatever holidays fall in either year.

export interface CopyRequest {
  id: string;
  title: string;
  fullTitle?: string | undefined;
  windowStart: string;
  /** Marks the copy as a rehearsal (diễn tập): every page and document says so. */
  rehearsal?: boolean;
}

export interface CopyCalendars {
  /** The source campaign's calendar (national days plus its local days off). */
  source: CalendarData;
  /** The calendar of the new cycle (national; its local days off are not known yet). */
  target: CalendarData;
}

/**
 * Moves an exclusive date X ("trước ngày X") from a window starting at `from` to one starting at `to`:
 * the last allowed working day before X keeps its working-day offset from the start, and the new X is
 * the working day after it. Offsets may be negative (a registration deadline before the window).
 */
export function shiftExclusive(calendars: CopyCalendars, from: string, to: string, exclusive: string): string {
  const lastAllowed = addWorkingDays(calendars.source, exclusive, -1);
  const offset = countWorkingDays(calendars.source, from, lastAllowed);
  const moved = addWorkingDays(calendars.target, to, offset);
  return addWorkingDays(calendars.target, moved, 1);
}

/** Why a copy cannot be made, or null. */
export function copyProblem(definition: CampaignDefinition, request: CopyRequest, target: CalendarData): string | null {
  if (request.id === definition.id) return 'Mã đợt kiểm tra mới phải khác mã đợt được sao chép';
  if (!isWorkingDay(target, request.windowStart)) {
    return `Ngày bắt đầu ${request.windowStart} không phải ngày làm việc; hãy chọn một ngày làm việc`;
  }
  return null;
}

/** The new cycle's definition: same teams, members, targets and rules; dates moved; no plan number yet. */
export function copiedDefinition(
  definition: CampaignDefinition,
  request: CopyRequest,
  calendars: CopyCalendars,
): CampaignDefinition {
  const from = definition.window.start;
  const to = request.windowStart;
  const shift = (date: string | null) => (date === null ? null : shiftExclusive(calendars, from, to, date));
  const copy = structuredClone(definition);
  copy.id = request.id;
  copy.title = request.title;
  if (request.fullTitle !== undefined) copy.fullTitle = request.fullTitle;
  else delete copy.fullTitle;
  copy.plan = { ...copy.plan, number: null, date: null };
  if (request.rehearsal) copy.rehearsal = true;
  copy.window = { start: to, endExclusive: shift(definition.window.endExclusive)! };
  copy.registration = { deadlineExclusive: shift(definition.registration.deadlineExclusive) };
  copy.teamReport = { deadlineExclusive: shift(definition.teamReport.deadlineExclusive) };
  // Local days off are dates of the old cycle; the new one enters its own.
  copy.calendar = { localDaysOff: [] };
  return copy;
}
