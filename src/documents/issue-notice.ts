import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { localToday } from '../text/dates.js';
import type { VisitView } from '../schedule/service.js';
import type { DocumentDeps } from './deps.js';
import { NothingToAnnounce, notAnnounceableError, tooLateError, unknownVisitsError } from './errors.js';
import type { Facts, FactsLoader } from './facts.js';
import { buildNoticeContent, NOTICE_SERIES } from './notice-content.js';
import * as repo from './repository.js';
import { notAnnounceable, tooLate, type NoticeCandidate } from './rules.js';
import { numberLabel } from './wording.js';
import { twoDigits } from '../text/vietnamese.js';

// Issuing a Thông báo kiểm tra: the visits are checked against the lead time, the notice is numbered,
// stored as a frozen snapshot, replaces the outdated notices of the same visits, and the visits
// become "notified", all in one transaction.

export const contentHash = (content: unknown) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

export function createNoticeIssuer(deps: DocumentDeps, loadFacts: FactsLoader) {
  const { db, now, timeZone, audit, schedule } = deps;

  /** The visits a notice would announce: those named (all of the team's), else every registered one. */
  function chooseVisits(campaignId: string, teamNumber: number, visitIds: readonly number[] | undefined): VisitView[] {
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

  function candidates(visits: VisitView[]): NoticeCandidate[] {
    const current = repo.currentNoticesFor(db, visits.map((v) => v.id));
    const covered = new Set([...repo.visitsOf(db, current.map((n) => n.id)).values()].flat());
    return visits.map((v) => ({
      id: v.id,
      unitId: v.unitId,
      unitName: v.unitName,
      date: v.date,
      status: v.status,
      latestNoticeDate: v.deadlines.latestNoticeDate,
      covered: covered.has(v.id),
    }));
  }

  function content(facts: Facts, visits: VisitView[], number: number | null, issueDate: string, signerName: string | null, supersedes: string[]) {
    return buildNoticeContent({
      campaign: facts.campaign,
      team: facts.team,
      visits: visits.map((v) => {
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
      }),
      number,
      issueDate,
      signerName,
      supersedes,
    });
  }

  return {
    /** The notice as it would be issued today, unnumbered ("DỰ THẢO"); nothing is saved. */
    draft(campaignId: string, teamNumber: number, visitIds: readonly number[] | undefined, signerName: string | null) {
      const facts = loadFacts(campaignId, teamNumber);
      const visits = chooseVisits(campaignId, teamNumber, visitIds);
      return content(facts, visits, null, localToday(now(), timeZone), signerName, []);
    },

    issue(campaignId: string, teamNumber: number, input: { visitIds?: number[]; signerName?: string }, actor: Actor): repo.DocumentRow {
      return db.transaction(
        (tx) => {
          const today = localToday(now(), timeZone);
          const facts = loadFacts(campaignId, teamNumber);
          const visits = chooseVisits(campaignId, teamNumber, input.visitIds);
          const checked = candidates(visits);
          const blocked = notAnnounceable(checked);
          if (blocked.length > 0) throw notAnnounceableError(blocked);
          const late = tooLate(today, checked);
          if (late.length > 0) throw tooLateError(late, today);

          const ids = visits.map((v) => v.id);
          const replaced = repo.outdatedNoticesFor(tx, ids);
          const number = repo.nextNumber(tx, campaignId, facts.teamId, NOTICE_SERIES);
          const snapshot = content(facts, visits, number, today, input.signerName ?? null, replaced.map((r) => r.numberLabel));
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
              dueDate: null,
              content: snapshot,
              contentHash: contentHash(snapshot),
              supersedes: replaced.map((r) => r.id),
            },
            ids,
          );
          for (const old of replaced) repo.markSuperseded(tx, old.id, row.id);
          schedule.markNotified(tx, campaignId, visits.filter((v) => v.status === 'registered').map((v) => v.id), actor);
          audit.record(tx, actor, {
            action: 'document.issue',
            entityType: 'document',
            entityId: row.id,
            campaignId,
            teamId: facts.teamId,
            after: { kind: row.kind, numberLabel: row.numberLabel, issueDate: today, visitIds: ids, supersedes: row.supersedes, contentHash: row.contentHash },
          });
          return row;
        },
        { behavior: 'immediate' },
      );
    },
  };
}
