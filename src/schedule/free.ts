import { addDays, daysBetween } from '../calendar/rules.js';
import { standardSessions, type ClashCode, type StandardSession } from '../campaigns/schema.js';
import { checkVisit, type ClashWorld, type Message, type Slot } from './rules.js';
import { sessionSpan, type SessionTimes, type TimeSpan } from './slots.js';

// Pure: the sessions in a date range where a team could register a visit to one of its targets
// without any error, and why each other session is blocked.

export interface SessionVerdict extends TimeSpan {
  date: string;
  session: StandardSession;
  errors: ClashCode[];
  warnings: ClashCode[];
  /** Each distinct finding's code and message: why a session is blocked, or what it would warn. */
  reasons: { code: ClashCode; severity: 'error' | 'warning'; message: Message }[];
}

/** Every date from `from` to `to`, both included. Counted, so no day after `to` (past 9999-12-31) is made. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = 0, last = daysBetween(from, to); i <= last; i += 1) out.push(addDays(from, i));
  return out;
}

/** The part of [from, to] inside the window [start, endExclusive), or null when they do not meet. */
export function boundedRange(from: string, to: string, window: { start: string; endExclusive: string }): { from: string; to: string } | null {
  const lastDay = addDays(window.endExclusive, -1);
  const bounded = { from: from < window.start ? window.start : from, to: to > lastDay ? lastDay : to };
  return bounded.from <= bounded.to ? bounded : null;
}

export function sessionVerdicts(
  target: { teamNumber: number; unitId: string },
  dates: readonly string[],
  times: SessionTimes,
  world: ClashWorld,
  visits: readonly Slot[],
): SessionVerdict[] {
  const byDate = new Map<string, Slot[]>();
  for (const visit of visits) byDate.set(visit.date, [...(byDate.get(visit.date) ?? []), visit]);
  const sameTarget = visits.filter((v) => v.teamNumber === target.teamNumber && v.unitId === target.unitId);
  const out: SessionVerdict[] = [];
  for (const date of dates) {
    for (const session of standardSessions) {
      const span = sessionSpan(times, session);
      const slot: Slot = { id: null, ...target, date, session, ...span, status: 'registered' };
      const others = [...new Set([...(byDate.get(date) ?? []), ...sameTarget])];
      const findings = checkVisit(slot, others, world, { purpose: 'register', override: false });
      const codes = (severity: 'error' | 'warning') => [...new Set(findings.filter((f) => f.severity === severity).map((f) => f.code))];
      const seen = new Set<string>();
      const reasons = findings
        .filter((f) => !seen.has(f.message.vi) && seen.add(f.message.vi))
        .map((f) => ({ code: f.code, severity: f.severity, message: f.message }));
      out.push({ date, session, ...span, errors: codes('error'), warnings: codes('warning'), reasons });
    }
  }
  return out;
}
