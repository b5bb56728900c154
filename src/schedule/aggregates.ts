import type { Db } from '../db/connection.js';
import type { Session, VisitStatus } from './tables.js';

// What the standing office's dashboard, timeline and exports read of the schedule, counted and
// filtered by SQLite on the visits indexes, so a campaign of thousands of units is never walked
// row by row in JavaScript. Lists are bounded (limit) and come with their full count.

export interface StatusCount {
  teamNumber: number;
  status: VisitStatus;
  visits: number;
}

export interface Bounded<T> {
  total: number;
  items: T[];
}

export interface LateVisit {
  visitId: number;
  teamNumber: number;
  unitId: string;
  unitName: string;
  date: string;
  session: Session;
}

export interface UnscheduledTarget {
  teamNumber: number;
  unitId: string;
  unitName: string;
}

export interface ExportRow {
  id: number;
  teamNumber: number;
  teamName: string;
  unitId: string;
  unitName: string;
  date: string;
  session: Session;
  startMinute: number;
  endMinute: number;
  place: string;
  status: VisitStatus;
  cancelReason: string | null;
  overrideReason: string | null;
  registeredAt: string;
  registeredBy: string;
}

export interface ExportFilter {
  teamNumber?: number | undefined;
  status?: VisitStatus | undefined;
}

