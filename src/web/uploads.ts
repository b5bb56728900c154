import multipart, { type Multipart, type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

// Page forms that send files (multipart/form-data). The fields placed before the file inputs (the CSRF
// token first) are read in preValidation and become request.body, so the pages' Origin and CSRF checks
// (preHandler, plugin.ts) run before a byte of any file is stored; the files are then read one by one
// by the handler. An empty file input (nothing chosen) is skipped.

declare module 'fastify' {
  interface FastifyRequest {
    pageUpload: PageUpload | null;
  }
}

export interface PageUpload {
  /** The next file chosen in the form, or null when there is none left. */
  next(): Promise<MultipartFile | null>;
  /** The body could not be read as multipart/form-data. */
  broken: boolean;
}

/** Registers multipart for a scope of page routes and reads their leading fields before the checks. */
export async function pageUploads(app: FastifyInstance, limits: { maxBytes: number; files: number }): Promise<void> {
  // A file past the limit is cut short (file.truncated) and refused with 413 by the service, not thrown here.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: limits.maxBytes, files: limits.files, fields: 20, parts: 20 + limits.files },
  });
  app.decorateRequest('pageUpload', null);
  app.addHook('preValidation', async (request) => {
    if (request.method !== 'POST' || !request.isMultipart()) return;
    request.body = {};
    const parts = request.parts()[Symbol.asyncIterator]();
    const fields: Record<string, string> = {};
    let pending: MultipartFile | null = null;
    let broken = false;
    const read = async (): Promise<Multipart | null> => {
      try {
        const step = await parts.next();
        return step.done ? null : step.value;
      } catch {
        broken = true;
        return null;
      }
    };
    for (let part = await read(); part; part = await read()) {
      if (part.type === 'file') {
        pending = part;
        break;
      }
      fields[part.fieldname] = typeof part.value === 'string' ? part.value : '';
    }
    request.body = fields;
    const upload: PageUpload = {
      get broken() {
        return broken;
      },
      async next() {
        for (let part = pending ?? (await read()); part; part = await read()) {
          pending = null;
          if (part.type !== 'file') continue;
          if (part.filename) return part;
          part.file.resume(); // an input left empty
        }
        return null;
      },
    };
    request.pageUpload = upload;
  });
  // A form refused before its files were read (CSRF, Origin, access): drain them so the connection ends cleanly.
  app.addHook('onResponse', async (request: FastifyRequest) => {
    const upload = request.pageUpload;
    if (!upload) return;
    for (let file = await upload.next(); file; file = await upload.next()) file.file.resume();
  });
}
