import createError from '@fastify/error';
import type { AuditService } from '../../audit/service.js';
import type { Actor } from '../../auth/actor.js';
import { canActForTeam, canSeeUnitPrivate, isOffice } from '../../auth/policy.js';
import type { Db } from '../../db/connection.js';
import { Forbidden, ValidationFailed, fieldErrors } from '../../http/errors.js';
import { assertIfMatch } from '../../http/etag.js';
import { canSetRecommendationStatus } from '../access.js';
import type { Contexts } from '../context.js';
import type { FeedService } from '../feed/service.js';
import { feedDetail } from './feed-detail.js';
import type { RecommendationStatus } from '../tables.js';
import * as repo from './repository.js';
import { overdueness } from './rules.js';
import type { RecommendationAnswerInput, RecommendationListItem } from './schema.js';
import { recommendationEtag, recommendationView } from './views.js';

const RecommendationNotFound = createError<[string, number]>('RECOMMENDATION_NOT_FOUND', 'Đợt kiểm tra "%s" không có kiến nghị số %d', 404);
const NotInForce = createError<[number]>(
  'RECOMMENDATION_NOT_IN_FORCE',
  'Kiến nghị số %d không thuộc kết luận đang có hiệu lực (chưa ban hành, đã bị thay thế hoặc thu hồi)',
  409,
);

export interface RecommendationFilter {
  status?: RecommendationStatus | undefined;
  overdue?: boolean | undefined;
  unitId?: string | undefined;
}

export interface OverdueRecommendation {
  id: number;
  visitId: number;
  teamNumber: number;
  unitId: string;
  responsibleUnitId: string;
  dueDate: string;
  effectiveDueDate: string;
  text: string;
}

export type RecommendationService = ReturnType<typeof createRecommendationService>;

