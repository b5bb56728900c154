import type { Db } from '../db/connection.js';

// What the standing office's dashboard reads of the documents, counted by SQLite: results notices
// and team reports issued per team, and the results notices overdue. A unit's results notice is due
// some working days after a basis date (the team's last visit when counted from the round, the
// unit's own last visit otherwise); the caller turns "today" into the latest basis date that is not
// yet overdue, so the comparison runs in SQL.

export interface OverdueResults {
  teamNumber: number;
  unitId: string;
  unitName: string;
  /** The visit date the due date counts from. */
  basis: string;
}

export function createDocumentAggregates(db: Db) {
  const sqlite = db.$client;
  return {
    /** Units with a results notice issued, per team. */
    resultsNoticesByTeam(campaignId: string): Map<number, number> {
      const rows = sqlite
        .prepare<[string], { teamNumber: number; n: number }>(
          `select team_number as teamNumber, count(distinct unit_id) as n from documents
           where campaign_id = ? and kind = 'results-notice' group by team_number`,
        )
        .all(campaignId);
      return new Map(rows.map((r) => [r.teamNumber, r.n]));
    },

    /** First issue date of each team's report. */
    teamReportsFiled(campaignId: string): Map<number, string> {
      const rows = sqlite
        .prepare<[string], { teamNumber: number; issued: string }>(
          `select team_number as teamNumber, min(issue_date) as issued from documents
           where campaign_id = ? and kind = 'team-report' group by team_number`,
        )
        .all(campaignId);
      return new Map(rows.map((r) => [r.teamNumber, r.issued]));
    },

    /** First issue date of the results notice of each of the units. */
    resultsIssuedFor(campaignId: string, unitIds: readonly string[]): Map<string, string> {
      if (unitIds.length === 0) return new Map();
      const rows = sqlite
        .prepare<unknown[], { unitId: string; issued: string }>(
          `select unit_id as unitId, min(issue_date) as issued from documents
           where campaign_id = ? and kind = 'results-notice' and unit_id in (${unitIds.map(() => '?').join(',')}) group by unit_id`,
        )
        .all(campaignId, ...unitIds);
      return new Map(rows.map((r) => [r.unitId, r.issued]));
    },

    /** Units visited whose results notice is not issued and whose basis date is before `before`. */
    overdueResults(campaignId: string, countFrom: 'round' | 'visit', before: string, limit: number): { total: number; items: OverdueResults[] } {
      const query = `with visited as (
          select team_number, unit_id, max(date) as last from visits
          where campaign_id = @campaignId and status <> 'cancelled' group by team_number, unit_id),
        rounds as (select team_number, max(last) as last from visited group by team_number),
        due as (
          select v.team_number, v.unit_id, case when @countFrom = 'round' then r.last else v.last end as basis
          from visited v join rounds r on r.team_number = v.team_number)
        select due.team_number as teamNumber, due.unit_id as unitId, u.name as unitName, due.basis
        from due join units u on u.campaign_id = @campaignId and u.id = due.unit_id
        where due.basis < @before and not exists (select 1 from documents d where d.campaign_id = @campaignId
          and d.kind = 'results-notice' and d.unit_id = due.unit_id and d.team_number = due.team_number)`;
      const total = sqlite.prepare<unknown[], { n: number }>(`select count(*) as n from (${query})`).get({ campaignId, countFrom, before })!.n;
      const items = sqlite
        .prepare<unknown[], OverdueResults>(`${query} order by due.basis, due.team_number limit @limit`)
        .all({ campaignId, countFrom, before, limit });
      return { total, items };
    },
  };
}

export type DocumentAggregates = ReturnType<typeof createDocumentAggregates>;
