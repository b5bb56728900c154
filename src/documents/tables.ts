import { foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { campaigns, teams } from '../campaigns/tables.js';
import { visits } from '../schedule/tables.js';

export const documentKindValues = ['notice', 'results-notice', 'team-report'] as const;
export const documentOrigins = ['service', 'paper'] as const;
export const outdatedKinds = ['moved', 'cancelled'] as const;

// An issued official document. Its content is a frozen snapshot (src/db/triggers.sql refuses any
// change to it); only its standing changes, and the hashes of its stored PDF and Word renderings.
// A notice's standing is kept per visit in document_visits (it may be replaced for one visit and stay
// in force for the others); results notices and reports are superseded as a whole (superseded_by_id).
// A paper notice (origin 'paper') was issued on paper and only recorded here: the service never
// renders it, and it carries who entered it, when and why.
// Numbers run per team and series (TB: both kinds of Thông báo; BC: Báo cáo), so no two documents of
// a team ever carry the same "Số".
export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    teamNumber: integer('team_number').notNull(),
    kind: text('kind', { enum: documentKindValues }).notNull(),
    series: text('series').notNull(),
    number: integer('number').notNull(),
    numberLabel: text('number_label').notNull(),
    /** The inspected unit of a results notice. */
    unitId: text('unit_id'),
    issueDate: text('issue_date').notNull(),
    issuedAt: text('issued_at').notNull(),
    issuedBy: text('issued_by').notNull(),
    /** Due date under the campaign's rules when issued (results notice, team report). */
    dueDate: text('due_date'),
    content: text('content', { mode: 'json' }).$type<unknown>().notNull(),
    contentHash: text('content_hash').notNull(),
    outdatedAt: text('outdated_at'),
    outdatedReason: text('outdated_reason'),
    supersededById: integer('superseded_by_id').references((): AnySQLiteColumn => documents.id),
    supersedes: text('supersedes', { mode: 'json' }).$type<number[]>().notNull().default([]),
    origin: text('origin', { enum: documentOrigins }).notNull().default('service'),
    enteredBy: text('entered_by'),
    enteredAt: text('entered_at'),
    entryReason: text('entry_reason'),
    /** Issued after its due date with the office's written reason. */
    lateReason: text('late_reason'),
    pdfHash: text('pdf_hash'),
    docxHash: text('docx_hash'),
  },
  (t) => [
    uniqueIndex('documents_team_series_number').on(t.campaignId, t.teamId, t.series, t.number),
    index('documents_campaign_kind').on(t.campaignId, t.kind),
  ],
);

/**
 * The visits a document covers (a notice's programme, a results notice's visit). For a notice, each row
 * is its standing for that visit: in force until the visit moves or is cancelled (outdated_*), and
 * superseded by the notice that announces the moved visit again.
 */
export const documentVisits = sqliteTable(
  'document_visits',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    visitId: integer('visit_id').notNull(),
    outdatedAt: text('outdated_at'),
    outdatedKind: text('outdated_kind', { enum: outdatedKinds }),
    outdatedReason: text('outdated_reason'),
    supersededById: integer('superseded_by_id').references((): AnySQLiteColumn => documents.id),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.visitId] }),
    foreignKey({ columns: [t.visitId], foreignColumns: [visits.id] }).onDelete('cascade'),
    index('document_visits_visit').on(t.visitId),
  ],
);
