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

export type PairRow = typeof documentVisits.$inferSelect;
export type Standing = 'in-force' | 'outdated' | 'cancelled' | 'superseded';

/** A notice's standing for one visit. */
export function standingOf(pair: PairRow): Standing {
  if (pair.supersededById !== null) return 'superseded';
  if (pair.outdatedKind === 'cancelled') return 'cancelled';
  return pair.outdatedKind === 'moved' ? 'outdated' : 'in-force';
}

/** Every visit row of the given documents, by document, in visit order. */
export function pairsOf(db: DbOrTx, documentIds: readonly number[]): Map<number, PairRow[]> {
  const out = new Map<number, PairRow[]>();
  if (documentIds.length === 0) return out;
  const rows = db
    .select()
    .from(documentVisits)
    .where(inArray(documentVisits.documentId, [...documentIds]))
    .orderBy(asc(documentVisits.documentId), asc(documentVisits.visitId))
    .all();
  for (const row of rows) out.set(row.documentId, [...(out.get(row.documentId) ?? []), row]);
  return out;
}

/** The notices' rows for the given visits (each notice that ever announced them), oldest first. */
export function noticePairsFor(db: DbOrTx, visitIds: readonly number[]): { pair: PairRow; document: DocumentRow }[] {
  if (visitIds.length === 0) return [];
  return db
    .select({ pair: documentVisits, document: documents })
    .from(documentVisits)
    .innerJoin(documents, eq(documentVisits.documentId, documents.id))
    .where(and(inArray(documentVisits.visitId, [...visitIds]), eq(documents.kind, 'notice')))
    .orderBy(asc(documents.id), asc(documentVisits.visitId))
    .all();
}

/** Ends a notice's standing for a visit that moved or was cancelled; the notices it ended. */
export function outdatePairs(tx: DbOrTx, visitId: number, at: string, kind: 'moved' | 'cancelled', reason: string): DocumentRow[] {
  const ended = noticePairsFor(tx, [visitId]).filter(({ pair }) => standingOf(pair) === 'in-force');
  for (const { pair } of ended) {
    tx.update(documentVisits)
      .set({ outdatedAt: at, outdatedKind: kind, outdatedReason: reason })
      .where(and(eq(documentVisits.documentId, pair.documentId), eq(documentVisits.visitId, visitId)))
      .run();
  }
  return ended.map((e) => e.document);
}

/** Marks a notice superseded for the given visits by the notice that announces them again. */
export function supersedePairs(tx: DbOrTx, documentId: number, visitIds: readonly number[], byId: number): void {
  tx.update(documentVisits)
    .set({ supersededById: byId })
    .where(and(eq(documentVisits.documentId, documentId), inArray(documentVisits.visitId, [...visitIds]), isNull(documentVisits.supersededById)))
    .run();
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
