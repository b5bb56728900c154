import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { isOffice } from '../auth/policy.js';
import type { DbOrTx } from '../db/connection.js';
import type { VisitView } from '../schedule/service.js';
import { localToday } from '../text/dates.js';
import type { Adjustment } from './adjustments.js';
import { programmeRowsOf, type NoticeContent } from './content.js';
import type { DocumentDeps } from './deps.js';
import { LateReasonForbidden, NothingToAnnounce, notAnnounceableError, tooLateError, unknownVisitsError } from './errors.js';
import type { Facts, FactsLoader } from './facts.js';
import { buildNoticeContent, NOTICE_SERIES, type NoticeVisit } from './notice-content.js';
import * as repo from './repository.js';
import { noticeDue, notAnnounceable, tooLate, type NoticeCandidate, type Refusal } from './rules.js';
import { numberLabel } from './wording.js';
import { twoDigits } from '../text/vietnamese.js';

// Issuing a Thông báo kiểm tra: the visits are checked against the lead time, the notice is numbered,
// stored as a frozen snapshot, supersedes the earlier notices of the visits it announces again (for
// those visits only), and the visits become "notified" under it, all in one transaction.

export const contentHash = (content: unknown) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

export interface NoticeRequest {
  visitIds?: number[];
  signerName?: string;
  /** The office issues despite NOTICE_TOO_LATE with a written reason; the notice and visits show it. */
  lateReason?: string;
}

/** What issuing would do: the draft's content and every reason it would be refused. */
export interface NoticeReview {
  content: NoticeContent;
  visits: NoticeCandidate[];
  notAnnounceable: Refusal[];
  tooLate: Refusal[];
  /** The earlier notices the new one supersedes, and for which visits. */
  replaces: { document: repo.DocumentRow; visitIds: number[] }[];
  dueDate: string | null;
}

/** The visits a notice would announce: those named (all of the team's), else every registered one. */
export function chooseVisits(
  deps: Pick<DocumentDeps, 'schedule'>,
  campaignId: string,
  teamNumber: number,
  visitIds: readonly number[] | undefined,
): VisitView[] {
  const { schedule } = deps;
  const active = schedule.listForTeam(campaignId, teamNumber);
  if (visitIds === undefined) {
    const registered = active.filter((v) => v.status === 'registered');
    if (registered.length === 0) {
      throw new NothingToAnnounce(`Đoàn ${twoDigits(teamNumber)} không có lịch kiểm tra nào đang chờ thông báo`);
    }
    return registered;
  }
  const byId = new Map(active.map((v) => [v.id, v]));
  const chosen: VisitView[] = [];
  const unknown: number[] = [];
  for (const id of new Set(visitIds)) {
    let visit = byId.get(id);
    if (!visit) {
      try {
        visit = schedule.get(campaignId, id);
      } catch {
        visit = undefined;
      }
    }
    if (visit && visit.teamNumber === teamNumber) chosen.push(visit);
    else unknown.push(id);
  }
  if (unknown.length > 0) throw unknownVisitsError(campaignId, unknown);
  return chosen;
}

/** Each visit with whether a notice is in force for it (a notice never announces a visit twice). */
export function candidatesOf(db: DbOrTx, visits: readonly VisitView[]): NoticeCandidate[] {
  const inForce = new Set(
    repo
      .noticePairsFor(
        db,
        visits.map((v) => v.id),
      )
      .filter(({ pair }) => repo.standingOf(pair) === 'in-force')
      .map(({ pair }) => pair.visitId),
  );
  return visits.map((v) => ({
    id: v.id,
    unitId: v.unitId,
    unitName: v.unitName,
    date: v.date,
    status: v.status,
    latestNoticeDate: v.deadlines.latestNoticeDate,
    covered: inForce.has(v.id),
  }));
}

/** The earlier notices of moved visits that a notice for `visitIds` replaces, with what they printed. */
export function replacedNotices(db: DbOrTx, visitIds: readonly number[]): { adjusts: Adjustment[]; replaces: NoticeReview['replaces'] } {
  const chosen = new Set(visitIds);
  const outdated = repo.noticePairsFor(db, visitIds).filter(({ pair }) => repo.standingOf(pair) === 'outdated');
  const documents = new Map(outdated.map(({ document }) => [document.id, document]));
  const pairs = repo.pairsOf(db, [...documents.keys()]);
  const adjusts: Adjustment[] = [];
  const replaces: NoticeReview['replaces'] = [];
  for (const document of documents.values()) {
    const rows = new Map(programmeRowsOf(document.content).map((r) => [r.visitId, r]));
    const own = pairs.get(document.id) ?? [];
    const again = own.filter((p) => chosen.has(p.visitId) && repo.standingOf(p) === 'outdated');
    const unitOf = (visitId: number) => rows.get(visitId)?.unitName ?? String(visitId);
    adjusts.push({
      numberLabel: document.numberLabel,
      issueDate: document.issueDate,
      whole: own.every((p) => again.includes(p) || repo.standingOf(p) === 'cancelled'),
      visits: again.map((p) => {
        const row = rows.get(p.visitId);
        return {
          visitId: p.visitId,
          unitName: unitOf(p.visitId),
          before: { dateText: row?.dateText ?? '', timeText: row?.timeText ?? '', place: row?.place ?? '' },
        };
      }),
      unchanged: [...new Set(own.filter((p) => repo.standingOf(p) === 'in-force').map((p) => unitOf(p.visitId)))],
    });
    replaces.push({ document, visitIds: again.map((p) => p.visitId) });
  }
  return { adjusts, replaces };
}

