import createError from '@fastify/error';
import type { Actor } from '../../auth/actor.js';
import type { Db, DbOrTx } from '../../db/connection.js';
import { canReadTeamWork, isInspectedUnit } from '../access.js';
import type { Contexts } from '../context.js';
import type { FeedService } from '../feed/service.js';
import * as repo from './repository.js';
import { overdueness } from './rules.js';
import type { ConclusionListItem, ConclusionView, PublishedConclusion, VersionView } from './schema.js';
import { conclusionEtag, conclusionView, versionView, type ViewContext } from './views.js';

export const ConclusionNotFound = createError<[number]>('CONCLUSION_NOT_FOUND', 'Lịch kiểm tra số %d chưa có kết luận', 404);
const VersionNotFound = createError<[number, number]>('VERSION_NOT_FOUND', 'Kết luận của lịch kiểm tra số %d không có phiên bản %d', 404);

/** Overdue flags, unit names and recommendation statuses for building views of one conclusion. */
export function viewContextOf(contexts: Contexts, tx: DbOrTx, campaignId: string, conclusionId: number | null): ViewContext {
  const recs = conclusionId === null ? [] : repo.recommendationsOf(tx, conclusionId);
  const byId = new Map(recs.map((r) => [r.id, r]));
  const files = repo.filesOf(
    tx,
    recs.map((r) => r.id),
  );
  return {
    today: contexts.today(),
    calendar: contexts.calendar(campaignId),
    unitName: contexts.unitNames(campaignId),
    recommendation: (id) => byId.get(id),
    files: (id) => files.get(id) ?? [],
  };
}

/** Reading conclusions: one visit's, an old version, the campaign's list with its feed cursor. */
export function createConclusionReads(deps: { db: Db; contexts: Contexts; feed: FeedService }) {
  const { db, contexts, feed } = deps;
  const viewContext = (tx: DbOrTx, campaignId: string, conclusionId: number | null) => viewContextOf(contexts, tx, campaignId, conclusionId);

  return {
    get(actor: Actor, campaignId: string, visitId: number): { view: ConclusionView; etag: string } {
      const ctx = contexts.forReading(actor, campaignId, visitId, (a, c) => canReadTeamWork(a, c) || isInspectedUnit(a, c));
      const team = canReadTeamWork(actor, ctx);
      const head = repo.findHead(db, visitId);
      if (!head || (!team && head.publishedVersion === null && head.state !== 'withdrawn')) throw new ConclusionNotFound(visitId);
      const view = conclusionView(viewContext(db, campaignId, head.id), head, repo.versions(db, head.id), team);
      return { view, etag: conclusionEtag(head) };
    },

    version(actor: Actor, campaignId: string, visitId: number, version: number): VersionView {
      const ctx = contexts.forReading(actor, campaignId, visitId, (a, c) => canReadTeamWork(a, c) || isInspectedUnit(a, c));
      const head = repo.findHead(db, visitId);
      const row = head ? repo.findVersion(db, head.id, version) : undefined;
      if (!head || !row || (row.status === 'draft' && !canReadTeamWork(actor, ctx))) throw new VersionNotFound(visitId, version);
      return versionView(viewContext(db, campaignId, head.id), row);
    },

    /**
     * The current conclusions the actor may see, with the feed cursor of the same snapshot: the office
     * restarts from here after a 410 and loses nothing (both are read in one transaction).
     */
    list(actor: Actor, campaignId: string): { campaignId: string; conclusions: ConclusionListItem[]; cursor: string } {
      const today = contexts.today();
      const calendar = contexts.calendar(campaignId);
      const unitName = contexts.unitNames(campaignId);
      const members = new Map(contexts.teams(campaignId).map((t) => [t.number, t.memberUnitIds]));
      return db.transaction(() => {
        const recs = repo.activeRecommendations(db, campaignId);
        const items: ConclusionListItem[] = [];
        for (const head of repo.headsOfCampaign(db, campaignId)) {
          const ctx = {
            visit: { id: head.visitId, campaignId, teamNumber: head.teamNumber, unitId: head.unitId, unitName: '', date: '', status: '' },
            memberUnitIds: members.get(head.teamNumber) ?? [],
          };
          const team = canReadTeamWork(actor, ctx);
          if (!team && !(isInspectedUnit(actor, ctx) && head.state !== 'draft')) continue;
          const own = recs.filter((r) => r.conclusionId === head.id);
          const published = head.publishedVersion !== null ? repo.findVersion(db, head.id, head.publishedVersion) : undefined;
          items.push({
            visitId: head.visitId,
            teamNumber: head.teamNumber,
            unitId: head.unitId,
            unitName: unitName(head.unitId),
            state: head.state,
            version: head.publishedVersion,
            publishedAt: published?.publishedAt ?? null,
            recommendations: {
              total: own.length,
              done: own.filter((r) => r.status === 'done').length,
              overdue: own.filter((r) => overdueness(calendar, { status: r.status, dueDate: r.dueDate! }, today).overdue).length,
            },
          });
        }
        return { campaignId, conclusions: items, cursor: feed.cursorNow(campaignId) };
      });
    },

    /** Visit id → state of its conclusion (draft, published, withdrawn), for the progress report. */
    states(campaignId: string): Map<number, string> {
      return new Map(repo.headsOfCampaign(db, campaignId).map((h) => [h.visitId, h.state]));
    },

    /** What the results notice prints: the version in force, or null (docs/contracts.md). */
    publishedConclusion(campaignId: string, visitId: number): PublishedConclusion | null {
      const head = repo.findHead(db, visitId);
      if (!head || head.campaignId !== campaignId || head.publishedVersion === null) return null;
      const row = repo.findVersion(db, head.id, head.publishedVersion)!;
      const status = new Map(repo.recommendationsOf(db, head.id).map((r) => [r.id, r.status]));
      return {
        version: row.version,
        achieved: row.achieved,
        shortcomings: row.shortcomings,
        causes: row.causes,
        recommendations: row.recommendations.map((r) => ({ ...r, status: status.get(r.id) ?? 'open' })),
        publishedAt: row.publishedAt!,
      };
    },
  };
}
