import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync, statSync, type ReadStream } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { makePrivateDir, PRIVATE_FILE } from '../../private-files.js';
import { SNIFF_BYTES } from './rules.js';

// Evidence bytes on disk, one file per SHA-256 under <storageDir>/evidence/<2 hex>/<hash>: the same
// scan uploaded twice is stored once. Uploads stream to a temporary file while hashing; the rename
// to the final name and the removal of an unreferenced file happen inside the database write
// transaction of the row that refers to them, so an upload and a delete of the same bytes never race.

export interface Staged {
  tempPath: string;
  sha256: string;
  size: number;
  head: Buffer;
}

export type BlobStore = ReturnType<typeof createBlobStore>;

/** The upload itself failed (a body cut short, a multipart part that never ends), not the disk. */
export class UploadBroken extends Error {
  override name = 'UploadBroken';
}

/** A store under <storageDir>/<folder>; each folder counts its own references (its own table). */
export function createBlobStore(storageDir: string, folder = 'evidence') {
  const root = join(storageDir, folder);
  const tmp = join(root, 'tmp');

  function pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError(`not a SHA-256: ${sha256}`);
    return join(root, sha256.slice(0, 2), sha256);
  }

  return {
    pathOf,

    /** Streams to a temporary file, hashing and keeping the first bytes for the type check. */
    async stage(source: Readable): Promise<Staged> {
      // The parser may have failed the upload already (the whole body had arrived before this call).
      if (source.destroyed || source.errored !== null) throw new UploadBroken('upload stream failed', { cause: source.errored });
      makePrivateDir(tmp);
      const tempPath = join(tmp, randomUUID());
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      let size = 0;
      let kept = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          if (kept < SNIFF_BYTES) {
            chunks.push(chunk.subarray(0, SNIFF_BYTES - kept));
            kept += Math.min(chunk.length, SNIFF_BYTES - kept);
          }
          done(null, chunk);
        },
      });
      // The stream that fails first says whose fault it is; pipeline then fails the others with it.
      let brokenUpload = false;
      const sink = createWriteStream(tempPath, { mode: PRIVATE_FILE });
      const onSourceError = () => (brokenUpload = true);
      source.once('error', onSourceError);
      sink.once('error', () => source.off('error', onSourceError));
      try {
        await pipeline(source, tap, sink);
      } catch (error) {
        // A file still being opened would appear after its removal.
        if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
        rmSync(tempPath, { force: true });
        throw brokenUpload ? new UploadBroken('upload stream failed', { cause: error }) : error;
      }
      return { tempPath, sha256: hash.digest('hex'), size, head: Buffer.concat(chunks) };
    },

    /** Moves a staged file to its content address (or drops it when those bytes are already kept). */
    commit(staged: Staged): void {
      const target = pathOf(staged.sha256);
      if (existsSync(target)) {
        rmSync(staged.tempPath, { force: true });
        return;
      }
      makePrivateDir(join(root, staged.sha256.slice(0, 2)));
      renameSync(staged.tempPath, target);
    },

    discard(staged: Staged): void {
      rmSync(staged.tempPath, { force: true });
    },

    remove(sha256: string): void {
      rmSync(pathOf(sha256), { force: true });
    },

    open(sha256: string): { stream: ReadStream; size: number } | null {
      const path = pathOf(sha256);
      if (!existsSync(path)) return null;
      return { stream: createReadStream(path), size: statSync(path).size };
    },
  };
}
