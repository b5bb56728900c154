import createError from '@fastify/error';
import type { Readable } from 'node:stream';
import { withExtensions } from '../../http/errors.js';
import { UploadMalformed } from '../../http/upload.js';
import { checkEvidenceType, cleanFileName } from './rules.js';
import { createBlobStore, type Staged } from './store.js';

// Files people attach besides checklist evidence (answers to recommendations, the signed scan of a
// self-report): streamed to a temporary file, refused past the size limit (413) or when the type is
// not allowed or the bytes are not of that type (415), then kept once per content in their own folder.

const TooLarge = createError<[string]>('FILE_TOO_LARGE', '%s', 413);
const TypeRefused = createError<[string]>('FILE_TYPE_NOT_ALLOWED', '%s', 415);

export interface UploadLimits {
  maxBytes: number;
  types: readonly string[];
}

export interface IncomingFile {
  fileName: string | undefined;
  mimeType: string;
  stream: Readable & { truncated?: boolean };
}

/** A checked upload waiting in the temporary folder: commit it in the transaction that records it. */
export interface AcceptedFile {
  staged: Staged;
  sha256: string;
  size: number;
  mimeType: string;
  fileName: string;
}

export type UploadStore = ReturnType<typeof createUploadStore>;

export function createUploadStore(storageDir: string, folder: string, limits: UploadLimits) {
  const blobs = createBlobStore(storageDir, folder);

  function tooLarge(): Error {
    const mib = (limits.maxBytes / 1_048_576).toFixed(1).replace(/\.0$/, '');
    return withExtensions(new TooLarge(`Tệp vượt quá giới hạn ${mib} MiB.`), { maxBytes: limits.maxBytes });
  }

  return {
    limits,
    tooLarge,

    async accept(file: IncomingFile): Promise<AcceptedFile> {
      let staged: Staged;
      try {
        staged = await blobs.stage(file.stream);
      } catch {
        throw new UploadMalformed(); // the body ended or broke before the file did
      }
      if (file.stream.truncated || staged.size > limits.maxBytes) {
        blobs.discard(staged);
        throw tooLarge();
      }
      const type = checkEvidenceType(file.mimeType, staged.head, limits.types);
      if (!type.ok) {
        blobs.discard(staged);
        throw withExtensions(new TypeRefused(type.reason), { allowedTypes: limits.types });
      }
      return { staged, sha256: staged.sha256, size: staged.size, mimeType: type.mimeType, fileName: cleanFileName(file.fileName) };
    },

    commit(file: AcceptedFile): void {
      blobs.commit(file.staged);
    },

    /** Drops the temporary copy (a no-op once committed). */
    discard(file: AcceptedFile): void {
      blobs.discard(file.staged);
    },

    open: blobs.open,
  };
}
