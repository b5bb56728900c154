import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { conclusions, conclusionVersions, recommendationFiles, recommendations, type RecommendationContent, type VersionStatus } from '../tables.js';

export type HeadRow = typeof conclusions.$inferSelect;
export type VersionRow = typeof conclusionVersions.$inferSelect;
export type RecommendationRow = typeof recommendations.$inferSelect;
export type RecommendationFileRow = typeof recommendationFiles.$inferSelect;

export function findHead(db: DbOrTx, visitId: number): HeadRow | undefined {
  return db.select().from(conclusions).where(eq(conclusions.visitId, visitId)).get();
}

export function insertHead(db: DbOrTx, values: typeof conclusions.$inferInsert): HeadRow {
  return db.insert(conclusions).values(values).returning().get();
}

export function deleteHead(db: DbOrTx, id: number): void {
  db.delete(conclusions).where(eq(conclusions.id, id)).run();
}

/** Applies a change to the head and bumps its revision (the conclusion's ETag). */
export function updateHead(db: DbOrTx, id: number, set: Partial<typeof conclusions.$inferInsert>, at: string): HeadRow {
  return db
    .update(conclusions)
    .set({ ...set, updatedAt: at, revision: sql`${conclusions.revision} + 1` })
    .where(eq(conclusions.id, id))
    .returning()
    .get();
}

export function versions(db: DbOrTx, conclusionId: number): VersionRow[] {
  return db.select().from(conclusionVersions).where(eq(conclusionVersions.conclusionId, conclusionId)).orderBy(asc(conclusionVersions.version)).all();
}

export function findVersion(db: DbOrTx, conclusionId: number, version: number): VersionRow | undefined {
  return db
    .select()
    .from(conclusionVersions)
    .where(and(eq(conclusionVersions.conclusionId, conclusionId), eq(conclusionVersions.version, version)))
    .get();
}

export function insertVersion(db: DbOrTx, values: typeof conclusionVersions.$inferInsert): void {
  db.insert(conclusionVersions).values(values).run();
}

export function updateVersion(db: DbOrTx, conclusionId: number, version: number, set: Partial<typeof conclusionVersions.$inferInsert>): void {
  db.update(conclusionVersions)
    .set(set)
    .where(and(eq(conclusionVersions.conclusionId, conclusionId), eq(conclusionVersions.version, version)))
    .run();
}

export function deleteVersion(db: DbOrTx, conclusionId: number, version: number): void {
  db.delete(conclusionVersions)
    .where(and(eq(conclusionVersions.conclusionId, conclusionId), eq(conclusionVersions.version, version)))
    .run();
}

export function setVersionStatus(db: DbOrTx, conclusionId: number, version: number, status: VersionStatus): void {
  updateVersion(db, conclusionId, version, { status });
}

export function newRecommendationId(db: DbOrTx, conclusionId: number, campaignId: string): number {
  return db.insert(recommendations).values({ conclusionId, campaignId }).returning({ id: recommendations.id }).get().id;
}

export function recommendationsOf(db: DbOrTx, conclusionId: number): RecommendationRow[] {
  return db.select().from(recommendations).where(eq(recommendations.conclusionId, conclusionId)).all();
}

export function findRecommendation(db: DbOrTx, campaignId: string, id: number): RecommendationRow | undefined {
  return db
    .select()
    .from(recommendations)
    .where(and(eq(recommendations.campaignId, campaignId), eq(recommendations.id, id)))
    .get();
}

/** Makes exactly the published version's recommendations active, with its text, unit and due date. */
export function activate(db: DbOrTx, conclusionId: number, content: RecommendationContent[]): void {
  db.update(recommendations).set({ active: false }).where(eq(recommendations.conclusionId, conclusionId)).run();
  for (const rec of content) {
    db.update(recommendations)
      .set({ active: true, text: rec.text, responsibleUnitId: rec.responsibleUnitId, dueDate: rec.dueDate })
      .where(and(eq(recommendations.id, rec.id), eq(recommendations.conclusionId, conclusionId)))
      .run();
  }
}

export function deactivateAll(db: DbOrTx, conclusionId: number): void {
  db.update(recommendations).set({ active: false }).where(eq(recommendations.conclusionId, conclusionId)).run();
}

export function setRecommendationStatus(
  db: DbOrTx,
  id: number,
  set: Pick<RecommendationRow, 'status' | 'statusNote' | 'statusChangedAt' | 'statusChangedBy'> & Partial<Pick<RecommendationRow, 'expectedDate'>>,
): RecommendationRow {
  return db
    .update(recommendations)
    .set({ ...set, revision: sql`${recommendations.revision} + 1` })
    .where(eq(recommendations.id, id))
    .returning()
    .get();
}

export function headsOfCampaign(db: DbOrTx, campaignId: string): HeadRow[] {
  return db.select().from(conclusions).where(eq(conclusions.campaignId, campaignId)).orderBy(asc(conclusions.visitId)).all();
}

export function headsByIds(db: DbOrTx, ids: number[]): HeadRow[] {
  if (ids.length === 0) return [];
  return db.select().from(conclusions).where(inArray(conclusions.id, ids)).all();
}

export function activeRecommendations(db: DbOrTx, campaignId: string): RecommendationRow[] {
  return db
    .select()
    .from(recommendations)
    .where(and(eq(recommendations.campaignId, campaignId), eq(recommendations.active, true)))
    .orderBy(asc(recommendations.dueDate), asc(recommendations.id))
    .all();
}

/** Files attached to answers, by recommendation, in upload order. */
export function filesOf(db: DbOrTx, recommendationIds: number[]): Map<number, RecommendationFileRow[]> {
  const out = new Map<number, RecommendationFileRow[]>();
  if (recommendationIds.length === 0) return out;
  const rows = db
    .select()
    .from(recommendationFiles)
    .where(inArray(recommendationFiles.recommendationId, recommendationIds))
    .orderBy(asc(recommendationFiles.id))
    .all();
  for (const row of rows) out.set(row.recommendationId, [...(out.get(row.recommendationId) ?? []), row]);
  return out;
}

export function findFile(db: DbOrTx, recommendationId: number, id: number): RecommendationFileRow | undefined {
  return db
    .select()
    .from(recommendationFiles)
    .where(and(eq(recommendationFiles.recommendationId, recommendationId), eq(recommendationFiles.id, id)))
    .get();
}

export function insertFile(db: DbOrTx, values: typeof recommendationFiles.$inferInsert): RecommendationFileRow {
  return db.insert(recommendationFiles).values(values).returning().get();
}
