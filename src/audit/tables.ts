import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Append-only: a migration installs triggers that refuse UPDATE and DELETE on this table.
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorTokenId: integer('actor_token_id'),
    actorPersonId: integer('actor_person_id'),
    actorLabel: text('actor_label').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    campaignId: text('campaign_id'),
    teamId: integer('team_id'),
    unitId: text('unit_id'),
    visitId: integer('visit_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    reason: text('reason'),
    requestId: text('request_id'),
  },
  (t) => [index('audit_campaign').on(t.campaignId, t.id), index('audit_visit').on(t.visitId, t.id), index('audit_unit').on(t.unitId, t.id)],
);
