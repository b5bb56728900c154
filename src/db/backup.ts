import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { makePrivateDir, PRIVATE_FILE } from '../private-files.js';
import { startBackupEpoch } from './epoch.js';

/**
 * Copies a live database with VACUUM INTO: one read transaction, so the copy is one consistent
 * snapshot while other connections (the running service) keep reading and writing. (SQLite's online
 * backup API restarts whenever another connection writes between its steps, so under a steady stream
 * of writes it never finished once the database outgrew one step.) Refuses to overwrite a file, so
 * a slip of the keyboard cannot replace the live database with an old copy. The copy starts a new
 * epoch (db/tables.ts), so a database restored from it tells cursors handed out before from its own.
 */
export function backupDatabase(source: Database.Database, file: string): { pages: number; integrity: string } {
  if (resolve(file) === resolve(source.name) || existsSync(file)) {
    throw new Error(`${file} already exists; choose a new file name for the backup`);
  }
  makePrivateDir(dirname(resolve(file)));
  // Created empty, for the owner only, before SQLite writes the copy into it.
  closeSync(openSync(file, 'wx', PRIVATE_FILE));
  source.prepare('VACUUM INTO ?').run(file);
  const writable = new Database(file);
  try {
    startBackupEpoch(writable);
  } finally {
    writable.close();
  }
  const copy = new Database(file, { readonly: true });
  try {
    return { pages: Number(copy.pragma('page_count', { simple: true })), integrity: String(copy.pragma('integrity_check', { simple: true })) };
  } finally {
    copy.close();
  }
}
