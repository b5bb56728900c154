import { foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Dates are ISO 'YYYY-MM-DD' text, instants ISO-8601 UTC text. An "exclusive" column holds the X of a
// "trước ngày X" rule: the last allowed day is the day before X.
//
// Units belong to a campaign. Names like "Công an huyện" only mean something inside one locality's
// plan, so two campaigns never share a unit row; copying a campaign copies its units.

export const campaigns = sqliteTable('campaigns', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  fullTitle: text('full_title'),
  rehearsal: integer('rehearsal', { mode: 'boolean' }).notNull().default(false),
  issuingBody: text('issuing_body').notNull(),
  parentBody: text('parent_body').notNull(),
  placeName: text('place_name').notNull(),
  planNumber: text('plan_number'),
  planDate: text('plan_date'),
  standingOfficeUnitId: text('standing_office_unit_id'),
  standingOfficeDesk: text('standing_office_desk'),
  windowStart: text('window_start').notNull(),
  windowEndExclusive: text('window_end_exclusive').notNull(),
  registrationDeadlineExclusive: text('registration_deadline_exclusive'),
  noticeLeadWorkingDays: integer('notice_lead_working_days').notNull(),
  noticeConvention: text('notice_convention', { enum: ['on-or-before', 'full-days-between'] }).notNull(),
  resultsNoticeWorkingDays: integer('results_notice_working_days').notNull(),
  resultsNoticeFrom: text('results_notice_from', { enum: ['round', 'visit'] }).notNull(),
  teamReportDeadlineExclusive: text('team_report_deadline_exclusive'),
  visitsPerTeamPerDay: integer('visits_per_team_per_day').notNull(),
  severities: text('severities', { mode: 'json' }).$type<Record<string, 'error' | 'warning' | 'off'>>().notNull(),
  /** Session hours the campaign sets (sáng, chiều, cả ngày); missing ones take the defaults. */
  sessionTimes: text('session_times', { mode: 'json' }).$type<Record<string, { start: string; end: string }>>(),
  outlineSet: text('outline_set').notNull(),
  outlinePeriods: text('outline_periods', { mode: 'json' }).$type<Record<string, { from: string; to: string }>>().notNull(),
  definition: text('definition', { mode: 'json' }).$type<unknown>().notNull(),
  definitionHash: text('definition_hash').notNull(),
  /** SHA-256 of the file a shipped definition was loaded from: an unchanged file is not parsed again. */
  sourceHash: text('source_hash'),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by'),
  /** The definition's version: 1 when loaded, one more with every amendment; the campaign's ETag. */
  version: integer('version').notNull().default(1),
});

/**
 * Every version of a campaign's definition: the one loaded and each amendment, never changed. The
 * campaign row and its units, teams and assignments hold the newest; earlier ones are kept here.
 */
export const campaignVersions = sqliteTable(
  'campaign_versions',
  {
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    kind: text('kind', { enum: ['import', 'copy', 'amendment'] }).notNull(),
    definition: text('definition', { mode: 'json' }).$type<unknown>().notNull(),
    definitionHash: text('definition_hash').notNull(),
    /** What changed from the version before (amendments), as the preview listed it. */
    changes: text('changes', { mode: 'json' }).$type<unknown[]>().notNull().default([]),
    reason: text('reason'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.version] })],
);

export const units = sqliteTable(
  'units',
  {
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'district', 'commune', 'other'] }).notNull(),
    kind: text('kind').notNull(),
    position: integer('position').notNull(),
    searchKey: text('search_key').notNull(),
    /**
     * Set when an amendment took the unit out of the plan. The row stays: visits, tokens and reports
     * that name it keep their unit, and loading it again brings it back.
     */
    removedInVersion: integer('removed_in_version'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.id] }), index('units_search_key').on(t.searchKey)],
);

export const unitAliases = sqliteTable(
  'unit_aliases',
  {
    campaignId: text('campaign_id').notNull(),
    unitId: text('unit_id').notNull(),
    alias: text('alias').notNull(),
    searchKey: text('search_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.unitId, t.alias] }),
    foreignKey({ columns: [t.campaignId, t.unitId], foreignColumns: [units.campaignId, units.id] }).onDelete('cascade'),
    index('unit_aliases_search_key').on(t.searchKey),
  ],
);

export const teams = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    leaderUnitId: text('leader_unit_id').notNull(),
    leaderAsWritten: text('leader_as_written').notNull(),
    leaderPersonName: text('leader_person_name'),
    leaderPersonTitle: text('leader_person_title'),
    secretaryUnitId: text('secretary_unit_id').notNull(),
    /** Set when an amendment took the team out; its visits (all cancelled) and documents keep it. */
    removedInVersion: integer('removed_in_version'),
  },
  (t) => [
    uniqueIndex('teams_campaign_number').on(t.campaignId, t.number),
    index('teams_leader').on(t.campaignId, t.leaderUnitId),
    foreignKey({ columns: [t.campaignId, t.leaderUnitId], foreignColumns: [units.campaignId, units.id] }),
    foreignKey({ columns: [t.campaignId, t.secretaryUnitId], foreignColumns: [units.campaignId, units.id] }),
  ],
);

export const teamMembers = sqliteTable(
  'team_members',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    campaignId: text('campaign_id').notNull(),
    unitId: text('unit_id').notNull(),
    position: integer('position').notNull(),
    asWritten: text('as_written').notNull(),
    representativeName: text('representative_name'),
    representativeTitle: text('representative_title'),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.unitId] }),
    foreignKey({ columns: [t.campaignId, t.unitId], foreignColumns: [units.campaignId, units.id] }),
    index('team_members_unit').on(t.campaignId, t.unitId),
  ],
);

export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    position: integer('position').notNull(),
    asWritten: text('as_written').notNull(),
    outline: text('outline').notNull(),
    questionBlocks: text('question_blocks', { mode: 'json' }).$type<string[]>().notNull(),
    /** Set when an amendment took the target out; only a target without active visits can be. */
    removedInVersion: integer('removed_in_version'),
  },
  (t) => [
    uniqueIndex('assignments_campaign_unit').on(t.campaignId, t.unitId),
    index('assignments_team').on(t.teamId),
    foreignKey({ columns: [t.campaignId, t.unitId], foreignColumns: [units.campaignId, units.id] }),
  ],
);
