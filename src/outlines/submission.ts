import createError from '@fastify/error';
import type { ReadStream } from 'node:fs';
import type { AuditService } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import { isOffice } from '../auth/policy.js';
import type { Db } from '../db/connection.js';
import type { IncomingFile, UploadStore } from '../findings/evidence/uploads.js';
import { fieldErrors, Forbidden, Unprocessable } from '../http/errors.js';
import { localToday } from '../text/dates.js';
import { emptyItems } from './answers.js';
import type { OutlineCore, ResolvedUnitOutline } from './core.js';
import { reportView } from './report-view.js';
import { assertWriter, lockedError } from './reports.js';
import * as repo from './repository.js';
import type { SelfReportView } from './schema.js';

// "Nộp báo cáo": the unit submits its report (who and when are recorded), after which it is read-only
// until the inspecting team (or the office) returns it for correction with a reason. The unit then
// uploads the signed and stamped scan of what it submitted (PDF).
//
// Empty items: the unit is shown every empty item and may submit anyway by confirming it knowingly
// (confirmIncomplete). Refusing outright would push a unit that honestly lacks a figure to type filler
// ("không có", "0") to get past the check, which is worse for the office adding figures up than an
// empty item the team can see listed and ask about; "không phát sinh" covers items that do not apply.

const NotSubmittable = createError<[string]>('SELF_REPORT_STATE', '%s', 409);
const NoScan = createError<[string]>('SIGNED_SCAN_NOT_FOUND', '%s', 404);

