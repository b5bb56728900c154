import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/connection.js';
import { outlineBundles, outlineRenders, selfReports } from './tables.js';

export type SelfReportRow = typeof selfReports.$inferSelect;
export type RenderRow = typeof outlineRenders.$inferSelect;
export type BundleRow = typeof outlineBundles.$inferSelect;

export function findSelfReport(db: DbOrTx, campaignId: string, unitId: string): SelfReportRow | undefined {
  return db
    .select()
    .from(selfReports)
    .where(and(eq(selfReports.campaignId, campaignId), eq(selfReports.unitId, unitId)))
    .get();
}

export function saveSelfReport(db: DbOrTx, row: typeof selfReports.$inferInsert): void {
  db.insert(selfReports)
    .values(row)
    .onConflictDoUpdate({
      target: [selfReports.campaignId, selfReports.unitId],
      set: { answers: row.answers, version: row.version, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
    })
    .run();
}

/** Changes the submission state or the signed scan of an existing report. */
export function updateSelfReport(db: DbOrTx, campaignId: string, unitId: string, set: Partial<typeof selfReports.$inferInsert>): SelfReportRow {
  return db
    .update(selfReports)
    .set(set)
    .where(and(eq(selfReports.campaignId, campaignId), eq(selfReports.unitId, unitId)))
    .returning()
    .get();
}

export function findRender(db: DbOrTx, key: string): RenderRow | undefined {
  return db.select().from(outlineRenders).where(eq(outlineRenders.key, key)).get();
}

/** A concurrent render of the same key may have won; the first row stays. */
export function insertRender(db: DbOrTx, row: RenderRow): void {
  db.insert(outlineRenders).values(row).onConflictDoNothing().run();
}

export function activeBundle(db: DbOrTx, campaignId: string, scope: string): BundleRow | undefined {
  return db
    .select()
    .from(outlineBundles)
    .where(
      and(
        eq(outlineBundles.campaignId, campaignId),
        eq(outlineBundles.scope, scope),
        inArray(outlineBundles.status, ['queued', 'running']),
      ),
    )
    .get();
}

export function insertBundle(db: DbOrTx, row: typeof outlineBundles.$inferInsert): BundleRow {
  return db.insert(outlineBundles).values(row).returning().get();
}

export function findBundle(db: DbOrTx, campaignId: string, id: number): BundleRow | undefined {
  return db
    .select()
    .from(outlineBundles)
    .where(and(eq(outlineBundles.campaignId, campaignId), eq(outlineBundles.id, id)))
    .get();
}

export function listBundles(db: DbOrTx, campaignId: string, limit = 20): BundleRow[] {
  return db
    .select()
    .from(outlineBundles)
    .where(eq(outlineBundles.campaignId, campaignId))
    .orderBy(desc(outlineBundles.id))
    .limit(limit)
    .all();
}

export function updateBundle(db: DbOrTx, id: number, set: Partial<typeof outlineBundles.$inferInsert>): void {
  db.update(outlineBundles).set(set).where(eq(outlineBundles.id, id)).run();
}
