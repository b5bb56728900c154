import createError from '@fastify/error';
import type { AuditService } from '../../audit/service.js';
import type { Actor } from '../../auth/actor.js';
import type { CampaignService } from '../../campaigns/service.js';
import type { Db } from '../../db/connection.js';
import { assertIfMatch, etag } from '../../http/etag.js';
import { canFillChecklist, type VisitContext } from '../access.js';
import type { Contexts } from '../context.js';
import type { OutlinesForFindings } from '../deps.js';
import * as evidenceRepo from '../evidence/repository.js';
import type { EvidenceView } from './schema.js';
import * as repo from './repository.js';
import {
  checklistProgress,
  checklistTemplate,
  templateKeys,
  type ChecklistProgress,
  type ChecklistTemplateItem,
  type ChecklistTemplateSection,
} from './rules.js';
import type { AnswerInput, ChecklistItemView, ChecklistView } from './schema.js';

export const ItemNotFound = createError<[number, string]>('CHECKLIST_ITEM_NOT_FOUND', 'Danh mục kiểm tra của lịch số %d không có mục "%s"', 404);

export function evidenceUrl(campaignId: string, visitId: number, id: number): string {
  return `/campaigns/${encodeURIComponent(campaignId)}/visits/${visitId}/evidence/${id}`;
}

export function evidenceView(row: evidenceRepo.EvidenceRow): EvidenceView {
  return {
    id: row.id,
    itemKey: row.itemKey,
    fileName: row.fileName,
    mimeType: row.mimeType,
    size: row.size,
    sha256: row.sha256,
    uploadedAt: row.uploadedAt,
    uploadedBy: row.uploadedBy,
    url: evidenceUrl(row.campaignId, row.visitId, row.id),
  };
}

/** The ETag of one answered item at a version (0: not answered yet), for If-Match. */
export function answerEtag(visitId: number, key: string, version: number): string {
  return etag(`a${visitId}.${key}.${version}`);
}

function itemView(visitId: number, item: ChecklistTemplateItem, answer: repo.AnswerRow | undefined, evidence: EvidenceView[]): ChecklistItemView {
  return {
    ...item,
    answer: answer
      ? {
          result: answer.result,
          note: answer.note,
          figures: answer.figures,
          version: answer.version,
          updatedAt: answer.updatedAt,
          updatedBy: answer.updatedBy,
        }
      : null,
    etag: answerEtag(visitId, item.key, answer?.version ?? 0),
    evidence: evidence.filter((e) => e.itemKey === item.key),
  };
}

export type ChecklistService = ReturnType<typeof createChecklistService>;

export function createChecklistService(deps: {
  db: Db;
  now: () => Date;
  audit: AuditService;
  campaigns: CampaignService;
  outlines: OutlinesForFindings;
  contexts: Contexts;
}) {
  const { db, now, audit, campaigns, outlines, contexts } = deps;

  /** The unit's checklist: Section II, Section III and the department blocks of its assignment. */
  function template(campaignId: string, unitId: string): { sections: ChecklistTemplateSection[]; blockIds: string[] } {
    const definition = campaigns.definition(campaignId);
    const blockIds = campaigns.assignments(campaignId).find((a) => a.unitId === unitId)?.questionBlocks ?? [];
    const blocks = blockIds.map((id) => outlines.campaignBlock(campaignId, id));
    return { sections: checklistTemplate(definition, blocks), blockIds };
  }

  function findItem(ctx: VisitContext, key: string): ChecklistTemplateItem {
    const item = template(ctx.visit.campaignId, ctx.visit.unitId)
      .sections.flatMap((s) => s.items)
      .find((i) => i.key === key);
    if (!item) throw new ItemNotFound(ctx.visit.id, key);
    return item;
  }

  return {
    template,
    findItem,

    get(actor: Actor, campaignId: string, visitId: number): ChecklistView {
      const { visit } = contexts.forReading(actor, campaignId, visitId);
      const { sections, blockIds } = template(campaignId, visit.unitId);
      const answers = new Map(repo.answersOf(db, visitId).map((a) => [a.itemKey, a]));
      const evidence = evidenceRepo.evidenceOf(db, visitId).map(evidenceView);
      return {
        campaignId,
        visitId,
        teamNumber: visit.teamNumber,
        unitId: visit.unitId,
        unitName: visit.unitName,
        questionBlocks: blockIds,
        progress: checklistProgress(templateKeys(sections), [...answers.values()]),
        sections: sections.map((s) => ({
          key: s.key,
          kind: s.kind,
          title: s.title,
          legalBasis: s.legalBasis,
          items: s.items.map((item) => itemView(visitId, item, answers.get(item.key), evidence)),
        })),
      };
    },

    /** Records one item's result, note and figures; a changed answer needs its ETag in If-Match. */
    answer(
      actor: Actor,
      campaignId: string,
      visitId: number,
      key: string,
      input: AnswerInput,
      ifMatch: string | undefined,
    ): { item: ChecklistItemView; progress: ChecklistProgress } {
      const ctx = contexts.forWriting(actor, campaignId, visitId, canFillChecklist);
      contexts.refuseCancelled(ctx);
      const item = findItem(ctx, key);
      const row = db.transaction(
        (tx) => {
          const at = now().toISOString();
          const before = repo.findAnswer(tx, visitId, key);
          const values = { result: input.result, note: input.note, figures: input.figures, updatedAt: at, updatedBy: actor.label };
          let after: repo.AnswerRow;
          if (before) {
            assertIfMatch({ headers: { 'if-match': ifMatch } }, answerEtag(visitId, key, before.version));
            after = repo.updateAnswer(tx, visitId, key, { ...values, version: before.version + 1 });
          } else {
            after = repo.insertAnswer(tx, { visitId, itemKey: key, ...values });
          }
          audit.record(tx, actor, {
            action: 'checklist.answer',
            entityType: 'checklist-item',
            entityId: `${visitId}/${key}`,
            campaignId,
            unitId: ctx.visit.unitId,
            visitId,
            before: before ? { result: before.result, note: before.note, figures: before.figures } : null,
            after: { result: after.result, note: after.note, figures: after.figures },
          });
          return after;
        },
        { behavior: 'immediate' },
      );
      const evidence = evidenceRepo.evidenceOf(db, visitId).map(evidenceView);
      const { sections } = template(campaignId, ctx.visit.unitId);
      return {
        item: itemView(visitId, item, row, evidence),
        progress: checklistProgress(templateKeys(sections), repo.answersOf(db, visitId)),
      };
    },

    /** Items answered / total for many visits (the progress report). */
    progressOf(campaignId: string, visits: { id: number; unitId: string }[]): Map<number, ChecklistProgress> {
      const answers = repo.answeredKeys(
        db,
        visits.map((v) => v.id),
      );
      const keysByUnit = new Map<string, Set<string>>();
      const out = new Map<number, ChecklistProgress>();
      for (const visit of visits) {
        let keys = keysByUnit.get(visit.unitId);
        if (!keys) {
          keys = templateKeys(template(campaignId, visit.unitId).sections);
          keysByUnit.set(visit.unitId, keys);
        }
        out.set(
          visit.id,
          checklistProgress(
            keys,
            answers.filter((a) => a.visitId === visit.id),
          ),
        );
      }
      return out;
    },
  };
}