export function createRecommendationService(deps: { db: Db; now: () => Date; audit: AuditService; contexts: Contexts; feed: FeedService }) {
  const { db, now, audit, contexts, feed } = deps;

  /** A row may be seen by the team's readers, the inspected unit, and the unit it is addressed to. */
  function visibleTo(actor: Actor, campaignId: string, head: repo.HeadRow, rec: repo.RecommendationRow): boolean {
    if (isOffice(actor) || canActForTeam(actor, campaignId, head.teamNumber)) return true;
    if (canSeeUnitPrivate(actor, campaignId, head.unitId)) return true;
    if (rec.responsibleUnitId && canSeeUnitPrivate(actor, campaignId, rec.responsibleUnitId)) return true;
    return actor.role === 'member' && contexts.load(campaignId, head.visitId).memberUnitIds.includes(actor.unitId ?? '');
  }

  /** Recommendations in force, each with its overdue flag for today; filtered to what the actor may see. */
  function list(actor: Actor, campaignId: string, filter: RecommendationFilter = {}): RecommendationListItem[] {
    const rows = repo.activeRecommendations(db, campaignId);
    const heads = new Map(repo.headsByIds(db, [...new Set(rows.map((r) => r.conclusionId))]).map((h) => [h.id, h]));
    const today = contexts.today();
    const calendar = contexts.calendar(campaignId);
    const unitName = contexts.unitNames(campaignId);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const files = repo.filesOf(
      db,
      rows.map((r) => r.id),
    );
    const out: RecommendationListItem[] = [];
    for (const row of rows) {
      const head = heads.get(row.conclusionId)!;
      if (filter.status && row.status !== filter.status) continue;
      if (filter.unitId && row.responsibleUnitId !== filter.unitId) continue;
      if (!visibleTo(actor, campaignId, head, row)) continue;
      const view = recommendationView(
        { today, calendar, unitName, recommendation: (id) => byId.get(id), files: (id) => files.get(id) ?? [] },
        { id: row.id, text: row.text!, responsibleUnitId: row.responsibleUnitId!, dueDate: row.dueDate! },
      );
      if (filter.overdue !== undefined && view.overdue !== filter.overdue) continue;
      out.push({ ...view, visitId: head.visitId, teamNumber: head.teamNumber, unitId: head.unitId, conclusionVersion: head.publishedVersion! });
    }
    return out;
  }

  function forChange(actor: Actor, campaignId: string, id: number): repo.RecommendationRow {
    const found = repo.findRecommendation(db, campaignId, id);
    const foundHead = found ? repo.headsByIds(db, [found.conclusionId])[0] : undefined;
    if (!found || !foundHead || !visibleTo(actor, campaignId, foundHead, found)) throw new RecommendationNotFound(campaignId, id);
    const ctx = contexts.load(campaignId, foundHead.visitId);
    if (!canSetRecommendationStatus(actor, ctx, found.responsibleUnitId ?? foundHead.unitId)) {
      throw new Forbidden('Chỉ đoàn kiểm tra, cơ quan thường trực hoặc đơn vị được giao kiến nghị mới đổi được trạng thái.');
    }
    return found;
  }

  type Change = Pick<repo.RecommendationRow, 'status' | 'statusNote' | 'expectedDate'>;

  /** Applies a change decided from the current row (null: nothing to do), with its feed event and audit entry. */
  function write(
    actor: Actor,
    campaignId: string,
    id: number,
    ifMatch: string | undefined,
    action: string,
    decide: (rec: repo.RecommendationRow) => Change | null,
  ): void {
    let seq = 0;
    db.transaction(
      (tx) => {
        const rec = repo.findRecommendation(tx, campaignId, id)!;
        assertIfMatch({ headers: { 'if-match': ifMatch } }, recommendationEtag(rec));
        if (!rec.active) throw new NotInForce(id);
        const change = decide(rec);
        if (!change) return;
        const at = now().toISOString();
        const after = repo.setRecommendationStatus(tx, id, { ...change, statusChangedAt: at, statusChangedBy: actor.label });
        const head = repo.headsByIds(tx, [rec.conclusionId])[0]!;
        seq = feed.append(tx, {
          detail: feedDetail(tx, head, contexts.eventNames(campaignId, head.teamNumber), id),
          campaignId,
          type: 'recommendation.status-changed',
          at,
          actorLabel: actor.label,
          visitId: head.visitId,
          teamNumber: head.teamNumber,
          unitId: head.unitId,
          version: head.publishedVersion,
          recommendationId: id,
          status: change.status,
          reason: change.statusNote,
        });
        audit.record(tx, actor, {
          action,
          entityType: 'recommendation',
          entityId: id,
          campaignId,
          unitId: rec.responsibleUnitId,
          visitId: head.visitId,
          before: { status: rec.status, note: rec.statusNote, expectedDate: rec.expectedDate },
          after: { status: after.status, note: after.statusNote, expectedDate: after.expectedDate },
        });
      },
      { behavior: 'immediate' },
    );
    if (seq > 0) feed.committed(campaignId, seq);
  }

  return {
    list,

    /** Counts for progress: open recommendations past their effective due date, with that date. */
    overdue(campaignId: string): OverdueRecommendation[] {
      const rows = repo.activeRecommendations(db, campaignId).filter((r) => r.status !== 'done');
      const heads = new Map(repo.headsByIds(db, [...new Set(rows.map((r) => r.conclusionId))]).map((h) => [h.id, h]));
      const today = contexts.today();
      const calendar = contexts.calendar(campaignId);
      return rows.flatMap((r) => {
        const due = overdueness(calendar, { status: r.status, dueDate: r.dueDate! }, today);
        if (!due.overdue) return [];
        const head = heads.get(r.conclusionId)!;
        return [
          {
            id: r.id,
            visitId: head.visitId,
            teamNumber: head.teamNumber,
            unitId: head.unitId,
            responsibleUnitId: r.responsibleUnitId!,
            dueDate: r.dueDate!,
            effectiveDueDate: due.effectiveDueDate,
            text: r.text!,
          },
        ];
      });
    },

    /** The recommendation, when the actor may change it: 404 when it may not even see it, 403 when it only sees it. */
    forChange,

    /** The recommendation, when the actor may see it (404 otherwise). */
    forReading(actor: Actor, campaignId: string, id: number): repo.RecommendationRow {
      const found = repo.findRecommendation(db, campaignId, id);
      const head = found ? repo.headsByIds(db, [found.conclusionId])[0] : undefined;
      if (!found || !head || !visibleTo(actor, campaignId, head, found)) throw new RecommendationNotFound(campaignId, id);
      return found;
    },

    /** 409 unless the recommendation belongs to the conclusion in force. */
    refuseNotInForce(rec: repo.RecommendationRow): void {
      if (!rec.active) throw new NotInForce(rec.id);
    },

    setStatus(
      actor: Actor,
      campaignId: string,
      id: number,
      input: { status: 'open' | 'done'; note?: string | undefined },
      ifMatch: string | undefined,
    ): RecommendationListItem {
      forChange(actor, campaignId, id);
      write(actor, campaignId, id, ifMatch, 'recommendation.status', (rec) =>
        rec.status === input.status ? null : { status: input.status, statusNote: input.note ?? null, expectedDate: null },
      );
      return list(actor, campaignId).find((r) => r.id === id)!;
    },

    /**
     * The responsible unit's answer: done, or in progress with the day it expects to finish, with what
     * it did. Every answer is recorded (a new note or date is news to the office), even with the same status.
     */
    answer(actor: Actor, campaignId: string, id: number, input: RecommendationAnswerInput, ifMatch: string | undefined): RecommendationListItem {
      forChange(actor, campaignId, id);
      if (input.status === 'in-progress' && input.expectedDate! < contexts.today()) {
        throw fieldErrors(ValidationFailed, 'Ngày dự kiến hoàn thành đã qua', [
          { in: 'body', field: 'expectedDate', message: `ngày dự kiến hoàn thành phải từ hôm nay (${contexts.today()}) trở đi` },
        ]);
      }
      write(actor, campaignId, id, ifMatch, 'recommendation.answer', () => ({
        status: input.status,
        statusNote: input.note,
        expectedDate: input.status === 'in-progress' ? input.expectedDate! : null,
      }));
      return list(actor, campaignId).find((r) => r.id === id)!;
    },
  };
}
