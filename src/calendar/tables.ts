import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from '../campaigns/tables.js';

export const dayKinds = ['day-off', 'working-day'] as const;
export type DayKind = (typeof dayKinds)[number];

// Office edits of the calendar, layered over the shipped file (data/calendar) and the campaign
// definitions' localDaysOff, which are never copied here. One row per (scope, date): campaign_id null
// is the national civil-service calendar, otherwise that campaign's local days off. A row either
// sets the day (kind, name, …) or, with removed = 1, is a tombstone hiding the shipped, definition or
// estimated day underneath, so a restart or a new release cannot bring back a day an office removed.
export const calendarDays = sqliteTable(
  'calendar_days',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    removed: integer('removed', { mode: 'boolean' }).notNull().default(false),
    kind: text('kind', { enum: dayKinds }),
    name: text('name'),
    legalBasis: text('legal_basis'),
    note: text('note'),
    /** Incremented on every change of the row; the day's ETag (0 = never edited). */
    version: integer('version').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    uniqueIndex('calendar_days_national_date')
      .on(t.date)
      .where(sql`${t.campaignId} is null`),
    uniqueIndex('calendar_days_campaign_date').on(t.campaignId, t.date),
    index('calendar_days_date').on(t.date),
  ],
);

/** An office's word on a year: confirmed (the published schedule is entered) or not, over the file's. */
export const calendarYears = sqliteTable('calendar_years', {
  year: integer('year').primaryKey(),
  confirmed: integer('confirmed', { mode: 'boolean' }).notNull(),
  legalBasis: text('legal_basis'),
  note: text('note'),
  version: integer('version').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

// One row, bumped by every calendar write in the same transaction. Every service instance compares it
// with the version its cached calendars were built from: one indexed read per call, and a write made
// by another process is seen on the next call.
export const calendarState = sqliteTable('calendar_state', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});
