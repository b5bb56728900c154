import { and, asc, between, eq, inArray, max, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/connection.js';
import { visitHistory, visits, type VisitStatus } from './tables.js';

export type VisitRow = typeof visits.$inferSelect;
export type NewVisitRow = typeof visits.$inferInsert;
export type HistoryRow = typeof visitHistory.$inferSelect;

export interface VisitFilter {
  teamNumber?: number | undefined;
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: VisitStatus | undefined;
  includeCancelled?: boolean | undefined;
}

export function insertVisit(tx: DbOrTx, values: NewVisitRow): VisitRow {
  return tx.insert(visits).values(values).returning().get();
}

export function updateVisit(tx: DbOrTx, id: number, values: Partial<NewVisitRow>): VisitRow {
  return tx.update(visits).set(values).where(eq(visits.id, id)).returning().get();
}

export function findVisit(db: DbOrTx, campaignId: string, id: number): VisitRow | undefined {
  return db
    .select()
    .from(visits)
    .where(and(eq(visits.id, id), eq(visits.campaignId, campaignId)))
    .get();
}

export function findVisits(db: DbOrTx, campaignId: string, ids: readonly number[]): VisitRow[] {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(visits)
    .where(and(eq(visits.campaignId, campaignId), inArray(visits.id, [...new Set(ids)])))
    .all();
}

export function listVisits(db: DbOrTx, campaignId: string, filter: VisitFilter = {}): VisitRow[] {
  const where: (SQL | undefined)[] = [eq(visits.campaignId, campaignId)];
  if (filter.teamNumber !== undefined) where.push(eq(visits.teamNumber, filter.teamNumber));
  if (filter.unitId !== undefined) where.push(eq(visits.unitId, filter.unitId));
  if (filter.from !== undefined && filter.to !== undefined) where.push(between(visits.date, filter.from, filter.to));
  if (filter.status !== undefined) where.push(eq(visits.status, filter.status));
  else if (!filter.includeCancelled) where.push(ne(visits.status, 'cancelled'));
  return db
    .select()
    .from(visits)
    .where(and(...where))
    .orderBy(asc(visits.date), asc(visits.startMinute), asc(visits.teamNumber), asc(visits.id))
    .all();
}

/**
 * Active visits on the given dates of some teams or at some units: two lookups on the (team, date)
 * and (campaign, unit, date) indexes, so the cost follows the few visits that can clash.
 */
export function clashCandidates(
  db: DbOrTx,
  campaignId: string,
  dates: { from: string; to: string },
  teamIds: readonly number[],
  unitIds: readonly string[],
): VisitRow[] {
  const dateRange = dates.from === dates.to ? eq(visits.date, dates.from) : between(visits.date, dates.from, dates.to);
  const active = ne(visits.status, 'cancelled');
  const byTeam =
    teamIds.length === 0
      ? []
      : db
          .select()
          .from(visits)
          .where(and(inArray(visits.teamId, [...teamIds]), dateRange, active))
          .all();
  const byUnit =
    unitIds.length === 0
      ? []
      : db
          .select()
          .from(visits)
          .where(and(eq(visits.campaignId, campaignId), inArray(visits.unitId, [...unitIds]), dateRange, active))
          .all();
  const out = new Map<number, VisitRow>();
  for (const row of [...byTeam, ...byUnit]) out.set(row.id, row);
  return [...out.values()];
}

/** A team's active visits to one of its targets, on any date (a second visit is warned of). */
export function visitsOfTeamAt(db: DbOrTx, teamId: number, campaignId: string, unitId: string): VisitRow[] {
  return db
    .select()
    .from(visits)
    .where(and(eq(visits.campaignId, campaignId), eq(visits.unitId, unitId), eq(visits.teamId, teamId), ne(visits.status, 'cancelled')))
    .all();
}

/** The last date of each team's active visits: the end of its round. */
export function roundEnds(db: DbOrTx, campaignId: string, teamNumber?: number): Map<number, string> {
  const rows = db
    .select({ teamNumber: visits.teamNumber, end: max(visits.date) })
    .from(visits)
    .where(and(eq(visits.campaignId, campaignId), ne(visits.status, 'cancelled'), teamNumber === undefined ? undefined : eq(visits.teamNumber, teamNumber)))
    .groupBy(visits.teamNumber)
    .all();
  return new Map(rows.filter((r) => r.end !== null).map((r) => [r.teamNumber, r.end!]));
}

export function roundEndOfTeam(db: DbOrTx, teamId: number): string | null {
  const row = db
    .select({ end: max(visits.date) })
    .from(visits)
    .where(and(eq(visits.teamId, teamId), ne(visits.status, 'cancelled')))
    .get();
  return row?.end ?? null;
}

export function insertHistory(tx: DbOrTx, values: typeof visitHistory.$inferInsert): void {
  tx.insert(visitHistory).values(values).run();
}

export function listHistory(db: DbOrTx, visitId: number): HistoryRow[] {
  return db.select().from(visitHistory).where(eq(visitHistory.visitId, visitId)).orderBy(asc(visitHistory.id)).all();
}
