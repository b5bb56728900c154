import createError from '@fastify/error';
import type { ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { AuditService } from '../../audit/service.js';
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/connection.js';
import { fieldErrors, withExtensions } from '../../http/errors.js';
import { canFillChecklist, canReadTeamWork, isInspectedUnit, type VisitContext } from '../access.js';
import { evidenceView, type ChecklistService } from '../checklist/service.js';
import type { EvidenceView } from '../checklist/schema.js';
import type { Contexts } from '../context.js';
import * as repo from './repository.js';
import { checkEvidenceType, cleanFileName } from './rules.js';
import { UploadBroken, type BlobStore } from './store.js';

export const EvidenceTooLarge = createError<[string]>('EVIDENCE_TOO_LARGE', '%s', 413);
export const EvidenceTypeRefused = createError<[string]>('EVIDENCE_TYPE_NOT_ALLOWED', '%s', 415);
const UploadUnreadable = createError<[string]>('EVIDENCE_UPLOAD_UNREADABLE', '%s', 400);
const EvidenceNotFound = createError<[number, number]>('EVIDENCE_NOT_FOUND', 'Lịch kiểm tra số %d không có tệp minh chứng số %d', 404);

export interface EvidenceLimits {
  maxBytes: number;
  types: readonly string[];
}

export interface Upload {
  fileName: string | undefined;
  mimeType: string;
  stream: Readable & { truncated?: boolean };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;

export function createEvidenceService(deps: {
  db: Db;
  now: () => Date;
  audit: AuditService;
  contexts: Contexts;
  checklist: ChecklistService;
  blobs: BlobStore;
  limits: EvidenceLimits;
}) {
  const { db, now, audit, contexts, checklist, blobs, limits } = deps;

  function unreadable(): Error {
    const message = 'Không đọc được tệp gửi lên: nội dung multipart/form-data thiếu boundary hoặc bị cắt giữa chừng.';
    return fieldErrors(UploadUnreadable, message, [{ in: 'body', field: 'file', message }]);
  }

  function tooLarge(): Error {
    const mib = (limits.maxBytes / 1_048_576).toFixed(1).replace(/\.0$/, '');
    return withExtensions(new EvidenceTooLarge(`Tệp minh chứng vượt quá giới hạn ${mib} MiB.`), { maxBytes: limits.maxBytes });
  }

  return {
    limits,
    tooLarge,

    /**
     * For a failed read of the multipart body: the parser's own refusals (no boundary, a body cut
     * short) become a 400 naming the file field; its limits (413) are kept.
     */
    refuseUnreadable(error: unknown): never {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === undefined || status === 400 || status === 500) throw unreadable();
      throw error;
    },

    /** Checks access and the item before any byte of the upload is read. */
    prepare(actor: Actor, campaignId: string, visitId: number, itemKey: string): VisitContext {
      const ctx = contexts.forWriting(actor, campaignId, visitId, canFillChecklist);
      contexts.refuseCancelled(ctx);
      checklist.findItem(ctx, itemKey);
      return ctx;
    },

    /** Stores the upload: 413 past the size limit, 415 for a type not allowed or bytes not of that type. */
    async attach(actor: Actor, ctx: VisitContext, itemKey: string, upload: Upload): Promise<{ evidence: EvidenceView; created: boolean }> {
      const staged = await blobs.stage(upload.stream).catch((error: unknown) => {
        throw error instanceof UploadBroken ? unreadable() : error;
      });
      if (upload.stream.truncated || staged.size > limits.maxBytes) {
        blobs.discard(staged);
        throw tooLarge();
      }
      const type = checkEvidenceType(upload.mimeType, staged.head, limits.types);
      if (!type.ok) {
        blobs.discard(staged);
        throw withExtensions(new EvidenceTypeRefused(type.reason), { allowedTypes: limits.types });
      }
      const { visit } = ctx;
      try {
        return db.transaction(
          (tx) => {
            const same = repo.findSame(tx, visit.id, itemKey, staged.sha256);
            if (same) {
              blobs.discard(staged);
              return { evidence: evidenceView(same), created: false };
            }
            blobs.commit(staged);
            const row = repo.insertEvidence(tx, {
              campaignId: visit.campaignId,
              visitId: visit.id,
              itemKey,
              sha256: staged.sha256,
              size: staged.size,
              mimeType: type.mimeType,
              fileName: cleanFileName(upload.fileName),
              uploadedAt: now().toISOString(),
              uploadedBy: actor.label,
            });
            audit.record(tx, actor, {
              action: 'evidence.upload',
              entityType: 'evidence',
              entityId: row.id,
              campaignId: visit.campaignId,
              unitId: visit.unitId,
              visitId: visit.id,
              after: { itemKey, fileName: row.fileName, sha256: row.sha256, size: row.size, mimeType: row.mimeType },
            });
            return { evidence: evidenceView(row), created: true };
          },
          { behavior: 'immediate' },
        );
      } finally {
        blobs.discard(staged);
      }
    },

    /** The file, for whoever may see the visit: the office, the team and the inspected unit. */
    open(actor: Actor, campaignId: string, visitId: number, id: number): { evidence: EvidenceView; stream: ReadStream; size: number } {
      contexts.forReading(actor, campaignId, visitId, (a, c) => canReadTeamWork(a, c) || isInspectedUnit(a, c));
      const row = repo.findEvidence(db, visitId, id);
      const file = row ? blobs.open(row.sha256) : null;
      if (!row || !file) throw new EvidenceNotFound(visitId, id);
      return { evidence: evidenceView(row), ...file };
    },

    remove(actor: Actor, campaignId: string, visitId: number, id: number): void {
      const { visit } = contexts.forWriting(actor, campaignId, visitId, canFillChecklist);
      db.transaction(
        (tx) => {
          const row = repo.findEvidence(tx, visitId, id);
          if (!row) throw new EvidenceNotFound(visitId, id);
          repo.deleteEvidence(tx, id);
          audit.record(tx, actor, {
            action: 'evidence.delete',
            entityType: 'evidence',
            entityId: id,
            campaignId,
            unitId: visit.unitId,
            visitId,
            before: { itemKey: row.itemKey, fileName: row.fileName, sha256: row.sha256 },
          });
          if (repo.references(tx, row.sha256) === 0) blobs.remove(row.sha256);
        },
        { behavior: 'immediate' },
      );
    },
  };
}
