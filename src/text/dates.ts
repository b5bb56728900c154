import { DateTime } from 'luxon';

// Dates as Vietnamese documents and messages write them. Nghị định 30/2020/NĐ-CP, Phụ lục I: the day
// takes a leading zero below 10, the month only for January and February ("ngày 05 tháng 01 năm 2024",
// "ngày 28 tháng 7 năm 2023"), because a month 1 or 2 written alone could be extended into 10–12.

const WEEKDAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'] as const;
const SESSIONS = { sang: 'sáng', chieu: 'chiều', 'ca-ngay': 'cả ngày' } as const;
export type SessionCode = keyof typeof SESSIONS;

interface Parts {
  y: number;
  m: number;
  d: number;
}

function parts(iso: string): Parts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  const d = Number(match?.[3]);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (!match || probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    throw new RangeError(`not an ISO date: ${iso}`);
  }
  return { y, m, d };
}

const dayText = (d: number) => String(d).padStart(2, '0');
const monthText = (m: number) => (m <= 2 ? String(m).padStart(2, '0') : String(m));

/** documentDate('2024-01-05') = "ngày 05 tháng 01 năm 2024". */
export function documentDate(iso: string): string {
  const { y, m, d } = parts(iso);
  return `ngày ${dayText(d)} tháng ${monthText(m)} năm ${y}`;
}

/** The place-and-date line under the header: "Quảng Xương, ngày 28 tháng 7 năm 2023". */
export function placeDateLine(place: string, iso: string): string {
  return `${place}, ${documentDate(iso)}`;
}

/** shortDate('2023-08-03') = "03/8/2023"; shortDate('2024-01-05') = "05/01/2024". */
export function shortDate(iso: string): string {
  const { y, m, d } = parts(iso);
  return `${dayText(d)}/${monthText(m)}/${y}`;
}

/** weekdayName('2023-08-03') = "Thứ Năm"; Sunday is "Chủ nhật". */
export function weekdayName(iso: string): string {
  const { y, m, d } = parts(iso);
  const jsDay = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return WEEKDAYS[(jsDay + 6) % 7]!;
}

/** weekdayDate('2023-08-03') = "Thứ Năm, ngày 03/8/2023". */
export function weekdayDate(iso: string): string {
  return `${weekdayName(iso)}, ngày ${shortDate(iso)}`;
}

/** "từ ngày 03/8/2023 đến ngày 24/8/2023", or "ngày 03/8/2023" for a single day. */
export function dateRangeText(from: string, to: string): string {
  return from === to ? `ngày ${shortDate(from)}` : `từ ngày ${shortDate(from)} đến ngày ${shortDate(to)}`;
}

/** sessionName('sang') = "sáng"; an unknown code is returned as given. */
export function sessionName(session: SessionCode | (string & {})): string {
  return (SESSIONS as Record<string, string>)[session] ?? session;
}

/** The local calendar date of an instant in a time zone: localToday(now, 'Asia/Ho_Chi_Minh'). */
export function localToday(now: Date, zone: string): string {
  const local = DateTime.fromJSDate(now, { zone });
  if (!local.isValid) throw new RangeError(`invalid time zone: ${zone}`);
  return local.toISODate();
}
