import createError from '@fastify/error';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AuditService } from '../audit/service.js';
import type { CampaignService } from '../campaigns/service.js';
import type { Db, DbOrTx } from '../db/connection.js';
import type { Actor } from './actor.js';
import { hashSecret, looksLikeSecret, newSecret } from './codes.js';
import { checkScope } from './scope.js';
import type { CreatePersonInput, PersonView } from './schema.js';
import { invitations, people, webSessions } from './tables.js';

export const PersonNotFound = createError<[string]>('PERSON_NOT_FOUND', '%s', 404);
const PersonRevoked = createError<[string]>('PERSON_REVOKED', '%s', 409);

type PersonRow = typeof people.$inferSelect;

/** Why an invitation code does not sign anyone in. */
export type InvitationRefusal = 'unknown' | 'used' | 'expired' | 'revoked';

export interface InvitationLookup {
  ok: boolean;
  refusal: InvitationRefusal | null;
  person: PersonRow | null;
  expiresAt: string | null;
}

export type PeopleService = ReturnType<typeof createPeopleService>;

/**
 * The people who use the web pages, their invitations (single-use sign-in links) and the ending of
 * their sessions. Sessions themselves live in sessions.ts; revoking a person ends them here, in the
 * same transaction.
 */
export function createPeopleService(deps: { db: Db; now: () => Date; audit: AuditService; campaigns: CampaignService; invitationTtlMs: number }) {
  const { db, now, audit, campaigns, invitationTtlMs } = deps;

  function row(conn: DbOrTx, campaignId: string, personId: number): PersonRow {
    const found = conn
      .select()
      .from(people)
      .where(and(eq(people.id, personId), eq(people.campaignId, campaignId)))
      .get();
    if (!found) throw new PersonNotFound(`Đợt kiểm tra "${campaignId}" không có người dùng số ${personId}`);
    return found;
  }

  function views(campaignId: string, rows: PersonRow[]): PersonView[] {
    const at = now().toISOString();
    const names = campaigns.unitNames(
      campaignId,
      rows.flatMap((r) => (r.unitId ? [r.unitId] : [])),
    );
    const ids = rows.map((r) => r.id);
    const sessionCounts = new Map<number, number>();
    const pending = new Map<number, number>();
    const lastSignIn = new Map<number, string>();
    if (ids.length > 0) {
      const inIds = sql`${webSessions.personId} in ${ids}`;
      for (const s of db
        .select({ personId: webSessions.personId, open: sql<number>`sum(${webSessions.endedAt} is null)`, last: sql<string>`max(${webSessions.createdAt})` })
        .from(webSessions)
        .where(inIds)
        .groupBy(webSessions.personId)
        .all()) {
        sessionCounts.set(s.personId, s.open);
        lastSignIn.set(s.personId, s.last);
      }
      for (const i of db
        .select({ personId: invitations.personId, n: sql<number>`count(*)` })
        .from(invitations)
        .where(and(sql`${invitations.personId} in ${ids}`, isNull(invitations.usedAt), gt(invitations.expiresAt, at)))
        .groupBy(invitations.personId)
        .all()) {
        pending.set(i.personId, i.n);
      }
    }
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      role: r.role,
      campaignId: r.campaignId,
      teamNumber: r.teamNumber,
      unitId: r.unitId,
      unitName: r.unitId ? (names.get(r.unitId) ?? null) : null,
      createdAt: r.createdAt,
      revokedAt: r.revokedAt,
      openSessions: sessionCounts.get(r.id) ?? 0,
      pendingInvitations: pending.get(r.id) ?? 0,
      lastSignInAt: lastSignIn.get(r.id) ?? null,
    }));
  }

  function endSessions(tx: DbOrTx, personId: number, reason: string): number {
    return tx
      .update(webSessions)
      .set({ endedAt: now().toISOString(), endReason: reason })
      .where(and(eq(webSessions.personId, personId), isNull(webSessions.endedAt)))
      .run().changes;
  }

  return {
    create(campaignId: string, input: CreatePersonInput, actor: Actor): PersonView {
      checkScope(campaigns, { ...input, campaignId });
      const created = db.transaction((tx) => {
        const inserted = tx
          .insert(people)
          .values({
            name: input.name,
            position: input.position ?? null,
            role: input.role,
            campaignId,
            teamNumber: input.teamNumber ?? null,
            unitId: input.unitId ?? null,
            createdAt: now().toISOString(),
            createdBy: actor.label,
          })
          .returning()
          .get();
        audit.record(tx, actor, {
          action: 'person.create',
          entityType: 'person',
          entityId: inserted.id,
          campaignId,
          teamId: inserted.teamNumber,
          unitId: inserted.unitId,
          after: inserted,
        });
        return inserted;
      });
      return views(campaignId, [created])[0]!;
    },

    list(campaignId: string): PersonView[] {
      campaigns.summary(campaignId);
      return views(campaignId, db.select().from(people).where(eq(people.campaignId, campaignId)).orderBy(desc(people.id)).all());
    },

    get(campaignId: string, personId: number): PersonView {
      return views(campaignId, [row(db, campaignId, personId)])[0]!;
    },

    /** The person is refused from now on: open sessions end and unused invitations stop working. */
    revoke(campaignId: string, personId: number, actor: Actor): PersonView {
      db.transaction((tx) => {
        const before = row(tx, campaignId, personId);
        if (before.revokedAt) return;
        const at = now().toISOString();
        tx.update(people).set({ revokedAt: at }).where(eq(people.id, personId)).run();
        const ended = endSessions(tx, personId, 'revoked');
        audit.record(tx, actor, {
          action: 'person.revoke',
          entityType: 'person',
          entityId: personId,
          campaignId,
          unitId: before.unitId,
          before: { revokedAt: null },
          after: { revokedAt: at, endedSessions: ended },
        });
      });
      return this.get(campaignId, personId);
    },

    /** A new single-use sign-in code for the person; only its hash is kept, so it is shown this once. */
    invite(campaignId: string, personId: number, actor: Actor): { code: string; expiresAt: string; person: PersonView } {
      const code = newSecret();
      const expiresAt = new Date(now().getTime() + invitationTtlMs).toISOString();
      db.transaction((tx) => {
        const person = row(tx, campaignId, personId);
        if (person.revokedAt) throw new PersonRevoked(`${person.name} đã bị thu hồi quyền truy cập; không thể mời lại`);
        const inserted = tx
          .insert(invitations)
          .values({ personId, codeHash: hashSecret(code), createdAt: now().toISOString(), createdBy: actor.label, expiresAt })
          .returning({ id: invitations.id })
          .get();
        audit.record(tx, actor, {
          action: 'invitation.create',
          entityType: 'invitation',
          entityId: inserted.id,
          campaignId,
          unitId: person.unitId,
          after: { personId, expiresAt },
        });
      });
      return { code, expiresAt, person: this.get(campaignId, personId) };
    },

    /** What an invitation code would do, without using it (the confirmation page). */
    lookup(code: string, conn: DbOrTx = db): InvitationLookup {
      if (!looksLikeSecret(code)) return { ok: false, refusal: 'unknown', person: null, expiresAt: null };
      const found = conn
        .select({ invitation: invitations, person: people })
        .from(invitations)
        .innerJoin(people, eq(people.id, invitations.personId))
        .where(eq(invitations.codeHash, hashSecret(code)))
        .get();
      if (!found) return { ok: false, refusal: 'unknown', person: null, expiresAt: null };
      const { invitation, person } = found;
      const refusal: InvitationRefusal | null = person.revokedAt
        ? 'revoked'
        : invitation.usedAt
          ? 'used'
          : invitation.expiresAt <= now().toISOString()
            ? 'expired'
            : null;
      return { ok: refusal === null, refusal, person, expiresAt: invitation.expiresAt };
    },

    /**
     * Uses an invitation: marks it used and runs `open` (which starts the session) in one transaction,
     * so a code can never sign in twice, even when two requests race.
     */
    redeem<T>(code: string, open: (tx: DbOrTx, person: PersonRow) => T): { ok: true; value: T; person: PersonRow } | { ok: false; refusal: InvitationRefusal } {
      return db.transaction((tx) => {
        const seen = this.lookup(code, tx);
        if (!seen.ok || !seen.person) return { ok: false as const, refusal: seen.refusal ?? 'unknown' };
        const used = tx
          .update(invitations)
          .set({ usedAt: now().toISOString() })
          .where(and(eq(invitations.codeHash, hashSecret(code)), isNull(invitations.usedAt)))
          .run();
        if (used.changes !== 1) return { ok: false as const, refusal: 'used' as const };
        return { ok: true as const, value: open(tx, seen.person), person: seen.person };
      });
    },

    endSessions,

    /** The person behind a session, if they may still sign in. */
    active(personId: number): PersonRow | null {
      const found = db.select().from(people).where(eq(people.id, personId)).get();
      return found && !found.revokedAt ? found : null;
    },
  };
}
