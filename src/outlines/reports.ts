import createError from '@fastify/error';
import type { FastifyRequest } from 'fastify';
import type { AuditService } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import { isOffice } from '../auth/policy.js';
import type { Db } from '../db/connection.js';
import { assertIfMatch, etag } from '../http/etag.js';
import { Forbidden, withExtensions } from '../http/errors.js';
import { applyChanges, checkAnswers, completeness, type AnswerInput } from './answers.js';
import type { OutlineCore, ResolvedUnitOutline } from './core.js';
import * as repo from './repository.js';
import { sectionsOf } from './rules.js';
import type { SelfReportView } from './schema.js';

// A unit's self-report: answers item by item, checked against its outline, with completeness.
// Whoever may read the outline may read the report; only the unit itself and the office write it.

const SelfReportInvalid = createError<[string]>('SELF_REPORT_INVALID', '%s', 400);

export type SelfReports = ReturnType<typeof createSelfReports>;

export function createSelfReports({ db, now, audit, core }: { db: Db; now: () => Date; audit: AuditService; core: OutlineCore }) {
  function reportView(resolved: ResolvedUnitOutline, row: repo.SelfReportRow | undefined): SelfReportView {
    const { view, outline, blocks } = resolved;
    const answers = row?.answers ?? {};
    const current = Object.fromEntries(Object.entries(answers).filter(([id]) => resolved.answerable.has(id)));
    return {
      campaignId: view.campaignId,
      unitId: view.unitId,
      unitName: view.unitName,
      outline: view.outline.code,
      version: row?.version ?? 0,
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
      answers: current,
      completeness: completeness([...resolved.answerable.values()], sectionsOf(outline, blocks), current),
    };
  }

  return {
    selfReport(actor: Actor, campaignId: string, unitId: string): SelfReportView {
      const resolved = core.resolveFor(actor, campaignId, unitId);
      return reportView(resolved, repo.findSelfReport(db, campaignId, unitId));
    },

    /**
     * Saves answers: PATCH (replace=false) changes only the items named, PUT (replace=true) makes the
     * body the whole report. Everything is checked first; one bad item refuses the whole request.
     */
    saveSelfReport(
      actor: Actor,
      campaignId: string,
      unitId: string,
      input: Record<string, AnswerInput>,
      options: { replace: boolean; request?: Pick<FastifyRequest, 'headers'> },
    ): SelfReportView {
      const resolved = core.resolveFor(actor, campaignId, unitId);
      if (!isOffice(actor) && !(actor.role === 'unit' && actor.unitId === unitId)) {
        throw new Forbidden('Chỉ đơn vị được kiểm tra (hoặc cơ quan thường trực) mới gửi được báo cáo của đơn vị.');
      }
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
          // If-Match is optional: answers merge item by item, so a lost update can only touch one item.
          if (options.request && options.request.headers['if-match'] !== undefined) {
            assertIfMatch(options.request, etag(before?.version ?? 0));
          }
          const answers = applyChanges(before?.answers ?? {}, changes, options.replace, { at, by: actor.label });
          const next: repo.SelfReportRow = {
            campaignId,
            unitId,
            answers,
            version: (before?.version ?? 0) + 1,
            createdAt: before?.createdAt ?? at,
            updatedAt: at,
            updatedBy: actor.label,
          };
          repo.saveSelfReport(tx, next);
          const changed = options.replace
            ? [...new Set([...Object.keys(before?.answers ?? {}), ...changes.keys()])]
            : [...changes.keys()];
          audit.record(tx, actor, {
            action: options.replace ? 'self-report.replace' : 'self-report.update',
            entityType: 'self-report',
            entityId: `${campaignId}/${unitId}`,
            campaignId,
            unitId,
            before: before ? { version: before.version, items: Object.fromEntries(changed.map((id) => [id, before.answers[id] ?? null])) } : null,
            after: { version: next.version, items: Object.fromEntries(changed.map((id) => [id, answers[id] ?? null])) },
          });
          return next;
        },
        { behavior: 'immediate' },
      );
      return reportView(resolved, row);
    },
  };
}
