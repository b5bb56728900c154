import { addDays } from '../calendar/rules.js';

// Pure. Every due date the office watches is a non-decreasing function of a basis date (a visit's
// date, a round's end, a recommendation's due date) through the calendar. "Overdue on today" is then
// "basis before the cutoff", the earliest basis whose due date has not passed: one date computed here,
// one range comparison in SQL, instead of a due date per row in JavaScript.

/** How far from today a cutoff is looked for (two years either way covers any rule of a plan). */
const REACH_DAYS = 730;

/**
 * The earliest date d with due(d) ≥ today, for a non-decreasing due(); a basis date b is overdue on
 * today exactly when b < cutoff (today > due(b)).
 */
export function overdueCutoff(due: (basis: string) => string, today: string): string {
  let lo = -REACH_DAYS;
  let hi = REACH_DAYS;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (due(addDays(today, mid)) >= today) hi = mid;
    else lo = mid + 1;
  }
  return addDays(today, lo);
}
