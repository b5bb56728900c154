import { addWorkingDays, countWorkingDays, isWorkingDay, type CalendarData } from '../calendar/rules.js';
import { shortDate } from '../text/dates.js';
import { twoDigits } from '../text/vietnamese.js';
import type { CampaignDefinition } from './definition.js';
import type { DocumentIssue } from './errors.js';

// Pure: a campaign's definition carried into a new cycle. Every "trước ngày X" date keeps its place
// counted in working days from the window start, so the window keeps its length and the registration
// and report deadlines keep their lead, whatever holidays fall in either year. The outline data periods
// move by the months between the two windows; the plan's number and the plans it cites are the new
// cycle's, so they are left blank (their symbols kept) and listed for the office with what else to check.

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

const ymd = (iso: string) => iso.split('-').map(Number) as [number, number, number];
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Calendar months from one date's month to another's: 2023-08-03 → 2027-08-03 is 48. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1] = ymd(from);
  const [y2, m2] = ymd(to);
  return (y2 - y1) * 12 + (m2 - m1);
}

function addMonths(date: string, months: number, keepMonthEnd: boolean): string {
  const [y, m, d] = ymd(date);
  const index = y * 12 + (m - 1) + months;
  const [ny, nm] = [Math.floor(index / 12), (index % 12) + 1];
  const last = daysIn(ny, nm);
  return iso(ny, nm, keepMonthEnd && d === daysIn(y, m) ? last : Math.min(d, last));
}

/** A data period moved by whole months; a period ending on a month's last day ends on the new month's. */
export function shiftPeriod(period: { from: string; to: string }, months: number): { from: string; to: string } {
  return { from: addMonths(period.from, months, false), to: addMonths(period.to, months, true) };
}

/** "56/KH-UBND" → "/KH-UBND": the number is the new cycle's, the document's symbol stays. */
const symbolOf = (number: string | null) => (number === null ? null : number.includes('/') ? number.slice(number.indexOf('/')) : null);

/** Why a copy cannot be made: every problem, with its field. */
export function copyProblems(definition: CampaignDefinition, request: CopyRequest, target: CalendarData): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  if (request.id === definition.id) {
    issues.push({
      path: 'id',
      code: 'SAME_ID',
      message: 'Mã đợt kiểm tra mới phải khác mã đợt được sao chép',
      en: 'The new campaign needs another id than the one copied',
    });
  }
  if (!isWorkingDay(target, request.windowStart)) {
    issues.push({
      path: 'windowStart',
      code: 'NOT_WORKING_DAY',
      message: `Ngày bắt đầu ${shortDate(request.windowStart)} không phải ngày làm việc; hãy chọn một ngày làm việc`,
      en: `${request.windowStart} is not a working day; choose a working day to start the window`,
    });
  }
  return issues;
}

/** The new cycle's definition: same teams, members, targets and rules; dates and periods moved; no plan number yet. */
export function copiedDefinition(definition: CampaignDefinition, request: CopyRequest, calendars: CopyCalendars): CampaignDefinition {
  const from = definition.window.start;
  const to = request.windowStart;
  const shift = (date: string | null) => (date === null ? null : shiftExclusive(calendars, from, to, date));
  const months = monthsBetween(from, to);
  const copy = structuredClone(definition);
  copy.id = request.id;
  copy.title = request.title;
  if (request.fullTitle !== undefined) copy.fullTitle = request.fullTitle;
  else delete copy.fullTitle;
  copy.plan = { ...copy.plan, number: symbolOf(copy.plan.number), date: null };
  if (definition.plan.references) {
    const references: NonNullable<CampaignDefinition['plan']['references']> = {};
    for (const [id, ref] of Object.entries(definition.plan.references)) {
      // A reference given as printed has no symbol to keep: the copy prints the blanks of its set.
      if (typeof ref !== 'string') references[id] = { kind: ref.kind, number: symbolOf(ref.number), date: null };
    }
    copy.plan.references = references;
  }
  if (request.rehearsal) copy.rehearsal = true;
  copy.window = { start: to, endExclusive: shift(definition.window.endExclusive)! };
  copy.registration = { deadlineExclusive: shift(definition.registration.deadlineExclusive) };
  copy.teamReport = { deadlineExclusive: shift(definition.teamReport.deadlineExclusive) };
  copy.outlines.periods = Object.fromEntries(Object.entries(definition.outlines.periods).map(([code, p]) => [code, shiftPeriod(p, months)]));
  // Local days off are dates of the old cycle; the new one enters its own.
  copy.calendar = { localDaysOff: [] };
  return copy;
}

export interface CheckItem {
  path: string;
  code: string;
  message: string;
  messageEn: string;
}

