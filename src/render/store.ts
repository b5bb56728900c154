import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../http/content-disposition.js';
import { etag, notModified } from '../http/etag.js';
import { makePrivateDir, PRIVATE_FILE } from '../private-files.js';

// Rendered files kept once by content hash under config.storageDir/renders/: an issued document's PDF
// is rendered a single time and then served from disk. The hash is also the file's strong ETag.

export interface StoredFile {
  hash: string;
  size: number;
}

export type FileStore = ReturnType<typeof createFileStore>;

const HASH = /^[0-9a-f]{64}$/;

export function createFileStore({ dir }: { dir: string }) {
  const root = join(dir, 'renders');
  const pathOf = (hash: string, extension: string) => {
    if (!HASH.test(hash) || !/^[a-z]{2,5}$/.test(extension)) throw new Error(`bad stored file name ${hash}.${extension}`);
    return join(root, hash.slice(0, 2), `${hash}.${extension}`);
  };
  return {
    /** Writes the bytes unless a file with the same hash is already there; never a half-written file. */
    put(bytes: Buffer, extension: string): StoredFile {
      const hash = createHash('sha256').update(bytes).digest('hex');
      const file = pathOf(hash, extension);
      if (!existsSync(file)) {
        makePrivateDir(dirname(file));
        const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
        writeFileSync(temporary, bytes, { mode: PRIVATE_FILE });
        renameSync(temporary, file);
      }
      return { hash, size: bytes.length };
    },

    /** The stored bytes, or null when the file is missing (deleted storage: render again). */
    get(hash: string, extension: string): Buffer | null {
      try {
        return readFileSync(pathOf(hash, extension));
      } catch {
        return null;
      }
    },
  };
}

export interface Download {
  bytes: Buffer;
  hash: string;
  contentType: string;
  /** ASCII file name for the Content-Disposition header (filename="…"). */
  filename: string;
  /** The real (Vietnamese) name, sent as filename*. */
  displayName?: string;
}

/** Sends a file with its strong ETag, answering 304 when the client already has this version. */
export function sendDownload(request: FastifyRequest, reply: FastifyReply, download: Download): FastifyReply {
  reply.header('cache-control', 'private, no-cache');
  const unchanged = notModified(request, reply, etag(download.hash));
  if (unchanged) return unchanged;
  return reply
    .type(download.contentType)
    .header('content-disposition', contentDisposition('attachment', download.displayName ?? download.filename, download.filename))
    .send(download.bytes);
}
