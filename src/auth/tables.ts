import { foreignKey, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { campaigns, teams, units } from '../campaigns/tables.js';

export const roles = ['office', 'leader', 'secretary', 'member', 'unit'] as const;
export type Role = (typeof roles)[number];

// Scope: office tokens may name a campaign (or none: every campaign); leader and secretary tokens name
// a campaign and a team number; member and unit tokens name a campaign and a unit (units belong to a
// campaign). Only a SHA-256 of each token is stored: tokens are 256-bit random values, so a slow
// password hash would add latency to every request and no protection.
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    label: text('label').notNull(),
    role: text('role', { enum: roles }).notNull(),
    campaignId: text('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    teamNumber: integer('team_number'),
    unitId: text('unit_id'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by'),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    index('api_tokens_campaign').on(t.campaignId),
    foreignKey({ columns: [t.campaignId, t.teamNumber], foreignColumns: [teams.campaignId, teams.number] }).onDelete('cascade'),
    foreignKey({ columns: [t.campaignId, t.unitId], foreignColumns: [units.campaignId, units.id] }).onDelete('cascade'),
  ],
);

// People sign in to the web pages; they hold the same roles and scopes as tokens. A person is
// invited by a single-use link (only its hash is kept) and then holds server-side sessions, which a
// revocation of the person ends at once.
export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    position: text('position'),
    role: text('role', { enum: roles }).notNull(),
    campaignId: text('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    teamNumber: integer('team_number'),
    unitId: text('unit_id'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by'),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    index('people_campaign').on(t.campaignId),
    foreignKey({ columns: [t.campaignId, t.teamNumber], foreignColumns: [teams.campaignId, teams.number] }).onDelete('cascade'),
    foreignKey({ columns: [t.campaignId, t.unitId], foreignColumns: [units.campaignId, units.id] }).onDelete('cascade'),
  ],
);

export const invitations = sqliteTable(
  'invitations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by'),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [index('invitations_person').on(t.personId)],
);

export const webSessions = sqliteTable(
  'web_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    endedAt: text('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [index('web_sessions_person').on(t.personId)],
);

// Forms a session has already submitted, by the random value each form carries: a double-click or a
// resent form is answered with where the first submission led, instead of acting twice.
export const formSubmissions = sqliteTable(
  'form_submissions',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => webSessions.id, { onDelete: 'cascade' }),
    nonce: text('nonce').notNull(),
    location: text('location').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.nonce] })],
);
