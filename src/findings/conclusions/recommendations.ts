import createError from '@fastify/error';
import type { AuditService } from '../../audit/service.js';
import type { Actor } from '../../auth/actor.js';
import { canActForTeam, canSeeUnitPrivate, isOffice } from '../../auth/policy.js';
import type { Db } from '../../db/connection.js';
import { Forbidden } from '../../http/errors.js';
import { assertIfMatch } from '../../http/etag.js';
import { canSetRecommendationStatus } from '../access.js';
import type { Contexts } from '../context.js';
import type { FeedService } from '../feed/service.js';
import { feedDetail } from './feed-detail.js';
import type { RecommendationStatus } from '../tables.js';
import * as repo from './repository.js';
import { overdueness } from './rules.js';
import type { RecommendationListItem } from './schema.js';
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

export function createRecommendationService(deps: {
  db: Db;
  now: () => Date;
  audit: AuditService;
  contexts: Contexts;
  feed: FeedService;
}) {
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
    const out: RecommendationListItem[] = [];
    for (const row of rows) {
      const head = heads.get(row.conclusionId)!;
      if (filter.status && row.status !== filter.status) continue;
      if (filter.unitId && row.responsibleUnitId !== filter.unitId) continue;
      if (!visibleTo(actor, campaignId, head, row)) continue;
      const view = recommendationView(
        { today, calendar, unitName, recommendation: (id) => byId.get(id) },
        { id: row.id, text: row.text!, responsibleUnitId: row.responsibleUnitId!, dueDate: row.dueDate! },
      );
      if (filter.overdue !== undefined && view.overdue !== filter.overdue) continue;
      out.push({ ...view, visitId: head.visitId, teamNumber: head.teamNumber, unitId: head.unitId, conclusionVersion: head.publishedVersion! });
    }
    return out;
  }

  return {
    list,

    /** Counts for progress: open recommendations past their effective due date, with that date. */
    overdue(campaignId: string): OverdueRecommendation[] {
      const rows = repo.activeRecommendations(db, campaignId).filter((r) => r.status === 'open');
      const heads = new Map(repo.headsByIds(db, [...new Set(rows.map((r) => r.conclusionId))]).map((h) => [h.id, h]));
      const today = contexts.today();
      const calendar = contexts.calendar(campaignId);
      return rows.flatMap((r) => {
        const due = overdueness(calendar, { status: r.status, dueDate: r.dueDate! }, today);
        if (!due.overdue) return [];
        const head = heads.get(r.conclusionId)!;
        return [{ id: r.id, visitId: head.visitId, teamNumber: head.teamNumber, unitId: head.unitId, responsibleUnitId: r.responsibleUnitId!, dueDate: r.dueDate!, effectiveDueDate: due.effectiveDueDate, text: r.text! }];
      });
    },

    setStatus(
      actor: Actor,
      campaignId: string,
      id: number,
      input: { status: RecommendationStatus; note?: string | undefined },
      ifMatch: string | undefined,
    ): RecommendationListItem {
      const found = repo.findRecommendation(db, campaignId, id);
      const foundHead = found ? repo.headsByIds(db, [found.conclusionId])[0] : undefined;
      if (!found || !foundHead || !visibleTo(actor, campaignId, foundHead, found)) throw new RecommendationNotFound(campaignId, id);
      const ctx = contexts.load(campaignId, foundHead.visitId);
      if (!canSetRecommendationStatus(actor, ctx, found.responsibleUnitId ?? foundHead.unitId)) {
        throw new Forbidden('Chỉ đoàn kiểm tra, cơ quan thường trực hoặc đơn vị được giao kiến nghị mới đổi được trạng thái.');
      }
      let seq = 0;
      db.transaction(
        (tx) => {
          const rec = repo.findRecommendation(tx, campaignId, id)!;
          assertIfMatch({ headers: { 'if-match': ifMatch } }, recommendationEtag(rec));
          if (!rec.active) throw new NotInForce(id);
          if (rec.status === input.status) return;
          const at = now().toISOString();
          const after = repo.setRecommendationStatus(tx, id, {
            status: input.status,
            statusNote: input.note ?? null,
            statusChangedAt: at,
            statusChangedBy: actor.label,
          });
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
            status: input.status,
            reason: input.note ?? null,
          });
          audit.record(tx, actor, {
            action: 'recommendation.status',
            entityType: 'recommendation',
            entityId: id,
            campaignId,
            unitId: rec.responsibleUnitId,
            visitId: head.visitId,
            before: { status: rec.status },
            after: { status: after.status, note: after.statusNote },
          });
        },
        { behavior: 'immediate' },
      );
      if (seq > 0) feed.committed(campaignId, seq);
      return list(actor, campaignId).find((r) => r.id === id)!;
    },
  };
}