export function createSubmissions(deps: { db: Db; now: () => Date; timeZone: string; audit: AuditService; core: OutlineCore; scans: UploadStore }) {
  const { db, now, timeZone, audit, core, scans } = deps;
  const today = () => localToday(now(), timeZone);
  const view = (resolved: ResolvedUnitOutline, row: repo.SelfReportRow | undefined) => reportView(resolved, row, today());

  /** The inspecting team's leader or secretary, or the office, returns a report for correction. */
  function assertReturner(actor: Actor, resolved: ResolvedUnitOutline): void {
    const team = (actor.role === 'leader' || actor.role === 'secretary') && actor.teamNumber === resolved.view.team.number;
    if (!isOffice(actor) && !team) throw new Forbidden('Chỉ trưởng đoàn, thư ký đoàn kiểm tra đơn vị (hoặc cơ quan thường trực) mới trả lại được báo cáo.');
  }

  function record(tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: Actor, resolved: ResolvedUnitOutline, action: string, after: Record<string, unknown>, reason?: string) {
    audit.record(tx, actor, {
      action,
      entityType: 'self-report',
      entityId: `${resolved.view.campaignId}/${resolved.view.unitId}`,
      campaignId: resolved.view.campaignId,
      unitId: resolved.view.unitId,
      after,
      reason: reason ?? null,
    });
  }

  return {
    /** 422 listing every empty item unless the unit confirms it submits them empty knowingly. */
    submitSelfReport(actor: Actor, campaignId: string, unitId: string, input: { confirmIncomplete: boolean }): SelfReportView {
      const resolved = core.resolveFor(actor, campaignId, unitId);
      assertWriter(actor, unitId, 'nộp được');
      const row = db.transaction(
        (tx) => {
          const before = repo.findSelfReport(tx, campaignId, unitId);
          if (before?.status === 'submitted') throw new NotSubmittable('Báo cáo đã được nộp; đoàn kiểm tra cần trả lại thì mới nộp lại được.');
          const answers = before?.answers ?? {};
          const empty = emptyItems([...resolved.answerable.values()], answers);
          if (empty.length > 0 && !input.confirmIncomplete) {
            throw fieldErrors(
              Unprocessable,
              `Báo cáo còn ${empty.length} mục chưa điền; hãy điền, ghi “không phát sinh”, hoặc xác nhận nộp khi còn để trống.`,
              empty.map((e) => ({
                in: 'document',
                field: `answers.${e.itemId}`,
                code: e.reason === 'unanswered' ? 'ITEM_EMPTY' : 'FIGURES_MISSING',
                message: e.reason === 'unanswered' ? `mục ${e.itemId} chưa có nội dung` : `mục ${e.itemId} hỏi số liệu nhưng chưa có số nào`,
              })),
            );
          }
          const at = now().toISOString();
          const submission = { status: 'submitted' as const, submittedAt: at, submittedBy: actor.label, submittedIncomplete: empty.map((e) => e.itemId) };
          if (before) repo.updateSelfReport(tx, campaignId, unitId, submission);
          else repo.saveSelfReport(tx, { campaignId, unitId, answers: {}, version: 0, createdAt: at, updatedAt: at, updatedBy: actor.label, ...submission });
          record(tx, actor, resolved, 'self-report.submit', { version: before?.version ?? 0, incompleteItems: submission.submittedIncomplete });
          return repo.findSelfReport(tx, campaignId, unitId)!;
        },
        { behavior: 'immediate' },
      );
      return view(resolved, row);
    },

    /** Back to the unit for correction, with what to correct; the scan of the old submission no longer stands. */
    returnSelfReport(actor: Actor, campaignId: string, unitId: string, reason: string): SelfReportView {
      const resolved = core.resolveFor(actor, campaignId, unitId);
      assertReturner(actor, resolved);
      const row = db.transaction(
        (tx) => {
          const before = repo.findSelfReport(tx, campaignId, unitId);
          if (before?.status !== 'submitted') throw new NotSubmittable('Chỉ trả lại được báo cáo đã nộp.');
          const after = repo.updateSelfReport(tx, campaignId, unitId, {
            status: 'returned',
            returnedAt: now().toISOString(),
            returnedBy: actor.label,
            returnReason: reason,
            scanSha256: null,
            scanFileName: null,
            scanSize: null,
            scanUploadedAt: null,
            scanUploadedBy: null,
          });
          record(tx, actor, resolved, 'self-report.return', { submittedAt: before.submittedAt, scanSha256: before.scanSha256 }, reason);
          return after;
        },
        { behavior: 'immediate' },
      );
      return view(resolved, row);
    },

    scanLimits: scans.limits,
    scanTooLarge: () => scans.tooLarge(),

    /** Checks access and the state before any byte of the upload is read. */
    prepareScan(actor: Actor, campaignId: string, unitId: string): ResolvedUnitOutline {
      const resolved = core.resolveFor(actor, campaignId, unitId);
      assertWriter(actor, unitId, 'tải lên được bản ký của');
      if (repo.findSelfReport(db, campaignId, unitId)?.status !== 'submitted') {
        throw new NotSubmittable('Hãy nộp báo cáo trước, rồi tải lên bản đã ký, đóng dấu của chính báo cáo đó.');
      }
      return resolved;
    },

    async uploadScan(actor: Actor, resolved: ResolvedUnitOutline, file: IncomingFile): Promise<SelfReportView> {
      const { campaignId, unitId } = resolved.view;
      const accepted = await scans.accept(file);
      try {
        const row = db.transaction(
          (tx) => {
            if (repo.findSelfReport(tx, campaignId, unitId)?.status !== 'submitted') throw lockedError();
            scans.commit(accepted);
            const after = repo.updateSelfReport(tx, campaignId, unitId, {
              scanSha256: accepted.sha256,
              scanFileName: accepted.fileName,
              scanSize: accepted.size,
              scanUploadedAt: now().toISOString(),
              scanUploadedBy: actor.label,
            });
            record(tx, actor, resolved, 'self-report.signed-scan', { fileName: accepted.fileName, sha256: accepted.sha256, size: accepted.size });
            return after;
          },
          { behavior: 'immediate' },
        );
        return view(resolved, row);
      } finally {
        scans.discard(accepted);
      }
    },

    openScan(actor: Actor, campaignId: string, unitId: string): { fileName: string; sha256: string; stream: ReadStream; size: number } {
      core.resolveFor(actor, campaignId, unitId);
      const row = repo.findSelfReport(db, campaignId, unitId);
      const file = row?.scanSha256 ? scans.open(row.scanSha256) : null;
      if (!row?.scanSha256 || !file) throw new NoScan('Đơn vị chưa tải lên bản báo cáo đã ký, đóng dấu.');
      return { fileName: row.scanFileName ?? 'bao-cao-da-ky.pdf', sha256: row.scanSha256, ...file };
    },
  };
}
