import createError from '@fastify/error';
import type { AuditService } from '../../audit/service.js';
import type { Actor } from '../../auth/actor.js';
import type { Db, DbOrTx } from '../../db/connection.js';
import { Unprocessable, fieldErrors, withExtensions, type FieldIssue } from '../../http/errors.js';
import { assertIfMatch } from '../../http/etag.js';
import { canPublish, type VisitContext } from '../access.js';
import type { Contexts } from '../context.js';
import type { ScheduleForFindings } from '../deps.js';
import type { FeedService } from '../feed/service.js';
import type { FeedEventType, RecommendationContent } from '../tables.js';
import * as repo from './repository.js';
import { feedDetail } from './feed-detail.js';
import { createConclusionReads, viewContextOf } from './reads.js';
import { nextVersion, publishKind, refusal, type Step } from './rules.js';
import { checkedDraft, type ConclusionView, type DraftInput } from './schema.js';
import { conclusionEtag, conclusionView } from './views.js';

const StepRefused = createError<[string]>('CONCLUSION_STATE', '%s', 409);
const ReasonRequired = createError<[string]>('AMENDMENT_REASON_REQUIRED', '%s', 422);
const ChecklistUnfinished = createError<[string]>('CHECKLIST_UNFINISHED', '%s', 409);
const BeforeVisit = createError<[string]>('CONCLUSION_BEFORE_VISIT', 'Buổi kiểm tra ngày %s chưa diễn ra; chưa thể ban hành kết luận.', 409);

export interface Written {
  view: ConclusionView;
  etag: string;
  created: boolean;
}

export type ConclusionService = ReturnType<typeof createConclusionService>;