/** What the office must check in a copy before the new cycle starts, each with its place in the definition. */
export function copyChecklist(source: CampaignDefinition, copy: CampaignDefinition, target: CalendarData): CheckItem[] {
  const periodText = (p: { from: string; to: string }) => `${shortDate(p.from)}–${shortDate(p.to)}`;
  const out: CheckItem[] = [];
  const add = (path: string, code: string, message: string, messageEn: string) => out.push({ path, code, message, messageEn });
  // A cycle's own documents are dated in its year; older ones (national decrees) usually stay in force.
  const cycleYear = source.window.start.slice(0, 4);
  const citesOldYear = (text: string) => (new RegExp(`(^|\\D)${cycleYear}(\\D|$)`).test(text) ? cycleYear : undefined);

  add(
    'plan.number',
    'PLAN_NUMBER',
    `Số và ngày ban hành kế hoạch để trống (${copy.plan.number ? `…${copy.plan.number}` : '…'}, ngày …): nhập khi kế hoạch được ký (sửa đổi kế hoạch, setPlan)`,
    'The plan number and date are blank: enter them once the plan is signed (amendment, setPlan)',
  );
  for (const id of Object.keys(source.plan.references ?? {})) {
    add(
      `plan.references.${id}`,
      'PLAN_REFERENCE',
      `Văn bản dẫn chiếu "${id}" trong đề cương để trống: nhập số, ngày của văn bản thuộc chu kỳ mới (sửa đổi kế hoạch, setPlanReference)`,
      `The document the outlines cite as "${id}" is blank: enter the new cycle's number and date (amendment, setPlanReference)`,
    );
  }
  for (const [code, period] of Object.entries(copy.outlines.periods)) {
    const before = source.outlines.periods[code]!;
    add(
      `outlines.periods.${code}`,
      'OUTLINE_PERIOD',
      `Kỳ số liệu đề cương ${code}: ${periodText(before)} → ${periodText(period)}; kiểm tra lại theo kế hoạch mới`,
      `Data period of outline ${code} moved from ${before.from}–${before.to} to ${period.from}–${period.to}; check it against the new plan`,
    );
  }
  const days = source.calendar.localDaysOff.map((d) => `${shortDate(d.date)} (${d.name})`);
  add(
    'calendar.localDaysOff',
    'LOCAL_DAYS_OFF',
    `Ngày nghỉ riêng của địa phương không được sao chép${days.length > 0 ? ` (chu kỳ trước: ${days.join(', ')})` : ''}; nhập các ngày nghỉ của chu kỳ mới`,
    `Local days off are not copied${days.length > 0 ? ` (the last cycle had ${source.calendar.localDaysOff.map((d) => d.date).join(', ')})` : ''}; enter the new cycle's`,
  );
  copy.plan.legalBasis.forEach((text, i) => {
    const year = citesOldYear(text);
    if (year)
      add(
        `plan.legalBasis[${i}]`,
        'LEGAL_BASIS',
        `Căn cứ ban hành kế hoạch dẫn văn bản năm ${year}: "${text}"`,
        `A legal basis of the plan cites a document of ${year}`,
      );
  });
  copy.inspection.contents.forEach((content, i) => {
    const year = citesOldYear(content.text);
    if (year)
      add(
        `inspection.contents[${i}]`,
        'INSPECTION_CONTENT',
        `Nội dung kiểm tra số ${content.no} dẫn văn bản năm ${year}: "${content.text}"`,
        `Inspection content ${content.no} cites a document of ${year}`,
      );
  });
  copy.teams.forEach((team, t) => {
    if (team.leaderPerson) {
      add(
        `teams[${t}].leaderPerson`,
        'SIGNER',
        `Trưởng đoàn ký văn bản của Đoàn ${twoDigits(team.number)} vẫn là ${team.leaderPerson.name}: kiểm tra lại`,
        `Team ${twoDigits(team.number)}'s documents are still signed by ${team.leaderPerson.name}: check`,
      );
    }
    team.members.forEach((member, m) => {
      if (typeof member !== 'string' && member.representative) {
        add(
          `teams[${t}].members[${m}].representative`,
          'REPRESENTATIVE',
          `Đại diện của "${member.unit}" trong Đoàn ${twoDigits(team.number)} vẫn là ${member.representative.name}: kiểm tra lại`,
          `"${member.unit}" is still represented on team ${twoDigits(team.number)} by ${member.representative.name}: check`,
        );
      }
    });
  });
  const years = [
    ...new Set([copy.window.start, copy.window.endExclusive, copy.teamReport.deadlineExclusive ?? copy.window.endExclusive].map((d) => Number(d.slice(0, 4)))),
  ];
  const estimated = years.filter((y) => !target.confirmedYears.has(y));
  if (estimated.length > 0) {
    add(
      'calendar',
      'CALENDAR_ESTIMATED',
      `Lịch nghỉ năm ${estimated.join(', ')} chưa được xác nhận: ngày nghỉ đang là ước tính, các hạn được tính theo ước tính này`,
      `The days off of ${estimated.join(', ')} are not confirmed yet: deadlines are counted on estimates`,
    );
  }
  add(
    'teams',
    'TOKENS',
    'Trưởng đoàn, thư ký và các đơn vị cần token của đợt kiểm tra mới (POST /auth/tokens)',
    'Leaders, secretaries and units need tokens for the new campaign (POST /auth/tokens)',
  );
  return out;
}
