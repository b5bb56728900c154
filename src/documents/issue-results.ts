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
import { buildTeamReportContent, REPORT_SERIES, type NotVisited, type ReportUnit } from './report-content.js';
import { buildResultsNoticeContent, RESULTS_SERIES, type Conclusion } from './results-content.js';
import { resultsDue, teamReportDue } from './rules.js';
import { numberLabel } from './wording.js';
import { twoDigits } from '../text/vietnamese.js';

// Issuing a Thông báo kết quả kiểm tra (per inspected unit, from its published conclusions) and the
// team's Báo cáo kết quả kiểm tra. Issuing again after a conclusion changed supersedes the earlier one.

/** Why a unit with no visit carried out was not visited: its latest active visit, else its latest cancelled one. */
function notVisited(own: readonly VisitView[]): NotVisited {
  const active = own.filter((v) => v.status === 'registered' || v.status === 'notified').at(-1);
  if (active?.status === 'notified') return { kind: 'notified', date: active.date, noticeLabel: active.notice?.numberLabel ?? null };
  if (active) return { kind: 'registered', date: active.date };
  const cancelled = own.filter((v) => v.status === 'cancelled').at(-1);
  return cancelled ? { kind: 'cancelled', date: cancelled.date, reason: cancelled.cancelReason } : { kind: 'unregistered' };
}