export function createConclusionService(deps: {
  db: Db;
  now: () => Date;
  audit: AuditService;
  schedule: ScheduleForFindings;
  contexts: Contexts;
  feed: FeedService;
  /** Items answered / total of a visit's checklist. */
  checklistProgress: (campaignId: string, visit: { id: number; unitId: string }) => { answered: number; total: number };
}) {
  const { db, now, audit, schedule, contexts, feed, checklistProgress } = deps;

  function written(tx: DbOrTx, head: repo.HeadRow, created = false): Written {
    const view = conclusionView(viewContextOf(contexts, tx, head.campaignId, head.id), head, repo.versions(tx, head.id), true);
    return { view, etag: conclusionEtag(head), created };
  }

  function check(head: repo.HeadRow | undefined, step: Step): void {
    const why = refusal(head ?? null, step);
    if (why) throw withExtensions(new StepRefused(why), { state: head?.state ?? null });
  }

  /** Keeps ids the previous versions gave, gives new ones to new recommendations, checks every unit. */
  function recommendationContent(tx: DbOrTx, ctx: VisitContext, conclusionId: number, input: DraftInput): RecommendationContent[] {
    const known = new Set(repo.recommendationsOf(tx, conclusionId).map((r) => r.id));
    const units = contexts.units(ctx.visit.campaignId);
    const errors: FieldIssue[] = [];
    input.recommendations.forEach((rec, i) => {
      if (rec.id !== undefined && !known.has(rec.id)) {
        errors.push({ in: 'body', field: `recommendations[${i}].id`, message: `kiến nghị số ${rec.id} không thuộc kết luận này` });
      }
      if (rec.responsibleUnitId !== undefined && !units.has(rec.responsibleUnitId)) {
        errors.push({
          in: 'body',
          field: `recommendations[${i}].responsibleUnitId`,
          message: `đợt kiểm tra không có đơn vị "${rec.responsibleUnitId}"`,
        });
      }
    });
    if (errors.length > 0) throw fieldErrors(Unprocessable, 'Kiến nghị không hợp lệ', errors);
    return input.recommendations.map((rec) => ({
      id: rec.id ?? repo.newRecommendationId(tx, conclusionId, ctx.visit.campaignId),
      text: rec.text,
      responsibleUnitId: rec.responsibleUnitId ?? ctx.visit.unitId,
      dueDate: rec.dueDate,
    }));
  }

  function event(tx: DbOrTx, actor: Actor, head: repo.HeadRow, type: FeedEventType, extra: { version?: number; reason?: string | null }): number {
    const names = contexts.eventNames(head.campaignId, head.teamNumber);
    return feed.append(tx, {
      detail: feedDetail(tx, head, names),
      campaignId: head.campaignId,
      type,
      at: now().toISOString(),
      actorLabel: actor.label,
      visitId: head.visitId,
      teamNumber: head.teamNumber,
      unitId: head.unitId,
      version: extra.version ?? null,
      reason: extra.reason ?? null,
    });
  }

  const reads = createConclusionReads({ db, contexts, feed });

  return {
    // reads.ts
    get: reads.get,
    version: reads.version,
    list: reads.list,
    states: reads.states,
    publishedConclusion: reads.publishedConclusion,

    saveDraft(actor: Actor, campaignId: string, visitId: number, typed: DraftInput, ifMatch: string | undefined): Written {
      const input = checkedDraft(typed);
      const ctx = contexts.forWriting(actor, campaignId, visitId);
      contexts.refuseCancelled(ctx);
      return db.transaction(
        (tx) => {
          const at = now().toISOString();
          const content = { achieved: input.achieved, shortcomings: input.shortcomings, causes: input.causes };
          const existing = repo.findHead(tx, visitId);
          if (existing) assertIfMatch({ headers: { 'if-match': ifMatch } }, conclusionEtag(existing));
          let head =
            existing ??
            repo.insertHead(tx, {
              campaignId,
              visitId,
              teamNumber: ctx.visit.teamNumber,
              unitId: ctx.visit.unitId,
              state: 'draft',
              draftVersion: 1,
              createdAt: at,
              updatedAt: at,
            });
          const recommendations = recommendationContent(tx, ctx, head.id, input);
          const version = existing?.draftVersion ?? (existing ? nextVersion(repo.versions(tx, head.id).map((v) => v.version)) : 1);
          if (existing?.draftVersion) {
            repo.updateVersion(tx, head.id, version, { ...content, recommendations, updatedAt: at, updatedBy: actor.label });
          } else {
            repo.insertVersion(tx, {
              conclusionId: head.id,
              version,
              status: 'draft',
              ...content,
              recommendations,
              createdAt: at,
              createdBy: actor.label,
              updatedAt: at,
              updatedBy: actor.label,
            });
          }
          if (existing) head = repo.updateHead(tx, head.id, { draftVersion: version }, at);
          audit.record(tx, actor, {
            action: 'conclusion.draft',
            entityType: 'conclusion',
            entityId: head.id,
            campaignId,
            unitId: head.unitId,
            visitId,
            after: { version, ...content, recommendations },
          });
          return written(tx, head, !existing);
        },
        { behavior: 'immediate' },
      );
    },

    /** checklistReason: why it is published while the visit's checklist is unfinished (required then). */
    publish(actor: Actor, campaignId: string, visitId: number, reason: string | undefined, ifMatch: string | undefined, checklistReason?: string): Written {
      const { visit } = contexts.forWriting(actor, campaignId, visitId, canPublish);
      if (visit.date > contexts.today()) throw new BeforeVisit(visit.date);
      const progress = checklistProgress(campaignId, visit);
      const unfinished = progress.answered < progress.total;
      const checklistIncomplete = unfinished ? { answered: progress.answered, total: progress.total, reason: checklistReason! } : null;
      let seq = 0;
      const result = db.transaction(
        (tx) => {
          const at = now().toISOString();
          const before = repo.findHead(tx, visitId);
          check(before, 'publish');
          const head = before!;
          assertIfMatch({ headers: { 'if-match': ifMatch } }, conclusionEtag(head));
          const kind = publishKind(head);
          if (kind === 'amended' && !reason) {
            throw new ReasonRequired('Sửa đổi kết luận đã ban hành cần ghi lý do (reason).');
          }
          const draft = repo.findVersion(tx, head.id, head.draftVersion!)!;
          if (draft.achieved.trim() === '') {
            throw fieldErrors(Unprocessable, 'Kết luận chưa đủ nội dung để ban hành', [
              { in: 'document', field: 'achieved', message: 'chưa ghi kết quả đạt được' },
            ]);
          }
          if (unfinished && !checklistReason) {
            throw withExtensions(
              new ChecklistUnfinished(
                `Danh mục kiểm tra mới có kết quả ${progress.answered}/${progress.total} mục; ghi lý do ban hành kết luận khi chưa hoàn thành (checklistReason)`,
              ),
              {
                errors: [{ in: 'body', field: 'checklistReason', message: 'cần ghi lý do khi danh mục kiểm tra chưa hoàn thành' }],
                progress: { answered: progress.answered, total: progress.total },
              },
            );
          }
          if (kind === 'amended') repo.setVersionStatus(tx, head.id, head.publishedVersion!, 'superseded');
          repo.updateVersion(tx, head.id, draft.version, {
            status: 'published',
            publishedAt: at,
            publishedBy: actor.label,
            amendmentReason: kind === 'amended' ? reason! : null,
            checklistIncomplete,
          });
          repo.activate(tx, head.id, draft.recommendations);
          const after = repo.updateHead(
            tx,
            head.id,
            { state: 'published', publishedVersion: draft.version, draftVersion: null, withdrawnAt: null, withdrawnBy: null, withdrawReason: null },
            at,
          );
          if (kind === 'published') schedule.markConcluded(tx, campaignId, visitId, actor);
          seq = event(tx, actor, after, kind === 'amended' ? 'conclusion.amended' : 'conclusion.published', {
            version: draft.version,
            reason: kind === 'amended' ? reason! : null,
          });
          audit.record(tx, actor, {
            action: `conclusion.${kind === 'amended' ? 'amend' : 'publish'}`,
            entityType: 'conclusion',
            entityId: head.id,
            campaignId,
            unitId: head.unitId,
            visitId,
            before: { state: head.state, publishedVersion: head.publishedVersion },
            after: { state: 'published', publishedVersion: draft.version, checklistIncomplete },
            reason: reason ?? null,
          });
          return written(tx, after);
        },
        { behavior: 'immediate' },
      );
      feed.committed(campaignId, seq);
      return result;
    },

    withdraw(actor: Actor, campaignId: string, visitId: number, reason: string, ifMatch: string | undefined): Written {
      contexts.forWriting(actor, campaignId, visitId, canPublish);
      let seq = 0;
      const result = db.transaction(
        (tx) => {
          const at = now().toISOString();
          const head = repo.findHead(tx, visitId);
          check(head, 'withdraw');
          assertIfMatch({ headers: { 'if-match': ifMatch } }, conclusionEtag(head!));
          const version = head!.publishedVersion!;
          repo.setVersionStatus(tx, head!.id, version, 'withdrawn');
          repo.deactivateAll(tx, head!.id);
          const after = repo.updateHead(
            tx,
            head!.id,
            { state: 'withdrawn', publishedVersion: null, withdrawnAt: at, withdrawnBy: actor.label, withdrawReason: reason },
            at,
          );
          schedule.reopen(tx, campaignId, visitId, actor);
          seq = event(tx, actor, after, 'conclusion.withdrawn', { version, reason });
          audit.record(tx, actor, {
            action: 'conclusion.withdraw',
            entityType: 'conclusion',
            entityId: head!.id,
            campaignId,
            unitId: head!.unitId,
            visitId,
            before: { state: head!.state, publishedVersion: version },
            after: { state: 'withdrawn' },
            reason,
          });
          return written(tx, after);
        },
        { behavior: 'immediate' },
      );
      feed.committed(campaignId, seq);
      return result;
    },

    /** Drops the draft; a conclusion that was never published disappears with it. */
    discardDraft(actor: Actor, campaignId: string, visitId: number, ifMatch: string | undefined): Written | null {
      contexts.forWriting(actor, campaignId, visitId);
      return db.transaction(
        (tx) => {
          const head = repo.findHead(tx, visitId);
          check(head, 'discard');
          assertIfMatch({ headers: { 'if-match': ifMatch } }, conclusionEtag(head!));
          repo.deleteVersion(tx, head!.id, head!.draftVersion!);
          audit.record(tx, actor, {
            action: 'conclusion.discard-draft',
            entityType: 'conclusion',
            entityId: head!.id,
            campaignId,
            unitId: head!.unitId,
            visitId,
            before: { draftVersion: head!.draftVersion },
          });
          if (repo.versions(tx, head!.id).length === 0) {
            repo.deleteHead(tx, head!.id);
            return null;
          }
          return written(tx, repo.updateHead(tx, head!.id, { draftVersion: null }, now().toISOString()));
        },
        { behavior: 'immediate' },
      );
    },
  };
}
