import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns, units } from '../campaigns/tables.js';
import type { StoredAnswer } from './answers.js';

export const selfReportStatuses = ['draft', 'submitted', 'returned'] as const;
export type SelfReportStatus = (typeof selfReportStatuses)[number];

/** A unit's self-report (Báo cáo kết quả thực hiện Đề án 06): one row per unit, answers by item id. */
export const selfReports = sqliteTable(
  'self_reports',
  {
    campaignId: text('campaign_id').notNull(),
    unitId: text('unit_id').notNull(),
    answers: text('answers', { mode: 'json' }).$type<Record<string, StoredAnswer>>().notNull(),
    /** Incremented on every change; the report's ETag. */
    version: integer('version').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    /** draft → submitted ("Nộp báo cáo", read-only) → returned for correction (editable) → submitted … */
    status: text('status', { enum: selfReportStatuses }).notNull().default('draft'),
    submittedAt: text('submitted_at'),
    submittedBy: text('submitted_by'),
    /** Items the unit knowingly left empty when it submitted (it confirmed so). */
    submittedIncomplete: text('submitted_incomplete', { mode: 'json' }).$type<string[]>(),
    returnedAt: text('returned_at'),
    returnedBy: text('returned_by'),
    returnReason: text('return_reason'),
    /** The signed and stamped scan (PDF) of the submitted report; bytes by SHA-256 under storage/self-report-scans. */
    scanSha256: text('scan_sha256'),
    scanFileName: text('scan_file_name'),
    scanSize: integer('scan_size'),
    scanUploadedAt: text('scan_uploaded_at'),
    scanUploadedBy: text('scan_uploaded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.unitId] }),
    foreignKey({ columns: [t.campaignId, t.unitId], foreignColumns: [units.campaignId, units.id] }).onDelete('cascade'),
  ],
);

/**
 * Rendered outlines and filled reports, once per render key: a hash of everything printed (unit,
 * team, period, visit, outline and block versions, template). The key is also the ETag.
 */
export const outlineRenders = sqliteTable(
  'outline_renders',
  {
    key: text('key').primaryKey(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    kind: text('kind', { enum: ['outline', 'report'] }).notNull(),
    format: text('format', { enum: ['html', 'pdf', 'docx'] }).notNull(),
    /** Content hash of the file in the shared render store. */
    hash: text('hash').notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('outline_renders_unit').on(t.campaignId, t.unitId)],
);

export const jobStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** The office's zip of every outline of a campaign or a team, built in the background. */
export const outlineBundles = sqliteTable(
  'outline_bundles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    teamNumber: integer('team_number'),
    /** 'campaign' or 'team-<n>': at most one unfinished job per scope. */
    scope: text('scope').notNull(),
    status: text('status', { enum: jobStatuses }).notNull(),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull(),
    file: text('file'),
    bytes: integer('bytes'),
    error: text('error'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
    /** Touched after every unit; a running job whose heartbeat is old died with its process. */
    heartbeatAt: text('heartbeat_at').notNull(),
  },
  (t) => [
    uniqueIndex('outline_bundles_active_scope')
      .on(t.campaignId, t.scope)
      .where(sql`status in ('queued', 'running')`),
    index('outline_bundles_campaign').on(t.campaignId, t.id),
  ],
);

/**
 * Outline sets an office loaded through the API (the shipped ones live in outlines/): every version
 * kept, never changed; campaigns naming the set use its newest version.
 */
export const outlineSetVersions = sqliteTable(
  'outline_set_versions',
  {
    setId: text('set_id').notNull(),
    version: integer('version').notNull(),
    /** The validated document (format outline-set-document/v1). */
    document: text('document', { mode: 'json' }).$type<unknown>().notNull(),
    hash: text('hash').notNull(),
    reason: text('reason'),
    loadedAt: text('loaded_at').notNull(),
    loadedBy: text('loaded_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.setId, t.version] })],
);
