import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AuditService } from '../audit/service.js';
import type { CampaignService } from '../campaigns/service.js';
import type { Db } from '../db/connection.js';
import { fieldErrors, NotFound, ValidationFailed } from '../http/errors.js';
import type { Actor } from './actor.js';
import { checkScope } from './scope.js';
import type { CreateTokenInput, TokenView } from './schema.js';
import { apiTokens } from './tables.js';
import { hashToken, looksLikeToken, newToken, tokenPrefix } from './tokens.js';

type TokenRow = typeof apiTokens.$inferSelect;

const TOKEN_CACHE_MS = 1000;
const TOKEN_CACHE_SIZE = 10_000;

function view(row: TokenRow): TokenView {
  return {
    id: row.id,
    prefix: row.prefix,
    label: row.label,
    role: row.role,
    campaignId: row.campaignId,
    teamNumber: row.teamNumber,
    unitId: row.unitId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: { db: Db; now: () => Date; campaigns: CampaignService; audit: AuditService }) {
  const { db, now, campaigns, audit } = deps;
  // Every authenticated request runs this lookup: prepared once, it skips query building each time.
  const byHash = db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, sql.placeholder('hash')))
    .prepare();
  // Tokens rarely change and every request looks one up: rows are kept for TOKEN_CACHE_MS (monotonic
  // time). A revocation here evicts at once; one made by another instance takes effect within that.
  // Keyed by the token as presented, so a cached request does not hash it: recently used tokens stay
  // in this process's memory (which sees every request's headers anyway); the database keeps hashes.
  const cache = new Map<string, { row: TokenRow | undefined; readAt: number }>();
  function lookup(token: string): TokenRow | undefined {
    const hit = cache.get(token);
    if (hit && performance.now() - hit.readAt < TOKEN_CACHE_MS) return hit.row;
    if (cache.size >= TOKEN_CACHE_SIZE) cache.clear();
    const row = byHash.get({ hash: hashToken(token) });
    cache.set(token, { row, readAt: performance.now() });
    return row;
  }

  return {
    authenticate(token: string, requestId: string | null): Actor | null {
      if (!looksLikeToken(token)) return null;
      const row = lookup(token);
      if (!row || row.revokedAt) return null;
      if (row.expiresAt && Date.parse(row.expiresAt) <= now().getTime()) return null;
      return {
        tokenId: row.id,
        personId: null,
        label: row.label,
        role: row.role,
        campaignId: row.campaignId,
        teamNumber: row.teamNumber,
        unitId: row.unitId,
        requestId,
      };
    },

    create(input: CreateTokenInput, actor: Actor): TokenView & { token: string } {
      if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= now().getTime()) {
        const message = 'phải sau thời điểm hiện tại (token hết hạn ngay khi tạo thì không dùng được)';
        throw fieldErrors(ValidationFailed, `Dữ liệu không hợp lệ: expiresAt ${message}`, [{ in: 'body', field: 'expiresAt', message }]);
      }
      checkScope(campaigns, input);
      const token = newToken();
      const row = db.transaction((tx) => {
        const inserted = tx
          .insert(apiTokens)
          .values({
            tokenHash: hashToken(token),
            prefix: tokenPrefix(token),
            label: input.label,
            role: input.role,
            campaignId: input.campaignId ?? null,
            teamNumber: input.teamNumber ?? null,
            unitId: input.unitId ?? null,
            createdAt: now().toISOString(),
            createdBy: actor.label,
            expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
          })
          .returning()
          .get();
        audit.record(tx, actor, {
          action: 'token.create',
          entityType: 'token',
          entityId: inserted.id,
          campaignId: inserted.campaignId,
          unitId: inserted.unitId,
          after: view(inserted),
        });
        return inserted;
      });
      return { ...view(row), token };
    },

    list(campaignId?: string): TokenView[] {
      return db
        .select()
        .from(apiTokens)
        .where(campaignId ? eq(apiTokens.campaignId, campaignId) : undefined)
        .orderBy(desc(apiTokens.id))
        .all()
        .map(view);
    },

    revoke(id: number, actor: Actor): TokenView {
      return db.transaction((tx) => {
        const before = tx.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
        if (!before || (actor.campaignId !== null && before.campaignId !== actor.campaignId)) {
          throw new NotFound(`Không có token số ${id}`);
        }
        const after = tx
          .update(apiTokens)
          .set({ revokedAt: before.revokedAt ?? now().toISOString() })
          .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
          .returning()
          .get();
        cache.clear();
        if (after) {
          audit.record(tx, actor, {
            action: 'token.revoke',
            entityType: 'token',
            entityId: id,
            campaignId: before.campaignId,
            before: view(before),
            after: view(after),
          });
        }
        return view(after ?? before);
      });
    },
  };
}