export function createResultsIssuer(deps: DocumentDeps, loadFacts: FactsLoader) {
  const { db, now, timeZone, audit, campaigns, schedule, findings } = deps;

  function conclusionsOf(campaignId: string, visits: VisitView[]): Conclusion[] {
    const out: Conclusion[] = [];
    const published = visits.filter((v) => v.status === 'concluded').map((v) => ({ visit: v, conclusion: findings.publishedConclusion(campaignId, v.id) }));
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
          responsibleUnitId: r.responsibleUnitId,
          responsibleUnitName: names.get(r.responsibleUnitId) ?? r.responsibleUnitId,
          dueDate: r.dueDate,
        })),
      });
    }
    return out;
  }

  /** Every unit the plan assigns to the team: those with visits in programme order, then the others in plan order. */
  function reportUnits(tx: DbOrTx, campaignId: string, teamNumber: number, facts: Facts, visits: VisitView[]): ReportUnit[] {
    const first = (unitId: string) => visits.find((v) => v.unitId === unitId)?.date ?? '9999-12-31';
    const targets = [...facts.targets.values()].sort((a, b) => first(a.unitId).localeCompare(first(b.unitId)));
    return targets.map((target) => {
      const own = visits.filter((v) => v.unitId === target.unitId);
      const visited = own.filter((v) => v.status === 'carried-out' || v.status === 'concluded');
      const current = currentResults(tx, campaignId, teamNumber, target.unitId);
      return {
        unitId: target.unitId,
        unitName: target.name,
        visitDates: visited.map((v) => v.date),
        notVisited: visited.length > 0 ? null : notVisited(own),
        resultsNotice: current ? { numberLabel: current.numberLabel, issueDate: current.issueDate } : null,
        conclusions: conclusionsOf(campaignId, own),
      };
    });
  }

  /** The results notice in force for a unit, if any. */
  function currentResults(tx: DbOrTx, campaignId: string, teamNumber: number, unitId: string): repo.DocumentRow | undefined {
    return repo.listDocuments(tx, campaignId, { teamNumber, kind: 'results-notice', unitId }).find((d) => d.supersededById === null);
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
      after: {
        kind: row.kind,
        numberLabel: row.numberLabel,
        issueDate: row.issueDate,
        dueDate: row.dueDate,
        visitIds,
        supersedes: row.supersedes,
        contentHash: row.contentHash,
      },
    });
    return row;
  }

  /** The results notice of a unit as it would be worded today; a null number makes a draft. */
  function composeResultsNotice(
    tx: DbOrTx,
    campaignId: string,
    teamNumber: number,
    input: { unitId: string; signerName?: string },
    numberFor: (facts: Facts) => number | null,
  ) {
    const today = localToday(now(), timeZone);
    const facts = loadFacts(campaignId, teamNumber);
    const target = facts.targets.get(input.unitId);
    if (!target) throw new UnitNotFound(campaignId, input.unitId);
    const visits = schedule.listForTeam(campaignId, teamNumber).filter((v) => v.unitId === input.unitId);
    const conclusions = conclusionsOf(campaignId, visits);
    if (conclusions.length === 0) {
      throw new NotConcluded(`${target.name} chưa có kết luận kiểm tra được công bố; chưa thể ban hành thông báo kết quả`);
    }
    const concluded = visits.filter((v) => conclusions.some((c) => c.visitId === v.id));
    // The notice in force for the visits concluded (the one that announced them as they took place).
    const notice = concluded.flatMap((v) => (v.notice ? [v.notice] : [])).at(-1);
    const number = numberFor(facts);
    const content = buildResultsNoticeContent({
      campaign: facts.campaign,
      team: facts.team,
      unitId: input.unitId,
      unitName: target.name,
      visitDates: concluded.map((v) => v.date),
      notice: notice ? { numberLabel: notice.numberLabel, issueDate: notice.issueDate } : null,
      conclusions,
      number,
      issueDate: today,
      signerName: input.signerName ?? null,
    });
    return { today, facts, target, visits, conclusions, number, content };
  }

  /** The team report as it would be worded today; a null number makes a draft. */
  function composeTeamReport(tx: DbOrTx, campaignId: string, teamNumber: number, input: { signerName?: string }, numberFor: (facts: Facts) => number | null) {
    const today = localToday(now(), timeZone);
    const facts = loadFacts(campaignId, teamNumber);
    const visits = schedule.listForTeam(campaignId, teamNumber, { includeCancelled: true });
    const units = reportUnits(tx, campaignId, teamNumber, facts, visits);
    if (!units.some((u) => u.conclusions.length > 0)) {
      throw new NotConcluded(`Đoàn ${twoDigits(teamNumber)} chưa có kết luận kiểm tra nào được công bố; chưa thể lập báo cáo`);
    }
    const number = numberFor(facts);
    const content = buildTeamReportContent({
      campaign: facts.campaign,
      team: facts.team,
      units,
      number,
      issueDate: today,
      signerName: input.signerName ?? null,
    });
    return { today, facts, visits, number, content };
  }

  return {
    /** The results notice as it would be issued today: DỰ THẢO, unnumbered, nothing saved. */
    draftResultsNotice(campaignId: string, teamNumber: number, input: { unitId: string; signerName?: string }) {
      return composeResultsNotice(db, campaignId, teamNumber, input, () => null).content;
    },

    /** The team report as it would be issued today: DỰ THẢO, unnumbered, nothing saved. */
    draftTeamReport(campaignId: string, teamNumber: number, input: { signerName?: string }) {
      return composeTeamReport(db, campaignId, teamNumber, input, () => null).content;
    },

    resultsNotice(campaignId: string, teamNumber: number, input: { unitId: string; signerName?: string }, actor: Actor): repo.DocumentRow {
      return db.transaction(
        (tx) => {
          const composed = composeResultsNotice(tx, campaignId, teamNumber, input, (facts) => repo.nextNumber(tx, campaignId, facts.teamId, RESULTS_SERIES));
          const { today, facts, target, visits, conclusions, content } = composed;
          const number = composed.number!;
          const versions = Object.fromEntries(conclusions.map((c) => [String(c.visitId), c.version]));
          const previous = currentResults(tx, campaignId, teamNumber, input.unitId);
          if (previous && JSON.stringify((previous.content as { conclusionVersions?: unknown }).conclusionVersions) === JSON.stringify(versions)) {
            throw new AlreadyIssued(
              `Đã có Thông báo kết quả kiểm tra số ${previous.numberLabel} cho ${target.name} theo kết luận này (văn bản số ${previous.id})`,
            );
          }
          const dueDate = resultsDue(visits.map((v) => v.deadlines.resultsNoticeDue));
          return save(
            tx,
            actor,
            facts,
            {
              kind: 'results-notice',
              series: RESULTS_SERIES,
              number,
              numberLabel: numberLabel(number, RESULTS_SERIES, teamNumber),
              unitId: input.unitId,
              issueDate: today,
              dueDate,
              content,
            },
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
          const composed = composeTeamReport(tx, campaignId, teamNumber, input, (facts) => repo.nextNumber(tx, campaignId, facts.teamId, REPORT_SERIES));
          const { today, facts, visits, content } = composed;
          const number = composed.number!;
          const previous = repo.listDocuments(tx, campaignId, { teamNumber, kind: 'team-report' }).find((d) => d.supersededById === null);
          return save(
            tx,
            actor,
            facts,
            {
              kind: 'team-report',
              series: REPORT_SERIES,
              number,
              numberLabel: numberLabel(number, REPORT_SERIES, teamNumber),
              unitId: null,
              issueDate: today,
              dueDate: teamReportDue(facts.teamReportDeadlineExclusive),
              content,
            },
            visits.filter((v) => v.status !== 'cancelled').map((v) => v.id),
            previous,
          );
        },
        { behavior: 'immediate' },
      );
    },
  };
}
