import { isoWeekday } from '../calendar/rules.js';
import { sessionName, shortDate } from '../text/dates.js';
import { formatTime, type TimeSpan } from './slots.js';
import type { Session } from './tables.js';
import { twoDigits } from '../text/vietnamese.js';

// Pure: how dates, sessions and teams are written in messages and feeds.

const weekdaysEn = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export { shortDate, weekdayName as weekdayVi } from '../text/dates.js';

export function weekdayEn(iso: string): string {
  return weekdaysEn[isoWeekday(iso)]!;
}

export function teamLabel(number: number): string {
  return twoDigits(number);
}

const sessionVi: Record<Session, string> = { sang: 'buổi sáng', chieu: 'buổi chiều', 'ca-ngay': 'cả ngày', custom: '' };
const sessionEn: Record<Session, string> = { sang: 'morning', chieu: 'afternoon', 'ca-ngay': 'all day', custom: '' };

/** "buổi sáng 10/8/2023 (07:30–11:30)" / "10/8/2023, 08:00–10:00" (dates as in src/text/dates.ts). */
export function slotVi(slot: TimeSpan & { date: string; session: Session }): string {
  const range = `${formatTime(slot.startMinute)}–${formatTime(slot.endMinute)}`;
  const day = shortDate(slot.date);
  return slot.session === 'custom' ? `${day}, ${range}` : `${sessionVi[slot.session]} ${day} (${range})`;
}

export function slotEn(slot: TimeSpan & { date: string; session: Session }): string {
  const range = `${formatTime(slot.startMinute)}–${formatTime(slot.endMinute)}`;
  return slot.session === 'custom' ? `${slot.date} ${range}` : `${slot.date} ${sessionEn[slot.session]} (${range})`;
}

export function sessionNameVi(session: Session): string {
  return session === 'custom' ? 'theo giờ' : sessionName(session);
}
