import type { Db } from '../db/connection.js';

// The plan's teams and targets counted and paged by SQLite, for the office's dashboard: a campaign
// of a thousand units answers a page of fifty without loading the whole structure. Teams and targets
// an amendment took out stay in their tables (removed_in_version) for their visits' history; the
// plan as it stands is the rows without it.

export interface TeamTargets {
  number: number;
  name: string;
  leaderUnitName: string;
  targets: number;
}

export interface TargetLine {
  teamNumber: number;
  unitId: string;
  unitName: string;
}

export function createTargetQueries(db: Db) {
  const sqlite = db.$client;
  return {
    /** Every team in number order, with how many targets the plan gives it. */
    targetCountsByTeam(campaignId: string): TeamTargets[] {
      return sqlite
        .prepare<[string], TeamTargets>(
          `select t.number, t.name, u.name as leaderUnitName, (select count(*) from assignments a where a.team_id = t.id and a.removed_in_version is null) as targets
           from teams t join units u on u.campaign_id = t.campaign_id and u.id = t.leader_unit_id
           where t.campaign_id = ? and t.removed_in_version is null order by t.number`,
        )
        .all(campaignId);
    },

    /** One page of targets in the plan's order (team, then position), with the count of all. */
    targetsPage(campaignId: string, page: { teamNumber?: number | undefined; limit: number; offset: number }): { total: number; lines: TargetLine[] } {
      const team = page.teamNumber === undefined ? '' : 'and t.number = ?';
      const params: unknown[] = page.teamNumber === undefined ? [campaignId] : [campaignId, page.teamNumber];
      const from = `from assignments a join teams t on t.id = a.team_id join units u on u.campaign_id = a.campaign_id and u.id = a.unit_id
        where a.campaign_id = ? and a.removed_in_version is null ${team}`;
      const total = sqlite.prepare<unknown[], { n: number }>(`select count(*) as n ${from}`).get(...params)!.n;
      const lines = sqlite
        .prepare<unknown[], TargetLine>(
          `select t.number as teamNumber, a.unit_id as unitId, u.name as unitName ${from} order by t.number, a.position limit ? offset ?`,
        )
        .all(...params, page.limit, page.offset);
      return { total, lines };
    },
  };
}
