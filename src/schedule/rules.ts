import { dateRules } from './rules-dates.js';
import { overlapRules } from './rules-overlap.js';
import { teamsOfUnit, teamUnits, type CheckOptions, type ClashWorld, type Finding, type Slot, type TeamShape } from './rules-world.js';

export type { CheckOptions, ClashRules, ClashWorld, Finding, Message, RawFinding, Slot, TeamShape } from './rules-world.js';
export { teamsOfUnit, teamUnits } from './rules-world.js';
import { repeatRules } from './rules-repeat.js';
import type { VisitStatus } from './tables.js';

// The clash engine: pure rules over the campaign, its calendar, who sits on which team and the other
// visits that could clash. No clock, no database: "today" and every visit come in as arguments.

/** The clash codes that mean someone would be in two places at once (DESIGN.md's clash table). */
export const DOUBLE_BOOKINGS: ReadonlySet<string> = new Set(['TARGET_DOUBLE_BOOKED', 'TEAM_DOUBLE_BOOKED', 'HOST_AWAY_INSPECTING', 'MEMBER_DOUBLE_BOOKED']);

/** A visit counts as covered by a notice once it is notified or later. */
export const activeStatuses: readonly VisitStatus[] = ['registered', 'notified', 'carried-out', 'concluded'];

export function isActive(slot: Pick<Slot, 'status'>): boolean {
  return slot.status !== 'cancelled';
}

/**
 * Which other visits can clash with a visit of `teamNumber` at `unitId`: those of the team, of the
 * teams the target serves on, of the other teams its own units serve on, and those at the team's
 * own units or at the target. Loading only these keeps a check flat however large the campaign.
 */
export function clashScope(teams: ReadonlyMap<number, TeamShape>, teamNumber: number, unitId: string): { teamNumbers: number[]; unitIds: string[] } {
  const team = teams.get(teamNumber);
  const own = team ? teamUnits(team) : [];
  const numbers = new Set<number>([teamNumber]);
  for (const other of teamsOfUnit(teams.values(), unitId, teamNumber)) numbers.add(other.number);
  for (const unit of own) for (const other of teamsOfUnit(teams.values(), unit, teamNumber)) numbers.add(other.number);
  return { teamNumbers: [...numbers], unitIds: [...new Set([unitId, ...own])] };
}

/**
 * Every finding about one visit, with the campaign's severities ('off' drops a rule). `others` holds
 * the active visits that can clash on the visit's date and the team's other visits to the same target.
 */
export function checkVisit(slot: Slot, others: readonly Slot[], world: ClashWorld, options: CheckOptions): Finding[] {
  const rest = others.filter((o) => isActive(o) && (slot.id === null || o.id !== slot.id));
  const sameDay = rest.filter((o) => o.date === slot.date);
  const sameTarget = rest.filter((o) => o.teamNumber === slot.teamNumber && o.unitId === slot.unitId);
  const raw = [...dateRules(slot, world, options), ...overlapRules(slot, sameDay, world), ...repeatRules(slot, sameTarget, world)];
  const out: Finding[] = [];
  for (const finding of raw) {
    const level = world.rules.severities[finding.code] ?? 'error';
    if (level === 'off') continue;
    out.push({ ...finding, severity: level, overridden: level === 'error' && options.override });
  }
  return out;
}

export function blockingErrors(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && !f.overridden);
}
