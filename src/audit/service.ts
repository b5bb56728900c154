import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { Db, DbOrTx } from '../db/connection.js';
import type { AuditEntryView, AuditPage } from './schema.js';
import { auditLog } from './tables.js';

function view(row: typeof auditLog.$inferSelect): AuditEntryView {
  return {
    id: row.id,
    at: row.at,
    actor: { tokenId: row.actorTokenId, personId: row.actorPersonId, label: row.actorLabel, role: row.actorRole },
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    campaignId: row.campaignId,
    teamId: row.teamId,
    unitId: row.unitId,
    visitId: row.visitId,
    before: row.before,
    after: row.after,
    reason: row.reason,
    requestId: row.requestId,
  };
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number;
  campaignId?: string | null;
  teamId?: number | null;
  unitId?: string | null;
  visitId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface AuditFilter {
  campaignId?: string;
  visitId?: number;
  unitId?: string;
  beforeId?: number;
  limit: number;
}

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService({ db, now }: { db: Db; now: () => Date }) {
  return {
    /** Call inside the transaction of the write it describes, so both commit or neither does. */
    record(tx: DbOrTx, actor: Actor, entry: AuditEntry): void {
      tx.insert(auditLog)
        .values({
          at: now().toISOString(),
          actorTokenId: actor.tokenId,
          actorPersonId: actor.personId,
          actorLabel: actor.label,
          actorRole: actor.role,
          action: entry.action,
          entityType: entry.entityType,
          entityId: String(entry.entityId),
          campaignId: entry.campaignId ?? null,
          teamId: entry.teamId ?? null,
          unitId: entry.unitId ?? null,
          visitId: entry.visitId ?? null,
          before: entry.before ?? null,
          after: entry.after ?? null,
          reason: entry.reason ?? null,
          requestId: actor.requestId,
        })
        .run();
    },

    list(filter: AuditFilter) {
      const conditions: SQL[] = [];
      if (filter.campaignId) conditions.push(eq(auditLog.campaignId, filter.campaignId));
      if (filter.visitId !== undefined) conditions.push(eq(auditLog.visitId, filter.visitId));
      if (filter.unitId) conditions.push(eq(auditLog.unitId, filter.unitId));
      if (filter.beforeId !== undefined) conditions.push(lt(auditLog.id, filter.beforeId));
      return db
        .select()
        .from(auditLog)
        .where(and(...conditions))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit)
        .all();
    },

    /** One page of the trail, newest first; nextBefore continues with older entries. */
    page(filter: AuditFilter): AuditPage {
      const rows = this.list({ ...filter, limit: filter.limit + 1 });
      const entries = rows.slice(0, filter.limit).map(view);
      return { entries, nextBefore: rows.length > filter.limit ? entries[entries.length - 1]!.id : null };
    },

    /** Every visit change is audited, so a visit id never seen in the trail is no visit of the campaign. */
    hasVisit(campaignId: string, visitId: number): boolean {
      return (
        db
          .select({ id: auditLog.id })
          .from(auditLog)
          .where(and(eq(auditLog.campaignId, campaignId), eq(auditLog.visitId, visitId)))
          .limit(1)
          .get() !== undefined
      );
    },
  };
}
