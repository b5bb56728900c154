import type { Db } from '../../db/connection.js';

// Recommendations and conclusions counted by SQLite for the office's dashboard. A recommendation is
// overdue when it is open and its due date is before `before`: the caller derives that date from
// today and the calendar (a due date on a day off runs to the next working day, rules.ts), so the
// comparison stays a plain indexed range in SQL. As in rules.ts, a recommendation is open until it is
// done: one the unit answered "in progress" still counts, and is overdue past its due date.

export interface RecommendationCounts {
  total: number;
  /** Not done yet: unanswered or in progress. */
  open: number;
  done: number;
  overdue: number;
}

export interface OverdueRecommendationLine {
  recommendationId: number;
  visitId: number;
  teamNumber: number;
  unitId: string;
  unitName: string;
  responsibleUnitId: string;
  responsibleUnitName: string;
  text: string;
  dueDate: string;
  status: 'open' | 'in-progress';
  /** The day the unit expects to finish, when it answered "in progress". */
  expectedDate: string | null;
}

const counts = `count(*) as total, coalesce(sum(r.status <> 'done'), 0) as open, coalesce(sum(r.status = 'done'), 0) as done,
  coalesce(sum(r.status <> 'done' and r.due_date < @before), 0) as overdue`;

export function createFindingsAggregates(db: Db) {
  const sqlite = db.$client;
  return {
    recommendationsByTeam(campaignId: string, before: string): Map<number, RecommendationCounts> {
      const rows = sqlite
        .prepare<unknown[], RecommendationCounts & { teamNumber: number }>(
          `select c.team_number as teamNumber, ${counts} from recommendations r join conclusions c on c.id = r.conclusion_id
           where r.campaign_id = @c and r.active = 1 group by c.team_number`,
        )
        .all({ c: campaignId, before });
      return new Map(rows.map(({ teamNumber, ...rest }) => [teamNumber, rest]));
    },

    /** Per inspected unit (the unit whose conclusion made the recommendation). */
    recommendationsOfUnits(campaignId: string, unitIds: readonly string[], before: string): Map<string, RecommendationCounts> {
      if (unitIds.length === 0) return new Map();
      const named = Object.fromEntries(unitIds.map((id, i) => [`u${i}`, id]));
      const rows = sqlite
        .prepare<unknown[], RecommendationCounts & { unitId: string }>(
          `select c.unit_id as unitId, ${counts} from recommendations r join conclusions c on c.id = r.conclusion_id
           where r.campaign_id = @c and r.active = 1 and c.unit_id in (${unitIds.map((_, i) => `@u${i}`).join(',')}) group by c.unit_id`,
        )
        .all({ c: campaignId, before, ...named });
      return new Map(rows.map(({ unitId, ...rest }) => [unitId, rest]));
    },

    /** Open recommendations due before `before`, oldest due date first. */
    overdueRecommendations(campaignId: string, before: string, limit: number): { total: number; items: OverdueRecommendationLine[] } {
      const from = `from recommendations r join conclusions c on c.id = r.conclusion_id
        join units u on u.campaign_id = c.campaign_id and u.id = c.unit_id
        join units o on o.campaign_id = c.campaign_id and o.id = r.responsible_unit_id
        where r.campaign_id = @c and r.active = 1 and r.status <> 'done' and r.due_date < @before`;
      const total = sqlite.prepare<unknown[], { n: number }>(`select count(*) as n ${from}`).get({ c: campaignId, before })!.n;
      const items = sqlite
        .prepare<unknown[], OverdueRecommendationLine>(
          `select r.id as recommendationId, c.visit_id as visitId, c.team_number as teamNumber, c.unit_id as unitId, u.name as unitName,
             r.responsible_unit_id as responsibleUnitId, o.name as responsibleUnitName, r.text, r.due_date as dueDate,
             r.status, r.expected_date as expectedDate
           ${from} order by r.due_date, r.id limit @limit`,
        )
        .all({ c: campaignId, before, limit });
      return { total, items };
    },

    /** State of the conclusion of each of the visits (draft, published, withdrawn). */
    conclusionStatesOf(visitIds: readonly number[]): Map<number, string> {
      if (visitIds.length === 0) return new Map();
      const rows = sqlite
        .prepare<unknown[], { visitId: number; state: string }>(
          `select visit_id as visitId, state from conclusions where visit_id in (${visitIds.map(() => '?').join(',')})`,
        )
        .all(...visitIds);
      return new Map(rows.map((r) => [r.visitId, r.state]));
    },
  };
}

export type FindingsAggregates = ReturnType<typeof createFindingsAggregates>;
