import { foreignKey, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
    foreignKey({ columns: [t.campaignId, t.teamNumber], foreignColumns: [teams.campaignId, teams.number] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.campaignId, t.unitId], foreignColumns: [units.campaignId, units.id] }).onDelete('cascade'),
  ],
);
