import { shortDate } from './dates.js';

/**
 * "Kế hoạch số 112/KH-TCTTKĐA06 ngày 25/7/2023". What the definition does not give yet is printed as
 * the blanks a clerk fills in: "…/KH-TCTTKĐA06" for a symbol without its number, "…/KH-…" for no
 * number at all, "ngày …/…/…" for no date; never a collapsed gap.
 */
export function planCitation(number: string | null, date: string | null): string {
  const no = number === null ? '…/KH-…' : number.startsWith('/') ? `…${number}` : number;
  return `Kế hoạch số ${no} ngày ${date === null ? '…/…/…' : shortDate(date)}`;
}
