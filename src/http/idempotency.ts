import createError from '@fastify/error';
import { and, eq, lte } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { stableJson } from '../text/stable-json.js';
import { idempotencyKeys } from './tables.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A creating POST that honours the Idempotency-Key header (safe retries). */
    idempotent?: boolean;
  }
}

export const IdempotencyKeyInvalid = createError<[string]>('INVALID_IDEMPOTENCY_KEY', '%s', 400);
export const IdempotencyKeyReused = createError<[string]>('IDEMPOTENCY_KEY_REUSED', '%s', 422);
export const IdempotencyKeyInUse = createError<[string]>('IDEMPOTENCY_KEY_IN_USE', '%s', 409);

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
const KEY = /^[\x21-\x7e]{1,255}$/;
const TTL_MS = 24 * 60 * 60 * 1000;
// An in-flight key older than this belongs to a request whose process died (crash, SIGKILL): the
// answer was never sent, so a retry may take the key over. Creating requests take milliseconds.
const LEASE_MS = 60 * 1000;
const keptHeaders = ['content-type', 'location', 'etag', 'last-modified', 'content-disposition'];

interface Claim {
  tokenId: number;
  keyHash: string;
  owner: string;
  secret: Buffer;
}

function claimFor(tokenId: number, key: string): Claim {
  const keyHash = createHash('sha256').update(`${tokenId}\0${key}`).digest('hex');
  const secret = createHash('sha256').update(`idempotent-answer\0${tokenId}\0${key}`).digest();
  return { tokenId, keyHash, owner: randomUUID(), secret };
}

function seal(secret: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret, iv);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

function open(secret: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', secret, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

/** What makes two requests "the same": method, path with query, and the parsed body. */
function fingerprint(request: FastifyRequest): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n`).update(stableJson(request.body)).digest('hex');
}

/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) for routes with config.idempotent.
 * Keys are per token. The first request claims the key (in-flight), runs, and its answer is stored;
 * a retry with the same key and request gets that answer again with `Idempotent-Replayed: true`;
 * the same key with another request is 422; a retry while the first still runs is 409. Answers that
 * say "try again" (400 validation, 429, 5xx) release the key instead of being stored.
 */
export const idempotencyPlugin = fp<{ db: Db; now: () => Date }>(
  async (app, { db, now }) => {
    const claims = new WeakMap<FastifyRequest, Claim>();
    const where = (c: Claim) => and(eq(idempotencyKeys.tokenId, c.tokenId), eq(idempotencyKeys.keyHash, c.keyHash), eq(idempotencyKeys.owner, c.owner));
    const release = (c: Claim) =>
      db
        .delete(idempotencyKeys)
        .where(and(where(c), eq(idempotencyKeys.state, 'in-flight')))
        .run();

    const preValidation = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.routeOptions.config.idempotent) return;
      const key = request.headers[IDEMPOTENCY_HEADER];
      if (key === undefined) return;
      if (typeof key !== 'string' || !KEY.test(key)) {
        throw new IdempotencyKeyInvalid('Idempotency-Key phải là một chuỗi ASCII in được, dài 1–255 ký tự.');
      }
      const tokenId = request.actor?.tokenId;
      if (tokenId === null || tokenId === undefined) return;

      const hash = fingerprint(request);
      const at = now();
      const claim = claimFor(tokenId, key);
      const existing = db.transaction(
        (tx) => {
          tx.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, at.toISOString())).run();
          const row = tx
            .select()
            .from(idempotencyKeys)
            .where(and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.keyHash, claim.keyHash)))
            .get();
          const abandoned = row?.state === 'in-flight' && Date.parse(row.createdAt) + LEASE_MS <= at.getTime();
          if (row && !(abandoned && row.requestHash === hash)) return row;
          const values = {
            tokenId,
            keyHash: claim.keyHash,
            owner: claim.owner,
            requestHash: hash,
            method: request.method,
            path: request.url,
            state: 'in-flight' as const,
            status: null,
            headers: null,
            body: null,
            createdAt: at.toISOString(),
            expiresAt: new Date(at.getTime() + TTL_MS).toISOString(),
          };
          tx.insert(idempotencyKeys)
            .values(values)
            .onConflictDoUpdate({ target: [idempotencyKeys.tokenId, idempotencyKeys.keyHash], set: values })
            .run();
          return null;
        },
        { behavior: 'immediate' },
      );

      if (!existing) {
        claims.set(request, claim);
        return;
      }
      if (existing.requestHash !== hash) {
        throw new IdempotencyKeyReused(`Idempotency-Key "${key}" đã được dùng cho một yêu cầu khác (${existing.method} ${existing.path}); hãy dùng khóa mới.`);
      }
      if (existing.state === 'in-flight') {
        reply.header('retry-after', '1');
        throw new IdempotencyKeyInUse(`Yêu cầu đầu tiên với Idempotency-Key "${key}" đang được xử lý; hãy thử lại sau.`);
      }
      reply.code(existing.status ?? 200);
      for (const [name, value] of Object.entries(existing.headers ?? {})) reply.header(name, value);
      reply.header(REPLAYED_HEADER, 'true');
      return reply.send(existing.body ? open(claim.secret, existing.body) : Buffer.alloc(0));
    };

    const onSend = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const claim = claims.get(request);
      if (!claim) return payload;
      claims.delete(request);
      const status = reply.statusCode;
      const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
      try {
        if (status === 400 || status === 429 || status >= 500 || (body === null && payload != null)) {
          release(claim);
          return payload;
        }
        const headers: Record<string, string> = {};
        for (const name of keptHeaders) {
          const value = reply.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        db.update(idempotencyKeys)
          .set({ state: 'done', status, headers, body: seal(claim.secret, body ?? Buffer.alloc(0)) })
          .where(where(claim))
          .run();
      } catch (error) {
        request.log.error({ err: error, keyHash: claim.keyHash }, 'could not store the idempotent answer');
        try {
          release(claim);
        } catch {
          // The key stays in-flight and is taken over after LEASE_MS.
        }
      }
      return payload;
    };

    // A request that ended without an answer being stored (aborted, failed in onSend) frees its key.
    const onResponse = async (request: FastifyRequest) => {
      const claim = claims.get(request);
      if (!claim) return;
      claims.delete(request);
      try {
        release(claim);
      } catch (error) {
        request.log.error({ err: error, keyHash: claim.keyHash }, 'could not release an idempotency key');
      }
    };

    // Only routes that opt in pay for the hooks; the header is documented in their OpenAPI entry.
    app.addHook('onRoute', (route) => {
      if (!route.config?.idempotent) return;
      const add = <H>(existing: H | H[] | undefined, hook: H): H[] => [
        ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
        hook,
      ];
      route.preValidation = add(route.preValidation, preValidation as never);
      route.onSend = add(route.onSend, onSend as never);
      route.onResponse = add(route.onResponse, onResponse as never);
      if (!route.schema || route.schema.headers) return;
      route.schema.headers = z.looseObject({
        [IDEMPOTENCY_HEADER]: z
          .string()
          .min(1)
          .max(255)
          .optional()
          .describe('a fresh random value per creating request (e.g. a UUID); a retry with the same key and body gets the first answer again'),
      });
    });
  },
  { name: 'idempotency', dependencies: ['auth'] },
);
