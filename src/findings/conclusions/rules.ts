import { addWorkingDays, countWorkingDays, type CalendarData } from '../../calendar/rules.js';
import type { ConclusionState, RecommendationStatus } from '../tables.js';

// Pure rules of conclusions: which step is allowed from which state, and when a recommendation is
// overdue. No clock, no database: the service passes today's local date and the campaign calendar.

export interface HeadState {
  state: ConclusionState;
  publishedVersion: number | null;
  draftVersion: number | null;
}

export type Step = 'draft' | 'publish' | 'withdraw' | 'discard';

/** Vietnamese reason a step is refused, or null when it is allowed. */
export function refusal(head: HeadState | null, step: Step): string | null {
  switch (step) {
    case 'draft':
      return null;
    case 'publish':
      return head?.draftVersion ? null : 'Chưa có bản dự thảo kết luận để ban hành.';
    case 'discard':
      return head?.draftVersion ? null : 'Không có bản dự thảo để hủy.';
    case 'withdraw':
      return head?.state === 'published' ? null : 'Chỉ thu hồi được kết luận đang có hiệu lực (đã ban hành).';
  }
}

/** Publishing over a published version is an amendment (a reason is required); otherwise a publication. */
export function publishKind(head: HeadState): 'published' | 'amended' {
  return head.state === 'published' && head.publishedVersion !== null ? 'amended' : 'published';
}

/** The next version number: one above every version written so far (withdrawn ones included). */
export function nextVersion(written: readonly number[]): number {
  return Math.max(0, ...written) + 1;
}

/**
 * The last day to carry out a recommendation. When the due date is a day off, the time limit ends with
 * the next working day (Bộ luật Dân sự 2015, Điều 148 khoản 5).
 */
export function effectiveDueDate(calendar: CalendarData, dueDate: string): string {
  return addWorkingDays(calendar, dueDate, 0);
}

export interface Overdue {
  overdue: boolean;
  /** Working days past the effective due date (0 when not overdue). */
  workingDaysLate: number;
  effectiveDueDate: string;
}

/**
 * Not done and past its effective due date on `today` (a local ISO date). Done is never overdue; "in
 * progress" still is: the unit's expected date does not move the due date the conclusion set.
 */
export function overdueness(calendar: CalendarData, rec: { status: RecommendationStatus; dueDate: string }, today: string): Overdue {
  const effective = effectiveDueDate(calendar, rec.dueDate);
  const overdue = rec.status !== 'done' && today > effective;
  return { overdue, workingDaysLate: overdue ? countWorkingDays(calendar, effective, today) : 0, effectiveDueDate: effective };
}
