import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from '../campaigns/tables.js';
import { visits } from '../schedule/tables.js';
import { checklistResults } from './checklist/rules.js';

export { checklistResults, type ChecklistResult } from './checklist/rules.js';

export interface Figure {
  label: string;
  value: number;
  unit: string | null;
}

// The checklist itself is derived from the campaign definition and the outline block (checklist.ts);
// only the answers are stored, keyed by the item's stable key ("content-3", "block:tckh:0:2").
export const checklistAnswers = sqliteTable(
  'checklist_answers',
  {
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    result: text('result', { enum: checklistResults }),
    note: text('note'),
    figures: text('figures', { mode: 'json' }).$type<Figure[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.itemKey] })],
);

/** One row per upload; the bytes live once per SHA-256 under config.storageDir/evidence. */
export const evidenceFiles = sqliteTable(
  'evidence_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id').notNull(),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mimeType: text('mime_type').notNull(),
    fileName: text('file_name').notNull(),
    uploadedAt: text('uploaded_at').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
  },
  (t) => [index('evidence_visit').on(t.visitId, t.itemKey), index('evidence_sha256').on(t.sha256)],
);

export const conclusionStates = ['draft', 'published', 'withdrawn'] as const;
export type ConclusionState = (typeof conclusionStates)[number];
export const versionStatuses = ['draft', 'published', 'superseded', 'withdrawn'] as const;
export type VersionStatus = (typeof versionStatuses)[number];

/** The head of a visit's conclusion; revision is its ETag and grows with every change. */
export const conclusions = sqliteTable(
  'conclusions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    teamNumber: integer('team_number').notNull(),
    unitId: text('unit_id').notNull(),
    state: text('state', { enum: conclusionStates }).notNull(),
    publishedVersion: integer('published_version'),
    draftVersion: integer('draft_version'),
    revision: integer('revision').notNull().default(1),
    withdrawnAt: text('withdrawn_at'),
    withdrawnBy: text('withdrawn_by'),
    withdrawReason: text('withdraw_reason'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('conclusions_visit').on(t.visitId), index('conclusions_campaign').on(t.campaignId, t.state)],
);

export interface RecommendationContent {
  id: number;
  text: string;
  responsibleUnitId: string;
  dueDate: string;
}

/** Every version is kept: a published version is never edited, an amendment is a new version. */
export const conclusionVersions = sqliteTable(
  'conclusion_versions',
  {
    conclusionId: integer('conclusion_id')
      .notNull()
      .references(() => conclusions.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: versionStatuses }).notNull(),
    achieved: text('achieved').notNull(),
    shortcomings: text('shortcomings').notNull(),
    causes: text('causes').notNull(),
    recommendations: text('recommendations', { mode: 'json' }).$type<RecommendationContent[]>().notNull(),
    amendmentReason: text('amendment_reason'),
    /** Published while the visit's checklist was unfinished: how far it was, and the leader's reason. */
    checklistIncomplete: text('checklist_incomplete', { mode: 'json' }).$type<{ answered: number; total: number; reason: string }>(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    publishedAt: text('published_at'),
    publishedBy: text('published_by'),
  },
  (t) => [primaryKey({ columns: [t.conclusionId, t.version] })],
);

/** in-progress: the responsible unit answered that it is acting on it, by its expected date. */
export const recommendationStatuses = ['open', 'in-progress', 'done'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];

// A recommendation keeps its id and status across amendments; its text, unit and due date are those of
// the published version (copied here on publish so lists and overdue checks need no JSON parsing).
// "Overdue" is never stored: it depends on today and the calendar.
export const recommendations = sqliteTable(
  'recommendations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conclusionId: integer('conclusion_id')
      .notNull()
      .references(() => conclusions.id, { onDelete: 'cascade' }),
    campaignId: text('campaign_id').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(false),
    text: text('text'),
    responsibleUnitId: text('responsible_unit_id'),
    dueDate: text('due_date'),
    status: text('status', { enum: recommendationStatuses }).notNull().default('open'),
    statusNote: text('status_note'),
    /** The day the unit expects to finish, when it answered "in progress". */
    expectedDate: text('expected_date'),
    statusChangedAt: text('status_changed_at'),
    statusChangedBy: text('status_changed_by'),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [index('recommendations_campaign').on(t.campaignId, t.active, t.dueDate), index('recommendations_conclusion').on(t.conclusionId)],
);

/** Evidence the responsible unit attaches to its answer (bytes by SHA-256 under storage/recommendation-evidence). */
export const recommendationFiles = sqliteTable(
  'recommendation_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id').notNull(),
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mimeType: text('mime_type').notNull(),
    fileName: text('file_name').notNull(),
    uploadedAt: text('uploaded_at').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
  },
  (t) => [index('recommendation_files_recommendation').on(t.recommendationId)],
);

export const feedEventTypes = ['conclusion.published', 'conclusion.amended', 'conclusion.withdrawn', 'recommendation.status-changed'] as const;
export type FeedEventType = (typeof feedEventTypes)[number];

/** What the office needs to act on an event without another call, as it was when it happened. */
export interface FeedEventDetail {
  unitName: string;
  teamName: string;
  conclusion: {
    state: ConclusionState;
    summary: { achieved: string; shortcomings: string; recommendations: { total: number; open: number } } | null;
  };
  recommendation: { text: string; responsibleUnitId: string; responsibleUnitName: string; dueDate: string } | null;
}

/**
 * The standing office's feed. seq is AUTOINCREMENT, inserted in the transaction of the change it
 * describes; feed/repository.ts explains why a poller following seq never skips or repeats an event.
 * AUTOINCREMENT (not a plain rowid) because compaction deletes rows: a plain rowid may reuse the
 * number of a deleted newest row, AUTOINCREMENT never hands out a number twice.
 */
export const feedEvents = sqliteTable(
  'feed_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id').notNull(),
    type: text('type', { enum: feedEventTypes }).notNull(),
    at: text('at').notNull(),
    actorLabel: text('actor_label').notNull(),
    visitId: integer('visit_id').notNull(),
    teamNumber: integer('team_number').notNull(),
    unitId: text('unit_id').notNull(),
    version: integer('version'),
    recommendationId: integer('recommendation_id'),
    status: text('status'),
    reason: text('reason'),
    /** Null only for events written before the feed carried it. */
    detail: text('detail', { mode: 'json' }).$type<FeedEventDetail>(),
  },
  (t) => [index('feed_events_campaign_seq').on(t.campaignId, t.seq), index('feed_events_at').on(t.at)],
);

/** Per campaign, the highest seq removed by compaction: a cursor below it can no longer be served. */
export const feedCompactions = sqliteTable('feed_compactions', {
  campaignId: text('campaign_id').primaryKey(),
  throughSeq: integer('through_seq').notNull(),
  compactedAt: text('compacted_at').notNull(),
});
