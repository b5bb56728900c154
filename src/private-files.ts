import { mkdirSync } from 'node:fs';

// What the service writes (the database, official documents, evidence, personal names) is for its own
// user: files 600 and the folders it creates 700, whatever the umask. Folders that already exist are
// left as they are: they may be shared (/tmp, /var/lib), except the storage folder, which is the
// service's own and is tightened at start.

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** mkdir -p, each folder it creates readable by the owner only. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
}