export function createScheduleAggregates(db: Db) {
  const sqlite = db.$client;
  return {
    /** Active visits per team and status. */
    statusCountsByTeam(campaignId: string): StatusCount[] {
      return sqlite
        .prepare<[string], StatusCount>(
          `select team_number as teamNumber, status, count(*) as visits from visits
           where campaign_id = ? and status <> 'cancelled' group by team_number, status`,
        )
        .all(campaignId);
    },

    /** Targets with at least one active visit, per team. */
    scheduledTargetsByTeam(campaignId: string): Map<number, number> {
      const rows = sqlite
        .prepare<[string], { teamNumber: number; n: number }>(
          `select team_number as teamNumber, count(distinct unit_id) as n from visits
           where campaign_id = ? and status <> 'cancelled' group by team_number`,
        )
        .all(campaignId);
      return new Map(rows.map((r) => [r.teamNumber, r.n]));
    },

    /** Targets of the plan no active visit was registered for, in the plan's order. */
    unscheduledTargets(campaignId: string, limit: number): Bounded<UnscheduledTarget> {
      const from = `from assignments a join teams t on t.id = a.team_id
        join units u on u.campaign_id = a.campaign_id and u.id = a.unit_id
        where a.campaign_id = ? and a.removed_in_version is null and not exists (select 1 from visits v where v.campaign_id = a.campaign_id
          and v.unit_id = a.unit_id and v.team_id = a.team_id and v.status <> 'cancelled')`;
      const total = sqlite.prepare<[string], { n: number }>(`select count(*) as n ${from}`).get(campaignId)!.n;
      const items = sqlite
        .prepare<[string, number], UnscheduledTarget>(
          `select t.number as teamNumber, a.unit_id as unitId, u.name as unitName ${from} order by t.number, a.position limit ?`,
        )
        .all(campaignId, limit);
      return { total, items };
    },

    /** Registered (not yet notified) visits dated before `before`, oldest first. */
    registeredBefore(campaignId: string, before: string, limit: number): Bounded<LateVisit> {
      const where = `where v.campaign_id = ? and v.status = 'registered' and v.date < ?`;
      const total = sqlite.prepare<[string, string], { n: number }>(`select count(*) as n from visits v ${where}`).get(campaignId, before)!.n;
      const items = sqlite
        .prepare<[string, string, number], LateVisit>(
          `select v.id as visitId, v.team_number as teamNumber, v.unit_id as unitId, u.name as unitName, v.date, v.session
           from visits v join units u on u.campaign_id = v.campaign_id and u.id = v.unit_id ${where}
           order by v.date, v.start_minute, v.team_number limit ?`,
        )
        .all(campaignId, before, limit);
      return { total, items };
    },

    /** Active visits from `from` to `to` (closed range), in date order. */
    activeBetween(campaignId: string, from: string, to: string, limit: number): LateVisit[] {
      return sqlite
        .prepare<[string, string, string, number], LateVisit>(
          `select v.id as visitId, v.team_number as teamNumber, v.unit_id as unitId, u.name as unitName, v.date, v.session
           from visits v join units u on u.campaign_id = v.campaign_id and u.id = v.unit_id
           where v.campaign_id = ? and v.status <> 'cancelled' and v.date between ? and ?
           order by v.date, v.start_minute, v.team_number limit ?`,
        )
        .all(campaignId, from, to, limit);
    },

    /** Active visits per date and status: the progress of the round day by day. */
    dailyCounts(campaignId: string): { date: string; status: VisitStatus; visits: number }[] {
      return sqlite
        .prepare<[string], { date: string; status: VisitStatus; visits: number }>(
          `select date, status, count(*) as visits from visits where campaign_id = ? and status <> 'cancelled'
           group by date, status order by date`,
        )
        .all(campaignId);
    },

    /** Each unit's first active visit (by date and time). */
    firstVisitsOf(campaignId: string, unitIds: readonly string[]): Map<string, { id: number; date: string; status: VisitStatus }> {
      if (unitIds.length === 0) return new Map();
      const rows = sqlite
        .prepare<unknown[], { id: number; unitId: string; date: string; status: VisitStatus }>(
          `select id, unit_id as unitId, date, status from visits
           where campaign_id = ? and status <> 'cancelled' and unit_id in (${unitIds.map(() => '?').join(',')})
           order by date desc, start_minute desc`,
        )
        .all(campaignId, ...unitIds);
      return new Map(rows.map((r) => [r.unitId, { id: r.id, date: r.date, status: r.status }]));
    },

    /**
     * The visits of an export, chunk by chunk in the schedule's order (keyset paging on date, time,
     * team, id): a 50,000-visit schedule is never held in memory whole, and no statement stays open
     * between chunks (better-sqlite3 refuses other queries while an iterator is open).
     */
    *exportChunks(campaignId: string, filter: ExportFilter = {}, size = 2_000): Generator<ExportRow[]> {
      const where = ['v.campaign_id = @campaignId'];
      if (filter.teamNumber !== undefined) where.push('v.team_number = @teamNumber');
      if (filter.status !== undefined) where.push('v.status = @status');
      const select = (after: boolean) =>
        sqlite.prepare<unknown[], ExportRow & { startKey: number }>(
          `select v.id, v.team_number as teamNumber, t.name as teamName, v.unit_id as unitId, u.name as unitName, v.date,
             v.session, v.start_minute as startMinute, v.end_minute as endMinute, v.place, v.status,
             v.cancel_reason as cancelReason, v.override_reason as overrideReason, v.registered_at as registeredAt,
             v.registered_by as registeredBy, v.start_minute as startKey
           from visits v join teams t on t.id = v.team_id join units u on u.campaign_id = v.campaign_id and u.id = v.unit_id
           where ${where.join(' and ')}${after ? ' and (v.date, v.start_minute, v.team_number, v.id) > (@date, @minute, @team, @id)' : ''}
           order by v.date, v.start_minute, v.team_number, v.id limit @size`,
        );
      const first = select(false);
      const next = select(true);
      const params = {
        campaignId,
        size,
        ...(filter.teamNumber !== undefined ? { teamNumber: filter.teamNumber } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      };
      let rows = first.all(params);
      while (rows.length > 0) {
        yield rows;
        if (rows.length < size) return;
        const last = rows.at(-1)!;
        rows = next.all({ ...params, date: last.date, minute: last.startKey, team: last.teamNumber, id: last.id });
      }
    },
  };
}

export type ScheduleAggregates = ReturnType<typeof createScheduleAggregates>;
