import type { CalendarData } from '../calendar/rules.js';
import type { CampaignRules } from '../campaigns/schema.js';
import type { CampaignService } from '../campaigns/service.js';
import type { Db } from '../db/connection.js';
import { visitDeadlines } from './deadlines.js';
import * as repo from './repository.js';
import type { VisitView } from './schema.js';
import { formatTime } from './slots.js';

// Saved visits as the API shows them, with the deadlines derived from the campaign's rules and calendar.

export interface ViewContext {
  rules: CampaignRules;
  calendar: CalendarData;
  names: ReadonlyMap<string, string>;
  roundEnds: ReadonlyMap<number, string>;
}

export function toView(row: repo.VisitRow, context: ViewContext): VisitView {
  return {
    id: row.id,
    campaignId: row.campaignId,
    teamNumber: row.teamNumber,
    unitId: row.unitId,
    unitName: context.names.get(row.unitId) ?? row.unitId,
    date: row.date,
    session: row.session,
    startTime: formatTime(row.startMinute),
    endTime: formatTime(row.endMinute),
    place: row.place,
    status: row.status,
    cancelReason: row.cancelReason,
    overriddenCodes: row.overriddenCodes,
    overrideReason: row.overrideReason,
    notice: row.notice ?? null,
    enteredAfterwards: row.enteredAfterwards ?? null,
    version: row.version,
    registeredAt: row.registeredAt,
    registeredBy: row.registeredBy,
    updatedAt: row.updatedAt,
    deadlines: visitDeadlines(context.rules, context.calendar, row.date, context.roundEnds.get(row.teamNumber) ?? null),
  };
}

export function createViews(deps: { db: Db; campaigns: CampaignService; calendarFor: (campaignId: string) => CalendarData }) {
  const { db, campaigns, calendarFor } = deps;

  function context(campaignId: string, rows: readonly repo.VisitRow[], known: Partial<ViewContext> = {}): ViewContext {
    const teams = new Set(rows.map((r) => r.teamNumber));
    const roundEnds =
      teams.size === 1 ? new Map([[rows[0]!.teamNumber, repo.roundEndOfTeam(db, rows[0]!.teamId) ?? rows[0]!.date]]) : repo.roundEnds(db, campaignId);
    const missing = known.names ? rows.map((r) => r.unitId).filter((id) => !known.names!.has(id)) : rows.map((r) => r.unitId);
    return {
      rules: known.rules ?? campaigns.rules(campaignId),
      calendar: known.calendar ?? calendarFor(campaignId),
      names: missing.length === 0 ? known.names! : new Map([...(known.names ?? []), ...campaigns.unitNames(campaignId, missing)]),
      roundEnds,
    };
  }

  return {
    many(campaignId: string, rows: readonly repo.VisitRow[]): VisitView[] {
      if (rows.length === 0) return [];
      const ctx = context(campaignId, rows);
      return rows.map((row) => toView(row, ctx));
    },
    /** known: what the caller has already loaded (rules, calendar, unit names). */
    one(campaignId: string, row: repo.VisitRow, known?: Partial<ViewContext>): VisitView {
      return toView(row, context(campaignId, [row], known));
    },
  };
}

export type Views = ReturnType<typeof createViews>;
