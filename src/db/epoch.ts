import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';

// See tables.ts (database_epochs). Raw statements: this runs on bare connections (the backup copy).

export interface Epochs {
  current: { epoch: string; key: Buffer };
  /** Every epoch of the file, the current one included. */
  keys: ReadonlyMap<string, Buffer>;
}

export const EPOCH_BYTES = 6;

function insert(sqlite: Database.Database, reason: 'created' | 'backup'): void {
  sqlite
    .prepare('insert into database_epochs (epoch, key, reason, started_at) values (?, ?, ?, ?)')
    .run(randomBytes(EPOCH_BYTES).toString('hex'), randomBytes(32).toString('base64'), reason, new Date().toISOString());
}

/** Gives a database its first epoch (at every open; a no-op once it has one). */
export function ensureEpoch(sqlite: Database.Database): void {
  const row = sqlite.prepare('select 1 from database_epochs limit 1').get();
  if (!row) insert(sqlite, 'created');
}

/** Starts a new epoch in a backup copy: the database restored from it is recognisably another one. */
export function startBackupEpoch(sqlite: Database.Database): void {
  insert(sqlite, 'backup');
}

export function readEpochs(sqlite: Database.Database): Epochs {
  const rows = sqlite.prepare('select epoch, key from database_epochs order by id').all() as { epoch: string; key: string }[];
  const keys = new Map(rows.map((r) => [r.epoch, Buffer.from(r.key, 'base64')]));
  const last = rows.at(-1);
  if (!last) throw new Error('the database has no epoch (opened without openDatabase?)');
  return { current: { epoch: last.epoch, key: keys.get(last.epoch)! }, keys };
}
