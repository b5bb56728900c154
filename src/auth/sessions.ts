import { and, eq, isNull } from 'drizzle-orm';
import type { AuditService } from '../audit/service.js';
import type { Db, DbOrTx } from '../db/connection.js';
import { anonymousActor, type Actor } from './actor.js';
import { hashSecret, looksLikeSecret, newSecret } from './codes.js';
import type { InvitationRefusal, PeopleService } from './people.js';
import { roleLabel } from './roles.js';
import { formSubmissions, people, webSessions } from './tables.js';

// Web sessions: the cookie carries a random token, the database its hash, the person and two clocks.
// A session ends when it has been idle too long, when it is too old whatever its use, when its person
// signs out (here or everywhere) or is revoked. Nothing about the person lives in the cookie.

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

/** lastSeenAt is written at most this often: a page view is a read, not a write, most of the time. */
const TOUCH_EVERY_MS = 60_000;

export type SessionEnd = 'expired-idle' | 'expired-absolute' | 'signed-out' | 'signed-out-everywhere' | 'revoked';

export type SessionService = ReturnType<typeof createSessionService>;

export interface OpenedSession {
  token: string;
  actor: Actor;
}

function actorOf(person: typeof people.$inferSelect, requestId: string | null): Actor {
  return {
    tokenId: null,
    personId: person.id,
    label: `${person.name} (${roleLabel(person.role, person.teamNumber)})`,
    role: person.role,
    campaignId: person.campaignId,
    teamNumber: person.teamNumber,
    unitId: person.unitId,
    requestId,
  };
}

export function createSessionService(deps: { db: Db; now: () => Date; audit: AuditService; people: PeopleService; limits: SessionLimits }) {
  const { db, now, audit, people: persons, limits } = deps;

  function open(tx: DbOrTx, person: typeof people.$inferSelect, requestId: string | null): OpenedSession {
    const token = newSecret();
    const at = now().toISOString();
    const inserted = tx
      .insert(webSessions)
      .values({ tokenHash: hashSecret(token), personId: person.id, createdAt: at, lastSeenAt: at })
      .returning({ id: webSessions.id })
      .get();
    const actor = actorOf(person, requestId);
    audit.record(tx, actor, {
      action: 'session.sign-in',
      entityType: 'session',
      entityId: inserted.id,
      campaignId: person.campaignId,
      unitId: person.unitId,
      after: { personId: person.id },
    });
    return { token, actor };
  }

  function end(tx: DbOrTx, sessionId: number, reason: SessionEnd): void {
    tx.update(webSessions)
      .set({ endedAt: now().toISOString(), endReason: reason })
      .where(and(eq(webSessions.id, sessionId), isNull(webSessions.endedAt)))
      .run();
  }

  return {
    /** Signs in with an invitation code: the code is used up and a session opened, or nothing happens. */
    signIn(code: string, requestId: string | null): { ok: true; session: OpenedSession } | { ok: false; refusal: InvitationRefusal } {
      const result = persons.redeem(code, (tx, person) => open(tx, person, requestId));
      if (result.ok) return { ok: true, session: result.value };
      this.refused(code, result.refusal, requestId);
      return result;
    },

    /** A refused sign-in (an invitation unknown, used, expired or revoked) goes to the audit trail. */
    refused(code: string, refusal: InvitationRefusal, requestId: string | null): void {
      const seen = persons.lookup(code);
      db.transaction((tx) =>
        audit.record(tx, seen.person ? actorOf(seen.person, requestId) : anonymousActor(requestId), {
          action: 'session.refused',
          entityType: 'invitation',
          entityId: seen.person ? seen.person.id : '?',
          campaignId: seen.person?.campaignId ?? null,
          after: { reason: refusal },
        }),
      );
    },

    /**
     * The actor of a session token, or why there is none. A session past either limit is ended here
     * (and audited), so an expired cookie never works again even if the clock is set back.
     */
    resolve(token: string, requestId: string | null): { actor: Actor; sessionId: number } | { actor: null; ended: SessionEnd | 'unknown' } {
      if (!looksLikeSecret(token)) return { actor: null, ended: 'unknown' };
      const found = db
        .select()
        .from(webSessions)
        .where(eq(webSessions.tokenHash, hashSecret(token)))
        .get();
      if (!found) return { actor: null, ended: 'unknown' };
      if (found.endedAt) return { actor: null, ended: (found.endReason as SessionEnd | null) ?? 'signed-out' };
      const person = persons.active(found.personId);
      const nowMs = now().getTime();
      const reason: SessionEnd | null = !person
        ? 'revoked'
        : nowMs - Date.parse(found.createdAt) >= limits.absoluteMs
          ? 'expired-absolute'
          : nowMs - Date.parse(found.lastSeenAt) >= limits.idleMs
            ? 'expired-idle'
            : null;
      if (reason || !person) {
        db.transaction((tx) => {
          end(tx, found.id, reason ?? 'revoked');
          if (person) {
            audit.record(tx, actorOf(person, requestId), {
              action: 'session.expire',
              entityType: 'session',
              entityId: found.id,
              campaignId: person.campaignId,
              after: { reason },
            });
          }
        });
        return { actor: null, ended: reason ?? 'revoked' };
      }
      if (nowMs - Date.parse(found.lastSeenAt) >= TOUCH_EVERY_MS) {
        db.update(webSessions).set({ lastSeenAt: now().toISOString() }).where(eq(webSessions.id, found.id)).run();
      }
      return { actor: actorOf(person, requestId), sessionId: found.id };
    },

    /**
     * Runs a form's work once per session and form: a second submission of the same form (a
     * double-click, a resend) gets the first one's result location without acting again. The work
     * opens its own transaction (an immediate one, which cannot nest), so the lookup, the work and the
     * record run back to back with nothing awaited between them: no other request of this process can
     * come in between.
     */
    once(sessionId: number, nonce: string, work: () => string): string {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return work();
      const seen = db
        .select({ location: formSubmissions.location })
        .from(formSubmissions)
        .where(and(eq(formSubmissions.sessionId, sessionId), eq(formSubmissions.nonce, nonce)))
        .get();
      if (seen) return seen.location;
      const location = work();
      db.insert(formSubmissions).values({ sessionId, nonce, location, createdAt: now().toISOString() }).onConflictDoNothing().run();
      return location;
    },

    /** Sign-out: this session only, or every session of the person. */
    signOut(sessionId: number, actor: Actor, everywhere: boolean): void {
      db.transaction((tx) => {
        const ended = everywhere && actor.personId !== null ? persons.endSessions(tx, actor.personId, 'signed-out-everywhere') : 0;
        if (!everywhere) end(tx, sessionId, 'signed-out');
        audit.record(tx, actor, {
          action: everywhere ? 'session.sign-out-everywhere' : 'session.sign-out',
          entityType: 'session',
          entityId: sessionId,
          campaignId: actor.campaignId,
          after: everywhere ? { endedSessions: ended } : null,
        });
      });
    },
  };
}
