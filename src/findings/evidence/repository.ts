import { and, asc, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { evidenceFiles } from '../tables.js';

export type EvidenceRow = typeof evidenceFiles.$inferSelect;

export function evidenceOf(db: DbOrTx, visitId: number): EvidenceRow[] {
  return db.select().from(evidenceFiles).where(eq(evidenceFiles.visitId, visitId)).orderBy(asc(evidenceFiles.id)).all();
}

export function findEvidence(db: DbOrTx, visitId: number, id: number): EvidenceRow | undefined {
  return db
    .select()
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.visitId, visitId), eq(evidenceFiles.id, id)))
    .get();
}

/** The same bytes already attached to the same item (an upload repeated). */
export function findSame(db: DbOrTx, visitId: number, itemKey: string, sha256: string): EvidenceRow | undefined {
  return db
    .select()
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.visitId, visitId), eq(evidenceFiles.itemKey, itemKey), eq(evidenceFiles.sha256, sha256)))
    .get();
}

export function insertEvidence(db: DbOrTx, values: typeof evidenceFiles.$inferInsert): EvidenceRow {
  return db.insert(evidenceFiles).values(values).returning().get();
}

export function deleteEvidence(db: DbOrTx, id: number): void {
  db.delete(evidenceFiles).where(eq(evidenceFiles.id, id)).run();
}

export function references(db: DbOrTx, sha256: string): number {
  return db.select({ n: count() }).from(evidenceFiles).where(eq(evidenceFiles.sha256, sha256)).get()?.n ?? 0;
}
