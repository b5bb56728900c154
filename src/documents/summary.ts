import type { DbOrTx } from '../db/connection.js';
import type { VisitView } from '../schedule/service.js';
import * as repo from './repository.js';
import { dueState, resultsDue, teamReportDue } from './rules.js';
import type { DocumentsSummary, DueItem } from './schema.js';
import { statusOf } from './views.js';

// What each team owes and has issued: notices for registered visits, a results notice per inspected
// unit, the team report. An item's state comes from its first issue (a late document stays late
// when reissued); the document shown is the one in force.

export interface SummaryInput {
  campaignId: string;
  today: string;
  teamNumbers: number[];
  teamReportDeadlineExclusive: string | null;
  visits: VisitView[];
}

export function buildSummary(db: DbOrTx, input: SummaryInput): DocumentsSummary {
  const { campaignId, today } = input;
  const docs = repo.listDocuments(db, campaignId);
  const pairs = repo.pairsOf(
    db,
    docs.map((d) => d.id),
  );
  const active = input.visits.filter((v) => v.status !== 'cancelled');
  const issued = (list: repo.DocumentRow[]) => {
    const current = list.find((d) => d.supersededById === null) ?? list.at(-1);
    return { first: list[0]?.issueDate ?? null, document: current ? { id: current.id, numberLabel: current.numberLabel, issueDate: current.issueDate } : null };
  };

  const teams = input.teamNumbers.map((teamNumber) => {
    const own = docs.filter((d) => d.teamNumber === teamNumber);
    const visits = active.filter((v) => v.teamNumber === teamNumber);
    const noticesDue: DueItem[] = visits
      .filter((v) => v.status === 'registered')
      .map((v) => ({
        kind: 'notice',
        teamNumber,
        unitId: v.unitId,
        unitName: v.unitName,
        visitIds: [v.id],
        dueDate: v.deadlines.latestNoticeDate,
        state: dueState(today, v.deadlines.latestNoticeDate, null),
        document: null,
      }));
    const unitIds = [...new Set(visits.map((v) => v.unitId))];
    const resultsNotices: DueItem[] = unitIds.map((unitId) => {
      const unitVisits = visits.filter((v) => v.unitId === unitId);
      const dueDate = resultsDue(unitVisits.map((v) => v.deadlines.resultsNoticeDue));
      const { first, document } = issued(own.filter((d) => d.kind === 'results-notice' && d.unitId === unitId));
      return {
        kind: 'results-notice',
        teamNumber,
        unitId,
        unitName: unitVisits[0]!.unitName,
        visitIds: unitVisits.map((v) => v.id),
        dueDate,
        state: dueState(today, dueDate, first),
        document,
      };
    });
    const reportDue = teamReportDue(input.teamReportDeadlineExclusive);
    const report = issued(own.filter((d) => d.kind === 'team-report'));
    const teamReport: DueItem = {
      kind: 'team-report',
      teamNumber,
      unitId: null,
      unitName: null,
      visitIds: visits.map((v) => v.id),
      dueDate: reportDue,
      state: dueState(today, reportDue, report.first),
      document: report.document,
    };
    return {
      teamNumber,
      notices: own
        .filter((d) => d.kind === 'notice')
        .map((d) => {
          const own = pairs.get(d.id) ?? [];
          return {
            id: d.id,
            numberLabel: d.numberLabel,
            issueDate: d.issueDate,
            status: statusOf(d, own),
            origin: d.origin,
            visitIds: own.map((p) => p.visitId),
            inForceFor: own.filter((p) => repo.standingOf(p) === 'in-force').map((p) => p.visitId),
          };
        }),
      noticesDue,
      resultsNotices,
      teamReport,
    };
  });

  const items = teams.flatMap((t) => [...t.noticesDue, ...t.resultsNotices, t.teamReport]);
  return {
    campaignId,
    today,
    teams,
    due: items.filter((i) => i.state === 'pending'),
    overdue: items.filter((i) => i.state === 'overdue'),
    issuedLate: items.filter((i) => i.state === 'issued-late'),
  };
}
