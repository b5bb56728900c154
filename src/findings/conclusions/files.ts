import createError from '@fastify/error';
import type { ReadStream } from 'node:fs';
import type { AuditService } from '../../audit/service.js';
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/connection.js';
import type { IncomingFile, UploadStore } from '../evidence/uploads.js';
import type { RecommendationService } from './recommendations.js';
import * as repo from './repository.js';
import type { RecommendationFileView } from './schema.js';
import { recommendationFileView } from './views.js';

// Evidence the responsible unit attaches to its answer to a recommendation (a signed report, photos
// of the remedy). Kept once per content in its own folder; read by whoever may see the recommendation.

const FileNotFound = createError<[number, number]>('RECOMMENDATION_FILE_NOT_FOUND', 'Kiến nghị số %d không có tệp số %d', 404);

export type RecommendationFiles = ReturnType<typeof createRecommendationFiles>;

export function createRecommendationFiles(deps: { db: Db; now: () => Date; audit: AuditService; recommendations: RecommendationService; store: UploadStore }) {
  const { db, now, audit, recommendations, store } = deps;

  return {
    limits: store.limits,
    tooLarge: store.tooLarge,

    /** Checks access and the recommendation before any byte of the upload is read. */
    prepare(actor: Actor, campaignId: string, id: number): repo.RecommendationRow {
      const rec = recommendations.forChange(actor, campaignId, id);
      recommendations.refuseNotInForce(rec);
      return rec;
    },

    async attach(actor: Actor, rec: repo.RecommendationRow, file: IncomingFile): Promise<{ file: RecommendationFileView; created: boolean }> {
      const accepted = await store.accept(file);
      try {
        return db.transaction(
          (tx) => {
            const same = repo
              .filesOf(tx, [rec.id])
              .get(rec.id)
              ?.find((f) => f.sha256 === accepted.sha256);
            if (same) return { file: recommendationFileView(same), created: false };
            store.commit(accepted);
            const row = repo.insertFile(tx, {
              campaignId: rec.campaignId,
              recommendationId: rec.id,
              sha256: accepted.sha256,
              size: accepted.size,
              mimeType: accepted.mimeType,
              fileName: accepted.fileName,
              uploadedAt: now().toISOString(),
              uploadedBy: actor.label,
            });
            audit.record(tx, actor, {
              action: 'recommendation.evidence',
              entityType: 'recommendation',
              entityId: rec.id,
              campaignId: rec.campaignId,
              unitId: rec.responsibleUnitId,
              after: { fileId: row.id, fileName: row.fileName, sha256: row.sha256, size: row.size, mimeType: row.mimeType },
            });
            return { file: recommendationFileView(row), created: true };
          },
          { behavior: 'immediate' },
        );
      } finally {
        store.discard(accepted);
      }
    },

    open(actor: Actor, campaignId: string, id: number, fileId: number): { file: RecommendationFileView; sha256: string; stream: ReadStream; size: number } {
      recommendations.forReading(actor, campaignId, id);
      const row = repo.findFile(db, id, fileId);
      const bytes = row ? store.open(row.sha256) : null;
      if (!row || !bytes) throw new FileNotFound(id, fileId);
      return { file: recommendationFileView(row), sha256: row.sha256, ...bytes };
    },
  };
}
