import { and, asc, eq, inArray, isNull, max } from 'drizzle-orm';
import type { DbOrTx } from '../db/connection.js';
import { documents, documentVisits } from './tables.js';

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type DocumentKindValue = DocumentRow['kind'];

export function nextNumber(tx: DbOrTx, campaignId: string, teamId: number, series: string): number {
  const row = tx
    .select({ last: max(documents.number) })
    .from(documents)
    .where(and(eq(documents.campaignId, campaignId), eq(documents.teamId, teamId), eq(documents.series, series)))
    .get();
  return (row?.last ?? 0) + 1;
}

export function insertDocument(tx: DbOrTx, values: NewDocumentRow, visitIds: readonly number[]): DocumentRow {
  const row = tx.insert(documents).values(values).returning().get();
  for (const visitId of visitIds) tx.insert(documentVisits).values({ documentId: row.id, visitId }).run();
  return row;
}

export function findDocument(db: DbOrTx, campaignId: string, id: number): DocumentRow | undefined {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.campaignId, campaignId), eq(documents.id, id)))
    .get();
}

export interface DocumentFilter {
  teamNumber?: number;
  kind?: DocumentKindValue;
  unitId?: string;
}

export function listDocuments(db: DbOrTx, campaignId: string, filter: DocumentFilter = {}): DocumentRow[] {
  const conditions = [eq(documents.campaignId, campaignId)];
  if (filter.teamNumber !== undefined) conditions.push(eq(documents.teamNumber, filter.teamNumber));
  if (filter.kind) conditions.push(eq(documents.kind, filter.kind));
  if (filter.unitId) conditions.push(eq(documents.unitId, filter.unitId));
  return db
    .select()
    .from(documents)
    .where(and(...conditions))
    .orderBy(asc(documents.teamNumber), asc(documents.id))
    .all();
}

/** Visit ids covered by each of the given documents. */
export function visitsOf(db: DbOrTx, documentIds: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  if (documentIds.length === 0) return out;
  const rows = db
    .select()
    .from(documentVisits)
    .where(inArray(documentVisits.documentId, [...documentIds]))
    .orderBy(asc(documentVisits.documentId), asc(documentVisits.visitId))
    .all();
  for (const row of rows) out.set(row.documentId, [...(out.get(row.documentId) ?? []), row.visitId]);
  return out;
}

/** Notices still in force (neither outdated nor superseded) covering any of the visits. */
export function currentNoticesFor(db: DbOrTx, visitIds: readonly number[]): DocumentRow[] {
  if (visitIds.length === 0) return [];
  return db
    .selectDistinct({ document: documents })
    .from(documents)
    .innerJoin(documentVisits, eq(documentVisits.documentId, documents.id))
    .where(
      and(
        inArray(documentVisits.visitId, [...visitIds]),
        eq(documents.kind, 'notice'),
        isNull(documents.outdatedAt),
        isNull(documents.supersededById),
      ),
    )
    .all()
    .map((r) => r.document);
}

/** Outdated notices not yet superseded that cover any of the visits. */
export function outdatedNoticesFor(db: DbOrTx, visitIds: readonly number[]): DocumentRow[] {
  if (visitIds.length === 0) return [];
  return db
    .selectDistinct({ document: documents })
    .from(documents)
    .innerJoin(documentVisits, eq(documentVisits.documentId, documents.id))
    .where(and(inArray(documentVisits.visitId, [...visitIds]), eq(documents.kind, 'notice'), isNull(documents.supersededById)))
    .all()
    .map((r) => r.document)
    .filter((d) => d.outdatedAt !== null);
}

export function markOutdated(tx: DbOrTx, id: number, at: string, reason: string): void {
  tx.update(documents).set({ outdatedAt: at, outdatedReason: reason }).where(and(eq(documents.id, id), isNull(documents.outdatedAt))).run();
}

export function markSuperseded(tx: DbOrTx, id: number, byId: number): void {
  tx.update(documents).set({ supersededById: byId }).where(eq(documents.id, id)).run();
}

export function setRenderHash(db: DbOrTx, id: number, format: 'pdf' | 'docx', hash: string): void {
  db.update(documents)
    .set(format === 'pdf' ? { pdfHash: hash } : { docxHash: hash })
    .where(eq(documents.id, id))
    .run();
}
