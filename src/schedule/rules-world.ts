import type { CalendarData } from '../calendar/rules.js';
import type { CampaignRules, ClashCode } from '../campaigns/schema.js';
import type { TimeSpan } from './slots.js';
import type { Session, VisitStatus } from './tables.js';

// What every clash rule sees (the visit, the world around it, what a rule reports) and the team
// helpers they share. A leaf: rules.ts, rules-dates.ts and rules-overlap.ts import it, it imports none of them.

export interface Slot extends TimeSpan {
  /** null for a proposed visit not yet saved. */
  id: number | null;
  teamNumber: number;
  unitId: string;
  date: string;
  session: Session;
  status: VisitStatus;
}

export interface TeamShape {
  number: number;
  leaderUnitId: string;
  secretaryUnitId: string;
  memberUnitIds: readonly string[];
}

export type ClashRules = Pick<
  CampaignRules,
  'window' | 'registrationDeadlineExclusive' | 'notice' | 'resultsNotice' | 'teamReportDeadlineExclusive' | 'visitsPerTeamPerDay' | 'severities'
>;

export interface ClashWorld {
  rules: ClashRules;
  calendar: CalendarData;
  /** At least the visit's team, the teams its target leads or sits on, and the teams of the others. */
  teams: ReadonlyMap<number, TeamShape>;
  unitNames: ReadonlyMap<string, string>;
  /** Local date in the campaign's time zone. */
  today: string;
}

export interface CheckOptions {
  /** register: the act of registering or moving (deadline applies); review: re-checking what is saved. */
  purpose: 'register' | 'review';
  /** The standing office overrides errors with a written reason. */
  override: boolean;
}

export interface Message {
  vi: string;
  en: string;
}

export interface RawFinding {
  code: ClashCode;
  message: Message;
  visits: number[];
  teams: number[];
  units: string[];
}

export interface Finding extends RawFinding {
  severity: 'error' | 'warning';
  overridden: boolean;
}

export function teamUnits(team: TeamShape): string[] {
  return [...new Set([team.leaderUnitId, team.secretaryUnitId, ...team.memberUnitIds])];
}

/** Teams (other than `except`) the unit leads or sits on. */
export function teamsOfUnit(teams: Iterable<TeamShape>, unitId: string, except?: number): TeamShape[] {
  const out: TeamShape[] = [];
  for (const team of teams) if (team.number !== except && teamUnits(team).includes(unitId)) out.push(team);
  return out;
}
