import type { Actor } from '../auth/actor.js';
import { UnitNotFound } from '../campaigns/service.js';
import type { DbOrTx, Tx } from '../db/connection.js';
import type { VisitView } from '../schedule/service.js';
import { localToday } from '../text/dates.js';
import type { DocumentDeps } from './deps.js';
import { AlreadyIssued, NotConcluded } from './errors.js';
import type { Facts, FactsLoader } from './facts.js';
import { contentHash } from './issue-notice.js';
import * as repo from './repository.js';
import {
  buildResultsNoticeContent,
  buildTeamReportContent,
  REPORT_SERIES,
  RESULTS_SERIES,
  type Conclusion,
  type ReportUnit,
} from './results-content.js';
import { resultsDue, teamReportDue } from './rules.js';
import { numberLabel } from './wording.js';
import { twoDigits } from '../text/vietnamese.js';

// Issuing a Thông báo kết quả kiểm tra (per inspected unit, from its published conclusions) and the
// team's Báo cáo kết quả kiểm tra. Issuing again after a conclusion changed supersedes the earlier one.

export function createResultsIssuer(deps: DocumentDeps, loadFacts: FactsLoader) {
  const { db, now, timeZone, audit, campaigns, schedule, findings } = deps;

  function conclusionsOf(campaignId: string, visits: VisitView[]): Conclusion[] {
    const out: Conclusion[] = [];
    const published = visits
      .filter((v) => v.status === 'concluded')
      .map((v) => ({ visit: v, conclusion: findings.publishedConclusion(campaignId, v.id) }));
    const names = campaigns.unitNames(
      campaignId,
      published.flatMap((p) => p.conclusion?.recommendations.map((r) => r.responsibleUnitId) ?? []),
    );
    for (const { visit, conclusion } of published) {
      if (!conclusion) continue;
      out.push({
        visitId: visit.id,
        version: conclusion.version,
        achieved: conclusion.achieved,
        shortcomings: conclusion.shortcomings,
        causes: conclusion.causes,
        recommendations: conclusion.recommendations.map((r) => ({
          text: r.text,
          responsibleUnitName: names.get(r.responsibleUnitId) ?? r.responsibleUnitId,
          dueDate: r.dueDate,
        })),
      });
    }
    return out;
  }

  /** The results notice in force for a unit, if any. */
  function currentResults(tx: DbOrTx, campaignId: string, teamNumber: number, unitId: string): repo.DocumentRow | undefined {
    return repo
      .listDocuments(tx, campaignId, { teamNumber, kind: 'results-notice', unitId })
      .find((d) => d.supersededById === null);
  }

  function save(
    tx: Tx,
    actor: Actor,
    facts: Facts,
    values: Omit<repo.NewDocumentRow, 'campaignId' | 'teamId' | 'teamNumber' | 'issuedAt' | 'issuedBy' | 'contentHash'>,
    visitIds: number[],
    replaced: repo.DocumentRow | undefined,
  ): repo.DocumentRow {
    const row = repo.insertDocument(
      tx,
      {
        ...values,
        campaignId: facts.campaign.id,
        teamId: facts.teamId,
        teamNumber: facts.team.number,
        issuedAt: now().toISOString(),
        issuedBy: actor.label,
        contentHash: contentHash(values.content),
        supersedes: replaced ? [replaced.id] : [],
      },
      visitIds,
    );
    if (replaced) repo.markSuperseded(tx, replaced.id, row.id);
    audit.record(tx, actor, {
      action: 'document.issue',
      entityType: 'document',
      entityId: row.id,
      campaignId: row.campaignId,
      teamId: row.teamId,
      unitId: row.unitId,
      after: { kind: row.kind, numberLabel: row.numberLabel, issueDate: row.issueDate, dueDate: row.dueDate, visitIds, supersedes: row.supersedes, contentHash: row.contentHash },
    });
    return row;
  }

  /** The results notice of a unit as it would be worded today; number null makes a draft. */
  function composeResultsNotice(tx: DbOrTx, campaignId: string, teamNumber: number, input: { unitId: string; signerName?: string }, number: (facts: Facts) => number | null) {
    const today = localToday(now(), timeZone);
    const facts = loadFacts(campaignId, teamNumber);
    const target = facts.targets.get(input.unitId);
    if (!target) throw new UnitNotFound(campaignId, input.unitId);
    const visits = schedule.listForTeam(campaignId, teamNumber).filter((v) => v.unitId === input.unitId);
    const conclusions = conclusionsOf(campaignId, visits);
    if (conclusions.length === 0) {
      throw new NotConcluded(`${target.name} chưa có kết luận kiểm tra được công bố; chưa thể ban hành thông báo kết quả`);
    }
    const announced = repo.listDocuments(tx, campaignId, { teamNumber, kind: 'notice' });
    const coveredBy = repo.visitsOf(tx, announced.map((n) => n.id));
    const notice = announced.filter((n) => (coveredBy.get(n.id) ?? []).some((id) => visits.some((v) => v.id === id))).at(-1);
    const content = buildResultsNoticeContent({
      campaign: facts.campaign,
      team: facts.team,
      unitId: input.unitId,
      unitName: target.name,
      visitDates: visits.filter((v) => conclusions.some((c) => c.visitId === v.id)).map((v) => v.date),
      notice: notice ? { numberLabel: notice.numberLabel, issueDate: notice.issueDate } : null,
      conclusions,
      number: number(facts),
      issueDate: today,
      signerName: input.signerName ?? null,
    });
    return { today, facts, target, visits, conclusions, content };
  }

  /** The team report as it would be worded today; number null makes a draft. */
  function composeTeamReport(tx: DbOrTx, campaignId: string, teamNumber: number, input: { signerName?: string }, number: (facts: Facts) => number | null) {
    const today = localToday(now(), timeZone);
    const facts = loadFacts(campaignId, teamNumber);
    const visits = schedule.listForTeam(campaignId, teamNumber);
    const order = [...new Set(visits.map((v) => v.unitId))];
    const units: ReportUnit[] = order.map((unitId) => {
      const own = visits.filter((v) => v.unitId === unitId);
      const current = currentResults(tx, campaignId, teamNumber, unitId);
      return {
        unitId,
        unitName: own[0]!.unitName,
        visitDates: own.map((v) => v.date),
        resultsNotice: current ? { numberLabel: current.numberLabel, issueDate: current.issueDate } : null,
        conclusions: conclusionsOf(campaignId, own),
      };
    });
    if (!units.some((u) => u.conclusions.length > 0)) {
      throw new NotConcluded(`Đoàn ${twoDigits(teamNumber)} chưa có kết luận kiểm tra nào được công bố; chưa thể lập báo cáo`);
    }
    const content = buildTeamReportContent({ campaign: facts.campaign, team: facts.team, units, number: number(facts), issueDate: today, signerName: input.signerName ?? null });
    return { today, facts, visits, content };
  }

  return {
    draftResultsNotice(campaignId: string, teamNumber: number, input: { unitId: string; signerName?: string }) {
      return composeResultsNotice(db, campaignId, teamNumber, input, () => null).content;
    },

    draftTeamReport(campaignId: string, teamNumber: number, input: { signerName?: string }) {
      return composeTeamReport(db, campaignId, teamNumber, input, () => null).content;
    },

    resultsNotice(campaignId: string, teamNumber: number, input: { unitId: string; signerName?: string }, actor: Actor): repo.DocumentRow {
      return db.transaction(
        (tx) => {
          let number = 0;
          const composed = composeResultsNotice(tx, campaignId, teamNumber, input, (facts) => (number = repo.nextNumber(tx, campaignId, facts.teamId, RESULTS_SERIES)));
          const { today, facts, target, visits, conclusions, content } = composed;
          const versions = Object.fromEntries(conclusions.map((c) => [String(c.visitId), c.version]));
          const previous = currentResults(tx, campaignId, teamNumber, input.unitId);
          if (previous && JSON.stringify((previous.content as { conclusionVersions?: unknown }).conclusionVersions) === JSON.stringify(versions)) {
            throw new AlreadyIssued(`Đã có Thông báo kết quả kiểm tra số ${previous.numberLabel} cho ${target.name} theo kết luận này (văn bản số ${previous.id})`);
          }
          const dueDate = resultsDue(visits.map((v) => v.deadlines.resultsNoticeDue));
          return save(
            tx,
            actor,
            facts,
            { kind: 'results-notice', series: RESULTS_SERIES, number, numberLabel: numberLabel(number, RESULTS_SERIES, teamNumber), unitId: input.unitId, issueDate: today, dueDate, content },
            conclusions.map((c) => c.visitId),
            previous,
          );
        },
        { behavior: 'immediate' },
      );
    },

    teamReport(campaignId: string, teamNumber: number, input: { signerName?: string }, actor: Actor): repo.DocumentRow {
      return db.transaction(
        (tx) => {
          let number = 0;
          const { today, facts, visits, content } = composeTeamReport(tx, campaignId, teamNumber, input, (f) => (number = repo.nextNumber(tx, campaignId, f.teamId, REPORT_SERIES)));
          const previous = repo.listDocuments(tx, campaignId, { teamNumber, kind: 'team-report' }).find((d) => d.supersededById === null);
          return save(
            tx,
            actor,
            facts,
            { kind: 'team-report', series: REPORT_SERIES, number, numberLabel: numberLabel(number, REPORT_SERIES, teamNumber), unitId: null, issueDate: today, dueDate: teamReportDue(facts.teamReportDeadlineExclusive), content },
            visits.map((v) => v.id),
            previous,
          );
        },
        { behavior: 'immediate' },
      );
    },
  };
}
