import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { apiTokens } from '../auth/tables.js';

export const idempotencyStates = ['in-flight', 'done'] as const;

// One row per (token, Idempotency-Key): the request's fingerprint and, once answered, the answer
// replayed to every retry. Rows expire after 24 hours. Neither the key nor the answer is stored in
// clear: the key as a SHA-256, the answer encrypted with a key derived from the Idempotency-Key, so
// the database (or a backup of it) never holds a bearer token shown by POST /auth/tokens.
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tokenId: integer('token_id')
      .notNull()
      .references(() => apiTokens.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull(),
    requestHash: text('request_hash').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    state: text('state', { enum: idempotencyStates }).notNull(),
    /** Random id of the request that holds an in-flight key, so only it completes or releases it. */
    owner: text('owner').notNull(),
    status: integer('status'),
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>(),
    /** AES-256-GCM: 12-byte IV, 16-byte tag, ciphertext. */
    body: blob('body', { mode: 'buffer' }),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.keyHash] }), index('idempotency_keys_expires').on(t.expiresAt)],
);
