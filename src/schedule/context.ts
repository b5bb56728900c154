import createError from '@fastify/error';
import type { CalendarData } from '../calendar/rules.js';
import type { CampaignRules } from '../campaigns/schema.js';
import { TeamNotFound, UnitNotFound, type CampaignService } from '../campaigns/service.js';
import type { Db } from '../db/connection.js';
import { withExtensions } from '../http/errors.js';
import { localToday } from '../text/dates.js';
import * as repo from './repository.js';
import { clashScope, type ClashWorld, type Slot, type TeamShape } from './rules.js';
import { twoDigits } from '../text/vietnamese.js';

// Loads what the clash engine needs for one team and target, and nothing more: the teams around them,
// the campaign's rules and calendar, and the few visits that can clash on the dates asked for.

export const NotTeamTarget = createError<[string]>('NOT_TEAM_TARGET', '%s', 422);

export type StoredTeam = ReturnType<CampaignService['structureAround']>['teams'][number];

export interface ClashSetup {
  rules: CampaignRules;
  calendar: CalendarData;
  team: StoredTeam;
  unit: { id: string; name: string; kind: string };
  world: ClashWorld;
  others: Slot[];
}

export interface ContextDeps {
  db: Db;
  now: () => Date;
  timeZone: string;
  campaigns: CampaignService;
  calendarFor: (campaignId: string) => CalendarData;
}

export function toShape(team: StoredTeam): TeamShape {
  return {
    number: team.number,
    leaderUnitId: team.leader.unitId,
    secretaryUnitId: team.secretaryUnitId,
    memberUnitIds: team.members.map((m) => m.unitId),
  };
}

export function toSlot(row: repo.VisitRow): Slot {
  return {
    id: row.id,
    teamNumber: row.teamNumber,
    unitId: row.unitId,
    date: row.date,
    session: row.session,
    startMinute: row.startMinute,
    endMinute: row.endMinute,
    status: row.status,
  };
}

export function createContextLoader(deps: ContextDeps) {
  const { db, campaigns, calendarFor } = deps;

  function today(): string {
    return localToday(deps.now(), deps.timeZone);
  }

  return {
    today,

    load(
      campaignId: string,
      target: { teamNumber: number; unitId: string },
      dates: { from: string; to: string },
      excludeId?: number,
      /** The day the rules are judged on: today, or the date a paper act took place. */
      asOf: string = today(),
    ): ClashSetup {
      const rules = campaigns.rules(campaignId);
      const around = campaigns.structureAround(campaignId, {
        teamNumbers: [target.teamNumber],
        unitIds: [target.unitId],
        colleagues: true,
      });
      const team = around.teams.find((t) => t.number === target.teamNumber);
      if (!team) throw new TeamNotFound(campaignId, target.teamNumber);
      const unit = around.units.find((u) => u.id === target.unitId);
      if (!unit) throw new UnitNotFound(campaignId, target.unitId);
      if (!team.targets.some((t) => t.unitId === unit.id)) {
        throw withExtensions(new NotTeamTarget(`${unit.name} không thuộc danh sách đơn vị được Đoàn ${twoDigits(team.number)} kiểm tra`), {
          teamNumber: team.number,
          unitId: unit.id,
        });
      }
      const teams = new Map<number, TeamShape>();
      const teamIds = new Map<number, number>();
      for (const t of around.teams) {
        teams.set(t.number, toShape(t));
        teamIds.set(t.number, t.id);
      }
      const unitNames = new Map(around.units.map((u) => [u.id, u.name]));

      const scope = clashScope(teams, team.number, unit.id);
      const candidates = repo.clashCandidates(
        db,
        campaignId,
        dates,
        scope.teamNumbers.map((n) => teamIds.get(n)!),
        scope.unitIds,
      );
      const seen = new Set(candidates.map((row) => row.id));
      const revisits = repo.visitsOfTeamAt(db, team.id, campaignId, unit.id).filter((row) => !seen.has(row.id));
      const rows = [...candidates, ...revisits].filter((row) => row.id !== excludeId);
      const unnamed = rows.map((r) => r.unitId).filter((id) => !unitNames.has(id));
      for (const [id, name] of campaigns.unitNames(campaignId, unnamed)) unitNames.set(id, name);

      const calendar = calendarFor(campaignId);
      return {
        rules,
        calendar,
        team,
        unit: { id: unit.id, name: unit.name, kind: unit.kind },
        world: { rules, calendar, teams, unitNames, today: asOf },
        others: rows.map(toSlot),
      };
    },
  };
}
