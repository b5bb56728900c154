import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { checklistAnswers } from '../tables.js';

export type AnswerRow = typeof checklistAnswers.$inferSelect;

export function answersOf(db: DbOrTx, visitId: number): AnswerRow[] {
  return db.select().from(checklistAnswers).where(eq(checklistAnswers.visitId, visitId)).all();
}

/** Answered keys of many visits at once (progress over a campaign). */
export function answeredKeys(db: DbOrTx, visitIds: number[]): { visitId: number; itemKey: string; result: AnswerRow['result'] }[] {
  if (visitIds.length === 0) return [];
  return db
    .select({ visitId: checklistAnswers.visitId, itemKey: checklistAnswers.itemKey, result: checklistAnswers.result })
    .from(checklistAnswers)
    .where(inArray(checklistAnswers.visitId, visitIds))
    .all();
}

export function findAnswer(db: DbOrTx, visitId: number, itemKey: string): AnswerRow | undefined {
  return db
    .select()
    .from(checklistAnswers)
    .where(and(eq(checklistAnswers.visitId, visitId), eq(checklistAnswers.itemKey, itemKey)))
    .get();
}

export function insertAnswer(db: DbOrTx, values: typeof checklistAnswers.$inferInsert): AnswerRow {
  return db.insert(checklistAnswers).values(values).returning().get();
}

export function updateAnswer(db: DbOrTx, visitId: number, itemKey: string, set: Partial<AnswerRow>): AnswerRow {
  return db
    .update(checklistAnswers)
    .set(set)
    .where(and(eq(checklistAnswers.visitId, visitId), eq(checklistAnswers.itemKey, itemKey)))
    .returning()
    .get();
}
