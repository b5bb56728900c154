import type { DbOrTx } from '../db/connection.js';
import type { VisitView } from '../schedule/service.js';
import * as repo from './repository.js';
import type { NoticeCoverage } from './schema.js';

// Which notice covers which visit of a team: for each visit, the notice in force (issued or recorded
// from paper) and every notice that ever announced it, with its standing for that visit. What the team
// leader's board shows, and what a page reads before calling the notice draft.

export function noticeCoverage(db: DbOrTx, campaignId: string, teamNumber: number, visits: readonly VisitView[]): NoticeCoverage {
  const announced = repo.noticePairsFor(
    db,
    visits.map((v) => v.id),
  );
  const labels = new Map(announced.map(({ document }) => [document.id, document.numberLabel]));
  return {
    campaignId,
    teamNumber,
    visits: visits.map((v) => ({
      visitId: v.id,
      unitId: v.unitId,
      unitName: v.unitName,
      date: v.date,
      status: v.status,
      latestNoticeDate: v.deadlines.latestNoticeDate,
      notice: v.notice,
      notices: announced
        .filter(({ pair }) => pair.visitId === v.id)
        .map(({ pair, document }) => ({
          id: document.id,
          numberLabel: document.numberLabel,
          issueDate: document.issueDate,
          origin: document.origin,
          standing: repo.standingOf(pair),
          reason: pair.outdatedReason,
          supersededBy:
            pair.supersededById === null ? null : { id: pair.supersededById, numberLabel: labels.get(pair.supersededById) ?? String(pair.supersededById) },
        })),
    })),
  };
}
