import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { chmodSync, closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fromRoot } from '../paths.js';
import { makePrivateDir, PRIVATE_FILE } from '../private-files.js';
import { ensureEpoch } from './epoch.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle inside db.transaction(): same API, rolled back if the callback throws. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything a repository function can run on: the database or an open transaction. */
export type DbOrTx = Db | Tx;

export interface DatabaseHandle {
  sqlite: Database.Database;
  db: Db;
  close(): void;
}

export interface OpenOptions {
  /** Milliseconds a writer waits for the lock before SQLITE_BUSY (answered as 503). */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

/**
 * Opens the SQLite file with the pragmas the service relies on and applies pending migrations.
 *
 * synchronous=FULL in WAL mode: each commit is fsynced before the request is answered, so an
 * acknowledged write survives a process crash and a power cut. NORMAL would be faster but may lose
 * the last commits on power loss; registrations are few and official, so durability wins.
 */
export function openDatabase(file: string, options: OpenOptions = {}): DatabaseHandle {
  if (file !== ':memory:' && !options.readonly) {
    makePrivateDir(dirname(file));
    // SQLite gives the -wal and -shm files the database file's mode; files an older version left
    // readable by everyone are tightened too.
    closeSync(openSync(file, 'a', PRIVATE_FILE));
    for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, PRIVATE_FILE);
  }
  const sqlite = new Database(file, { readonly: options.readonly ?? false });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  const db = drizzle(sqlite, { schema });
  if (!options.readonly) {
    migrate(db, { migrationsFolder: fromRoot('migrations') });
    sqlite.exec(readFileSync(fromRoot('src', 'db', 'triggers.sql'), 'utf8'));
    ensureEpoch(sqlite);
  }
  return {
    sqlite,
    db,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
