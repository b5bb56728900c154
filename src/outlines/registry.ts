import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/connection.js';
import { setDocumentSchema, type OutlineSet, type OutlineSets, type SetDocument } from './data.js';
import { buildSet } from './set-rules.js';
import { outlineSetVersions } from './tables.js';

// Every outline set the service knows: the shipped ones (outlines/, validated at start-up) and those
// an office loaded through the API (the database; a campaign uses the newest version). A loaded
// version is read from the database once per process and kept; finding the newest is one indexed read,
// so a version loaded by another instance is seen on the next call.

export type SetRow = typeof outlineSetVersions.$inferSelect;

/** The newest version of a loaded set (its number only: the document is read once per process). */
export function latestVersion(db: DbOrTx, setId: string): number | undefined {
  return db
    .select({ version: outlineSetVersions.version })
    .from(outlineSetVersions)
    .where(eq(outlineSetVersions.setId, setId))
    .orderBy(desc(outlineSetVersions.version))
    .limit(1)
    .get()?.version;
}

export function versionRow(db: DbOrTx, setId: string, version: number): SetRow | undefined {
  return db
    .select()
    .from(outlineSetVersions)
    .where(sql`${outlineSetVersions.setId} = ${setId} and ${outlineSetVersions.version} = ${version}`)
    .get();
}

export function insertSetVersion(tx: DbOrTx, row: typeof outlineSetVersions.$inferInsert): void {
  tx.insert(outlineSetVersions).values(row).run();
}

export function loadedSummaries(db: DbOrTx): { setId: string; version: number; hash: string; loadedAt: string; loadedBy: string; reason: string | null }[] {
  return db
    .select({
      setId: outlineSetVersions.setId,
      version: outlineSetVersions.version,
      hash: outlineSetVersions.hash,
      loadedAt: outlineSetVersions.loadedAt,
      loadedBy: outlineSetVersions.loadedBy,
      reason: outlineSetVersions.reason,
    })
    .from(outlineSetVersions)
    .orderBy(outlineSetVersions.setId, outlineSetVersions.version)
    .all();
}

export function setOfDocument(document: SetDocument, version: number | null): OutlineSet {
  return buildSet(
    { id: document.id, title: document.title, source: document.source ?? null, references: document.references, version },
    document.outlines,
    document.blocks,
  );
}

export interface SetRegistry {
  /** A shipped set, or the newest version of a loaded one. */
  get(setId: string): OutlineSet | undefined;
  version(setId: string, version: number): OutlineSet | undefined;
  isShipped(setId: string): boolean;
  ids(): string[];
}

export function createSetRegistry(db: DbOrTx, shipped: OutlineSets): SetRegistry {
  const kept = new Map<string, OutlineSet>();

  function read(setId: string, version: number): OutlineSet | undefined {
    const key = `${setId}@${version}`;
    const hit = kept.get(key);
    if (hit) return hit;
    const row = versionRow(db, setId, version);
    if (!row) return undefined;
    const set = setOfDocument(setDocumentSchema.parse(row.document), row.version);
    if (kept.size > 200) kept.clear();
    kept.set(key, set);
    return set;
  }

  return {
    get(setId) {
      const own = shipped.get(setId);
      if (own) return own;
      const version = latestVersion(db, setId);
      return version === undefined ? undefined : read(setId, version);
    },
    version: read,
    isShipped: (setId) => shipped.has(setId),
    ids() {
      const loaded = new Set(loadedSummaries(db).map((r) => r.setId));
      return [...new Set([...shipped.keys(), ...loaded])].sort();
    },
  };
}
