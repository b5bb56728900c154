import { foreignKey, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { assignments, campaigns, teams, units } from '../campaigns/tables.js';

export const sessions = ['sang', 'chieu', 'ca-ngay', 'custom'] as const;
export type Session = (typeof sessions)[number];

/** The notice in force for a visit (kept by documents in the transaction that issues or records it). */
export interface VisitNotice {
  id: number;
  numberLabel: string;
  issueDate: string;
  /** 'paper': issued on paper and recorded afterwards. */
  origin: 'service' | 'paper';
  /** Issued after the visit's latest notice date, with the office's written reason. */
  lateReason: string | null;
}

/** An act done on paper and entered afterwards: the date it happened, who entered it, when and why. */
export interface EnteredAfterwards {
  statedDate: string;
  by: string;
  at: string;
  reason: string;
}

export const visitStatuses = ['registered', 'notified', 'carried-out', 'concluded', 'cancelled'] as const;
export type VisitStatus = (typeof visitStatuses)[number];

// A visit is a team at one of its targets on a date, in a session or an explicit time range.
// Times are minutes after local midnight and the range is half-open [start, end): a visit ending at
// 11:30 and one starting at 11:30 do not overlap.
export const visits = sqliteTable(
  'visits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    /** The team's number, kept with the visit so views and feeds need no join (numbers never change). */
    teamNumber: integer('team_number').notNull(),
    assignmentId: integer('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    date: text('date').notNull(),
    session: text('session', { enum: sessions }).notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
    place: text('place').notNull(),
    status: text('status', { enum: visitStatuses }).notNull(),
    cancelReason: text('cancel_reason'),
    /** Clash codes the standing office overrode at registration or move, with its written reason. */
    overriddenCodes: text('overridden_codes', { mode: 'json' }).$type<string[]>().notNull().default([]),
    overrideReason: text('override_reason'),
    overrideBy: text('override_by'),
    /** The notice in force for the visit: set when one is issued or recorded, cleared when the visit moves or is cancelled. */
    notice: text('notice', { mode: 'json' }).$type<VisitNotice>(),
    /** A registration received on paper and entered afterwards. */
    enteredAfterwards: text('entered_afterwards', { mode: 'json' }).$type<EnteredAfterwards>(),
    /** Incremented on every change; the visit's ETag. */
    version: integer('version').notNull().default(1),
    registeredAt: text('registered_at').notNull(),
    registeredBy: text('registered_by').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.campaignId, t.unitId], foreignColumns: [units.campaignId, units.id] }),
    index('visits_campaign_date').on(t.campaignId, t.date),
    index('visits_team_date').on(t.teamId, t.date),
    index('visits_unit_date').on(t.campaignId, t.unitId, t.date),
  ],
);

/** Every change of a visit, kept: registration, moves, status changes, cancellation. */
export const visitHistory = sqliteTable(
  'visit_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    reason: text('reason'),
  },
  (t) => [index('visit_history_visit').on(t.visitId, t.id)],
);