/** The visits as a notice prints them, with each target's outline and data period. */
export function noticeVisits(facts: Facts, visits: readonly VisitView[]): NoticeVisit[] {
  return visits.map((v) => {
    const target = facts.targets.get(v.unitId);
    return {
      id: v.id,
      unitId: v.unitId,
      unitName: v.unitName,
      unitLevel: target?.level ?? 'other',
      date: v.date,
      session: v.session,
      startTime: v.startTime,
      endTime: v.endTime,
      place: v.place,
      outline: target?.outline ?? null,
      outlinePeriod: target?.outlinePeriod ?? null,
    };
  });
}

export function createNoticeIssuer(deps: DocumentDeps, loadFacts: FactsLoader) {
  const { db, now, timeZone, audit, schedule } = deps;

  function content(facts: Facts, visits: VisitView[], number: number | null, issueDate: string, signerName: string | null, adjusts: Adjustment[]) {
    return buildNoticeContent({
      campaign: facts.campaign,
      team: facts.team,
      visits: noticeVisits(facts, visits),
      number,
      issueDate,
      signerName,
      adjusts,
    });
  }

  function review(
    tx: DbOrTx,
    campaignId: string,
    teamNumber: number,
    visitIds: readonly number[] | undefined,
    number: number | null,
    signerName: string | null,
  ): NoticeReview & { facts: Facts; chosen: VisitView[] } {
    const today = localToday(now(), timeZone);
    const facts = loadFacts(campaignId, teamNumber);
    const chosen = chooseVisits(deps, campaignId, teamNumber, visitIds);
    const checked = candidatesOf(tx, chosen);
    const { adjusts, replaces } = replacedNotices(
      tx,
      chosen.map((v) => v.id),
    );
    return {
      facts,
      chosen,
      content: content(facts, chosen, number, today, signerName, adjusts),
      visits: checked,
      notAnnounceable: notAnnounceable(checked),
      tooLate: tooLate(today, checked),
      replaces,
      dueDate: noticeDue(checked),
    };
  }

  return {
    /** The notice as it would be issued today, unnumbered ("DỰ THẢO"), with what issuing would refuse; nothing is saved. */
    review(campaignId: string, teamNumber: number, visitIds: readonly number[] | undefined, signerName: string | null): NoticeReview {
      const { facts: _facts, chosen: _chosen, ...result } = review(db, campaignId, teamNumber, visitIds, null, signerName);
      return result;
    },

    issue(campaignId: string, teamNumber: number, input: NoticeRequest, actor: Actor): repo.DocumentRow {
      if (input.lateReason !== undefined && !isOffice(actor)) {
        throw new LateReasonForbidden('Chỉ cơ quan thường trực được ban hành thông báo muộn, kèm lý do bằng văn bản (lateReason)');
      }
      return db.transaction(
        (tx) => {
          const today = localToday(now(), timeZone);
          const number = repo.nextNumber(tx, campaignId, loadFacts(campaignId, teamNumber).teamId, NOTICE_SERIES);
          const checked = review(tx, campaignId, teamNumber, input.visitIds, number, input.signerName ?? null);
          if (checked.notAnnounceable.length > 0) throw notAnnounceableError(checked.notAnnounceable);
          if (checked.tooLate.length > 0 && input.lateReason === undefined) throw tooLateError(checked.tooLate, today);
          const { facts, chosen, content: snapshot, replaces, dueDate } = checked;
          const ids = chosen.map((v) => v.id);
          const late = new Set(checked.tooLate.map((r) => r.visitId));
          const lateReason = late.size > 0 ? input.lateReason! : null;
          const row = repo.insertDocument(
            tx,
            {
              campaignId,
              teamId: facts.teamId,
              teamNumber,
              kind: 'notice',
              series: NOTICE_SERIES,
              number,
              numberLabel: numberLabel(number, NOTICE_SERIES, teamNumber),
              unitId: null,
              issueDate: today,
              issuedAt: now().toISOString(),
              issuedBy: actor.label,
              dueDate,
              lateReason,
              content: snapshot,
              contentHash: contentHash(snapshot),
              supersedes: replaces.map((r) => r.document.id),
            },
            ids,
          );
          for (const old of replaces) repo.supersedePairs(tx, old.document.id, old.visitIds, row.id);
          for (const visit of chosen) {
            const notice = {
              id: row.id,
              numberLabel: row.numberLabel,
              issueDate: today,
              origin: 'service' as const,
              lateReason: late.has(visit.id) ? lateReason : null,
            };
            schedule.markNotified(tx, campaignId, [visit.id], actor, notice);
          }
          audit.record(tx, actor, {
            action: lateReason ? 'document.issue-late' : 'document.issue',
            entityType: 'document',
            entityId: row.id,
            campaignId,
            teamId: facts.teamId,
            after: {
              kind: row.kind,
              numberLabel: row.numberLabel,
              issueDate: today,
              visitIds: ids,
              supersedes: row.supersedes,
              contentHash: row.contentHash,
              lateVisitIds: [...late],
            },
            reason: lateReason,
          });
          return row;
        },
        { behavior: 'immediate' },
      );
    },
  };
}
