import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/connection.js';
import type { OfficeRow, YearRow } from './compose.js';
import { calendarDays, calendarState, calendarYears } from './tables.js';

export type DayRow = typeof calendarDays.$inferSelect;

function scopeIs(campaignId: string | null) {
  return campaignId === null ? isNull(calendarDays.campaignId) : eq(calendarDays.campaignId, campaignId);
}

function officeRow(row: DayRow): OfficeRow {
  return {
    date: row.date,
    removed: row.removed,
    kind: row.kind,
    name: row.name,
    legalBasis: row.legalBasis,
    note: row.note,
    version: row.version,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

const versionQueries = new WeakMap<object, { get(): { version: number } | undefined }>();

/** The version every calendar write bumps; 0 before the first write. Prepared once per connection. */
export function stateVersion(db: DbOrTx): number {
  let query = versionQueries.get(db);
  if (!query) {
    query = db.select({ version: calendarState.version }).from(calendarState).where(eq(calendarState.id, 1)).prepare();
    versionQueries.set(db, query);
  }
  return query.get()?.version ?? 0;
}

export function bumpVersion(tx: DbOrTx): void {
  tx.insert(calendarState)
    .values({ id: 1, version: 1 })
    .onConflictDoUpdate({ target: calendarState.id, set: { version: sql`${calendarState.version} + 1` } })
    .run();
}

export function dayRows(db: DbOrTx, campaignId: string | null): OfficeRow[] {
  return db.select().from(calendarDays).where(scopeIs(campaignId)).orderBy(asc(calendarDays.date)).all().map(officeRow);
}

export function findDay(db: DbOrTx, campaignId: string | null, date: string): DayRow | undefined {
  return db
    .select()
    .from(calendarDays)
    .where(and(scopeIs(campaignId), eq(calendarDays.date, date)))
    .get();
}

export type DayValues = Pick<DayRow, 'removed' | 'kind' | 'name' | 'legalBasis' | 'note' | 'updatedAt' | 'updatedBy'>;

/** Inserts or updates the row of (scope, date); returns its new version. */
export function writeDay(tx: DbOrTx, campaignId: string | null, date: string, values: DayValues): number {
  const existing = findDay(tx, campaignId, date);
  if (existing) {
    const version = existing.version + 1;
    tx.update(calendarDays)
      .set({ ...values, version })
      .where(eq(calendarDays.id, existing.id))
      .run();
    return version;
  }
  tx.insert(calendarDays)
    .values({ campaignId, date, ...values, version: 1 })
    .run();
  return 1;
}

export function yearRows(db: DbOrTx): YearRow[] {
  return db.select().from(calendarYears).orderBy(asc(calendarYears.year)).all();
}

export function findYear(db: DbOrTx, year: number): YearRow | undefined {
  return db.select().from(calendarYears).where(eq(calendarYears.year, year)).get();
}

export function writeYear(tx: DbOrTx, values: Omit<YearRow, 'version'>): number {
  const existing = findYear(tx, values.year);
  const version = (existing?.version ?? 0) + 1;
  tx.insert(calendarYears)
    .values({ ...values, version })
    .onConflictDoUpdate({ target: calendarYears.year, set: { ...values, version } })
    .run();
  return version;
}
