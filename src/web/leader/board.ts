import type { DayStatus } from '../../calendar/rules.js';
import type { FreeResult, VisitView } from '../../schedule/schema.js';
import { sessionName, shortDate, weekdayName } from '../../text/dates.js';

// Pure: the planning board of one team, from what the schedule service answers (free and blocked
// sessions of each target, the team's visits) and the calendar's days. Nothing here decides a clash:
// every verdict and every reason comes from the clash engine through the free-sessions read.

export const BOARD_SESSIONS = ['sang', 'chieu'] as const;
type BoardSession = (typeof BOARD_SESSIONS)[number];

export interface BoardCell {
  kind: 'free' | 'mine' | 'blocked' | 'closed' | 'moving';
  sign: string;
  /** What a screen reader says and a pointer's tooltip shows. */
  label: string;
  href: string | null;
  warn: boolean;
}

export interface BoardDay {
  date: string;
  working: boolean;
  /** Why a day is not worked: "Thứ Bảy", "Quốc khánh". */
  offName: string | null;
  cells: BoardCell[] | null;
}

export interface BoardRow {
  unitId: string;
  name: string;
  scheduled: boolean;
  days: BoardDay[];
}

export interface BoardReason {
  id: string;
  date: string;
  session: string;
  unitName: string;
  messages: { code: string; text: string }[];
}

export interface BoardInput {
  campaignId: string;
  teamNumber: number;
  days: readonly DayStatus[];
  targets: readonly { unitId: string; name: string }[];
  free: ReadonlyMap<string, FreeResult>;
  visits: readonly VisitView[];
  /** Registration open to this person (before the deadline, or the office). */
  canRegister: boolean;
  /** A visit being moved: its target's free cells lead to the move, the others do nothing. */
  moving: VisitView | null;
  /** The standing office: a blocked cell leads to the check, where it may register anyway with a written reason. */
  canOverride?: boolean;
}

const covers = (visit: VisitView, session: BoardSession) =>
  visit.session === session || visit.session === 'ca-ngay' || (visit.session === 'custom' && overlapsSession(visit, session));

function overlapsSession(visit: VisitView, session: BoardSession): boolean {
  // Custom times: the morning ends at noon for the board's purpose of showing where the team is.
  return session === 'sang' ? visit.startTime < '12:00' : visit.endTime > '12:00';
}

const cellId = (unitId: string, date: string, session: string) => `ly-do-${unitId}-${date}-${session}`;

export function buildBoard(input: BoardInput): { rows: BoardRow[]; reasons: BoardReason[] } {
  const base = `/dot/${encodeURIComponent(input.campaignId)}`;
  const reasons: BoardReason[] = [];
  const rows = input.targets.map((target): BoardRow => {
    const free = input.free.get(target.unitId);
    const verdict = new Map<string, { free: boolean; reasons: FreeResult['blocked'][number]['reasons'] }>();
    for (const slot of free?.free ?? []) verdict.set(`${slot.date}|${slot.session}`, { free: true, reasons: slot.reasons });
    for (const slot of free?.blocked ?? []) verdict.set(`${slot.date}|${slot.session}`, { free: false, reasons: slot.reasons });
    const mine = input.visits.filter((v) => v.unitId === target.unitId && v.status !== 'cancelled');

    const days = input.days.map((day): BoardDay => {
      if (!day.working) {
        return {
          date: day.date,
          working: false,
          offName: day.note ? `${day.note.name}${day.note.status === 'estimated' ? ' (dự kiến)' : ''}` : weekdayName(day.date),
          cells: null,
        };
      }
      const cells = BOARD_SESSIONS.map((session): BoardCell => {
        const when = `${weekdayName(day.date)}, ${shortDate(day.date)}, buổi ${sessionName(session)}`;
        const own = mine.find((v) => v.date === day.date && covers(v, session));
        if (own) {
          return {
            kind: input.moving?.id === own.id ? 'moving' : 'mine',
            sign: '✓',
            label: `${target.name}, ${when}: buổi kiểm tra của đoàn (${own.status === 'registered' ? 'đã đăng ký' : 'đã thông báo'})`,
            href: `${base}/buoi/${own.id}`,
            warn: false,
          };
        }
        const found = verdict.get(`${day.date}|${session}`);
        // Once registration has closed for this person, that is said once above the board, not per cell.
        const errors = (found?.reasons ?? []).filter((r) => r.severity === 'error' && (input.canRegister || r.code !== 'REGISTRATION_CLOSED'));
        if (found && !found.free && errors.length > 0) {
          const id = cellId(target.unitId, day.date, session);
          reasons.push({
            id,
            date: day.date,
            session,
            unitName: target.name,
            messages: errors.map((r) => ({ code: r.code, text: r.message.vi })),
          });
          const label = `${target.name}, ${when}: trùng lịch — ${errors.map((r) => r.message.vi).join('; ')}`;
          if (input.canOverride && input.moving === null) {
            const query = new URLSearchParams({ don_vi: target.unitId, ngay: day.date, buoi: session });
            const href = `${base}/doan/${input.teamNumber}/lich/chon?${query}`;
            return { kind: 'blocked', sign: '✗', label: `${label} (cơ quan thường trực: chọn để đăng ký vượt quy định, kèm lý do)`, href, warn: false };
          }
          return { kind: 'blocked', sign: '✗', label, href: `#${id}`, warn: false };
        }
        const warn = (found?.reasons ?? []).some((r) => r.severity === 'warning');
        const movingHere = input.moving !== null && input.moving.unitId === target.unitId;
        if (!input.canRegister || (input.moving !== null && !movingHere)) {
          return { kind: 'closed', sign: '·', label: `${target.name}, ${when}: còn trống`, href: null, warn };
        }
        const query = new URLSearchParams({ don_vi: target.unitId, ngay: day.date, buoi: session, ...(input.moving ? { doi: String(input.moving.id) } : {}) });
        return {
          kind: 'free',
          sign: '·',
          label: `${input.moving ? 'Đổi lịch sang' : 'Đăng ký'} ${target.name}, ${when}${warn ? ' (có cảnh báo)' : ''}`,
          href: `${base}/doan/${input.teamNumber}/lich/chon?${query}`,
          warn,
        };
      });
      return { date: day.date, working: true, offName: null, cells };
    });
    return { unitId: target.unitId, name: target.name, scheduled: mine.length > 0, days };
  });
  return { rows, reasons };
}

/** The other teams' visits that bear on this team: at its targets, or of the teams its targets or its own units sit on. */
export function relatedVisits(all: readonly VisitView[], teamNumber: number, units: ReadonlySet<string>, teamsOfUnits: ReadonlySet<number>): VisitView[] {
  return all.filter((v) => v.teamNumber !== teamNumber && v.status !== 'cancelled' && (units.has(v.unitId) || teamsOfUnits.has(v.teamNumber)));
}
