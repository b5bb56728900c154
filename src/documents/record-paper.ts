import type { Actor } from '../auth/actor.js';
import { fieldErrors, ValidationFailed } from '../http/errors.js';
import { localToday } from '../text/dates.js';
import type { PaperNoticeRecord } from './content.js';
import type { DocumentDeps } from './deps.js';
import { notAnnounceableError, NumberTaken, tooLateError } from './errors.js';
import type { FactsLoader } from './facts.js';
import { candidatesOf, chooseVisits, contentHash, noticeVisits, replacedNotices } from './issue-notice.js';
import { NOTICE_SERIES, programmeRows } from './notice-content.js';
import * as repo from './repository.js';
import { noticeDue, notAnnounceable, tooLate } from './rules.js';
import { teamSymbol } from './wording.js';

// A Thông báo kiểm tra issued on paper before it was entered: the office records its number and date.
// The stated date is judged by the same rules as an issued notice (lead time, visits announceable),
// the record says who entered it, when and why, and the service never renders it: it did not write it.

export interface PaperNoticeInput {
  numberLabel: string;
  issueDate: string;
  visitIds: number[];
  reason: string;
  signerName?: string;
  lateReason?: string;
}

/** "05/TB-ĐKT01" numbers the team's own TB series; another symbol keeps a series of its own. */
function numbering(label: string, teamNumber: number): { series: string; number: number } {
  const [number, symbol] = label.split('/') as [string, string];
  const own = `${NOTICE_SERIES}-${teamSymbol(teamNumber)}`;
  return { series: symbol === own ? NOTICE_SERIES : `paper:${symbol}`, number: Number(number) };
}

export function createPaperRecorder(deps: DocumentDeps, loadFacts: FactsLoader) {
  const { db, now, timeZone, audit, schedule } = deps;

  return {
    record(campaignId: string, teamNumber: number, input: PaperNoticeInput, actor: Actor): repo.DocumentRow {
      const today = localToday(now(), timeZone);
      if (input.issueDate > today) {
        throw fieldErrors(ValidationFailed, `Ngày ban hành ${input.issueDate} chưa đến (hôm nay ${today})`, [
          { in: 'body', field: 'issueDate', message: 'thông báo giấy phải đã được ban hành, không sau hôm nay' },
        ]);
      }
      return db.transaction(
        (tx) => {
          const facts = loadFacts(campaignId, teamNumber);
          const visits = chooseVisits(deps, campaignId, teamNumber, input.visitIds);
          const checked = candidatesOf(tx, visits);
          const blocked = notAnnounceable(checked);
          if (blocked.length > 0) throw notAnnounceableError(blocked);
          const late = tooLate(input.issueDate, checked);
          if (late.length > 0 && input.lateReason === undefined) throw tooLateError(late, input.issueDate);
          const { series, number } = numbering(input.numberLabel, teamNumber);
          const clash = repo.listDocuments(tx, campaignId, { teamNumber }).find((d) => d.series === series && d.number === number);
          if (clash) throw new NumberTaken(`Đoàn đã có văn bản số ${clash.numberLabel} (ngày ${clash.issueDate}); mỗi số chỉ dùng một lần`);

          const { replaces } = replacedNotices(
            tx,
            visits.map((v) => v.id),
          );
          const content: PaperNoticeRecord = {
            kind: 'paper-notice',
            numberLabel: input.numberLabel,
            issueDate: input.issueDate,
            signerName: input.signerName ?? null,
            programme: { rows: programmeRows(noticeVisits(facts, visits)) },
          };
          const lateReason = late.length > 0 ? input.lateReason! : null;
          const at = now().toISOString();
          const row = repo.insertDocument(
            tx,
            {
              campaignId,
              teamId: facts.teamId,
              teamNumber,
              kind: 'notice',
              origin: 'paper',
              series,
              number,
              numberLabel: input.numberLabel,
              unitId: null,
              issueDate: input.issueDate,
              // A paper notice's moment of issue is not known: only its date.
              issuedAt: input.issueDate,
              issuedBy: input.signerName ?? facts.team.name,
              enteredBy: actor.label,
              enteredAt: at,
              entryReason: input.reason,
              dueDate: noticeDue(checked),
              lateReason,
              content,
              contentHash: contentHash(content),
              supersedes: replaces.map((r) => r.document.id),
            },
            visits.map((v) => v.id),
          );
          for (const old of replaces) repo.supersedePairs(tx, old.document.id, old.visitIds, row.id);
          const lateIds = new Set(late.map((r) => r.visitId));
          for (const visit of visits) {
            const notice = {
              id: row.id,
              numberLabel: row.numberLabel,
              issueDate: row.issueDate,
              origin: 'paper' as const,
              lateReason: lateIds.has(visit.id) ? lateReason : null,
            };
            schedule.markNotified(tx, campaignId, [visit.id], actor, notice);
          }
          audit.record(tx, actor, {
            action: 'document.record-paper',
            entityType: 'document',
            entityId: row.id,
            campaignId,
            teamId: facts.teamId,
            after: {
              kind: row.kind,
              origin: 'paper',
              numberLabel: row.numberLabel,
              issueDate: row.issueDate,
              visitIds: visits.map((v) => v.id),
              enteredAt: at,
              lateReason,
              supersedes: row.supersedes,
            },
            reason: input.reason,
          });
          return row;
        },
        { behavior: 'immediate' },
      );
    },
  };
}
