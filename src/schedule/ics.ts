import { DateTime, IANAZone } from 'luxon';

// Pure: an iCalendar (RFC 5545) feed of visits. Times are written in the campaign's zone with a
// VTIMEZONE when the zone keeps one offset (Asia/Ho_Chi_Minh has had +07:00 since 1975), else in UTC.
// UIDs never change for a visit; SEQUENCE grows with every change so calendars replace the event.

export interface IcsEvent {
  uid: string;
  sequence: number;
  cancelled: boolean;
  date: string;
  startMinute: number;
  endMinute: number;
  summary: string;
  location: string;
  description: string;
  /** Instant of the last change (DTSTAMP, LAST-MODIFIED). */
  updatedAt: string;
  createdAt: string;
}

export interface IcsCalendar {
  name: string;
  timeZone: string;
  events: readonly IcsEvent[];
}

const encoder = new TextEncoder();

/** Lines longer than 75 octets continue on the next line after CRLF and a space (never inside a character). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function utcStamp(instant: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
}

/** Whether the zone keeps a single offset over the given years (no daylight saving, no change). */
export function fixedOffset(zone: string, years: readonly number[]): number | null {
  const iana = IANAZone.create(zone);
  let offset: number | null = null;
  for (const year of years) {
    for (const month of [1, 4, 7, 10]) {
      const at = iana.offset(Date.UTC(year, month - 1, 1));
      if (offset === null) offset = at;
      else if (at !== offset) return null;
    }
  }
  return offset;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function localTime(date: string, minute: number): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ minutes: minute });
}

export function buildCalendar(calendar: IcsCalendar): string {
  const years = [...new Set(calendar.events.map((e) => Number(e.date.slice(0, 4))))];
  const offset = fixedOffset(calendar.timeZone, years.length > 0 ? years : [2000]);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Đề án 06//Inspection campaign service//VI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${calendar.timeZone}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  if (offset !== null) {
    lines.push(
      'BEGIN:VTIMEZONE',
      `TZID:${calendar.timeZone}`,
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${offsetText(offset)}`,
      `TZOFFSETTO:${offsetText(offset)}`,
      'END:STANDARD',
      'END:VTIMEZONE',
    );
  }
  const when = (name: string, date: string, minute: number) => {
    const local = localTime(date, minute);
    if (offset !== null) return `${name};TZID=${calendar.timeZone}:${local.toFormat("yyyyMMdd'T'HHmmss")}`;
    const instant = DateTime.fromObject(
      { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute },
      { zone: calendar.timeZone },
    ).toUTC();
    return `${name}:${instant.toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
  };
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `SEQUENCE:${event.sequence}`,
      `DTSTAMP:${utcStamp(event.updatedAt)}`,
      `CREATED:${utcStamp(event.createdAt)}`,
      `LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
      when('DTSTART', event.date, event.startMinute),
      when('DTEND', event.date, event.endMinute),
      `SUMMARY:${escapeText(event.summary)}`,
      `LOCATION:${escapeText(event.location)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
