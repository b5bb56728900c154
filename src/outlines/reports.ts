import createError from '@fastify/error';
import type { FastifyRequest } from 'fastify';
import type { AuditService } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import { isOffice } from '../auth/policy.js';
import type { Db } from '../db/connection.js';
import { assertIfMatch, etag } from '../http/etag.js';
import { Forbidden, withExtensions } from '../http/errors.js';
import { localToday } from '../text/dates.js';
import { applyChanges, checkAnswers, staleItems, type AnswerInput } from './answers.js';
import type { OutlineCore, ResolvedUnitOutline } from './core.js';
import { reportView } from './report-view.js';
import * as repo from './repository.js';
import type { SelfReportView } from './schema.js';

// A unit's self-report: answers item by item, checked against its outline, with completeness.
// Whoever may read the outline may read the report; only the unit itself and the office write it,
// and only until it is submitted (submission.ts).

const SelfReportInvalid = createError<[string]>('SELF_REPORT_INVALID', '%s', 400);
export const SelfReportLocked = createError<[string]>('SELF_REPORT_SUBMITTED', '%s', 409);
const ItemsChanged = createError<[string]>('SELF_REPORT_ITEM_CHANGED', '%s', 409);

export type SelfReports = ReturnType<typeof createSelfReports>;

export interface ReportDeps {
  db: Db;
  now: () => Date;
  timeZone: string;
  audit: AuditService;
  core: OutlineCore;
}

/**
 * The unit itself and the office write the unit's report. A unit that sits on one team and is
 * inspected by another (Bảo hiểm xã hội huyện) holds a member unit's token or invitation: it writes
 * its own report too.
 */
export function assertWriter(actor: Actor, unitId: string, what: string): void {
  if (!isOffice(actor) && !((actor.role === 'unit' || actor.role === 'member') && actor.unitId === unitId)) {
    throw new Forbidden(`Chỉ đơn vị được kiểm tra (hoặc cơ quan thường trực) mới ${what} báo cáo của đơn vị.`);
  }
}

export function lockedError(): Error {
  return new SelfReportLocked('Báo cáo đã nộp nên không sửa được nữa; chỉ sửa được khi đoàn kiểm tra trả lại để chỉnh sửa.');
}

export function createSelfReports({ db, now, timeZone, audit, core }: ReportDeps) {
  const view = (resolved: ResolvedUnitOutline, row: repo.SelfReportRow | undefined) => reportView(resolved, row, localToday(now(), timeZone));

  return {
    selfReport(actor: Actor, campaignId: string, unitId: string): SelfReportView {
      const resolved = core.resolveFor(actor, campaignId, unitId);
      return view(resolved, repo.findSelfReport(db, campaignId, unitId));
    },

    /**
     * Saves answers: PATCH (replace=false) changes only the items named, PUT (replace=true) makes the
     * body the whole report. Everything is checked first; one bad item refuses the whole request, and
     * so does an item another person changed since the revision the client names in `expected`.
     */
    saveSelfReport(
      actor: Actor,
      campaignId: string,
      unitId: string,
      input: Record<string, AnswerInput>,
      options: { replace: boolean; request?: Pick<FastifyRequest, 'headers'>; expected?: Record<string, number> | undefined },
    ): SelfReportView {
      const resolved = core.resolveFor(actor, campaignId, unitId);
      assertWriter(actor, unitId, 'gửi được');
      const { issues, changes } = checkAnswers(resolved.answerable, resolved.itemIds, input);
      if (issues.length > 0) {
        const named = [...new Set(issues.map((i) => i.itemId))].join(', ');
        throw withExtensions(new SelfReportInvalid(`Báo cáo có mục không hợp lệ: ${named}`), {
          errors: issues.map((i) => ({ in: 'body', field: i.field, message: i.message, code: i.code })),
        });
      }
      const at = now().toISOString();
      const row = db.transaction(
        (tx) => {
          const before = repo.findSelfReport(tx, campaignId, unitId);
          if (before?.status === 'submitted') throw lockedError();
          // If-Match is optional: answers merge item by item, and `expected` guards each item.
          if (options.request && options.request.headers['if-match'] !== undefined) {
            assertIfMatch(options.request, etag(before?.version ?? 0));
          }
          const stale = staleItems(before?.answers ?? {}, changes, options.expected ?? {});
          if (stale.length > 0) {
            throw withExtensions(new ItemsChanged(`Mục ${stale.join(', ')} vừa được người khác lưu sau lần bạn mở; chưa lưu gì.`), {
              items: stale.map((id) => ({ itemId: id, current: before?.answers[id] ?? null })),
            });
          }
          const version = (before?.version ?? 0) + 1;
          const answers = applyChanges(before?.answers ?? {}, changes, options.replace, { at, by: actor.label, revision: version });
          repo.saveSelfReport(tx, { campaignId, unitId, answers, version, createdAt: before?.createdAt ?? at, updatedAt: at, updatedBy: actor.label });
          const changed = options.replace ? [...new Set([...Object.keys(before?.answers ?? {}), ...changes.keys()])] : [...changes.keys()];
          audit.record(tx, actor, {
            action: options.replace ? 'self-report.replace' : 'self-report.update',
            entityType: 'self-report',
            entityId: `${campaignId}/${unitId}`,
            campaignId,
            unitId,
            before: before ? { version: before.version, items: Object.fromEntries(changed.map((id) => [id, before.answers[id] ?? null])) } : null,
            after: { version, items: Object.fromEntries(changed.map((id) => [id, answers[id] ?? null])) },
          });
          return repo.findSelfReport(tx, campaignId, unitId)!;
        },
        { behavior: 'immediate' },
      );
      return view(resolved, row);
    },
  };
}
