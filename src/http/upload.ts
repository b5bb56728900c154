import createError from '@fastify/error';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { fieldErrors, ValidationFailed } from './errors.js';

// One file sent as multipart/form-data in the field "file", for the API routes that take uploads (the
// route's scope registers @fastify/multipart). Every way a body can be wrong is a 4xx naming the
// field, before any byte of the file is stored.

const NotMultipart = createError('UPLOAD_NOT_MULTIPART', 'Hãy gửi tệp dạng multipart/form-data, trường "file".', 415);
const FileMissing = createError('UPLOAD_FILE_MISSING', 'Yêu cầu không có tệp nào (trường "file").', 400);
export const UploadMalformed = createError('UPLOAD_MALFORMED', 'Nội dung multipart/form-data không đọc được (thiếu ranh giới hoặc gửi chưa hết).', 400);

// Multipart headers and boundaries stay far below this; a body declared bigger than the file limit
// plus this is refused before it is read.
const OVERHEAD = 65_536;

export interface UploadedFile {
  fileName: string | undefined;
  mimeType: string;
  stream: Readable & { truncated?: boolean };
}

export async function oneFile(request: FastifyRequest, maxBytes: number, tooLarge: () => Error): Promise<UploadedFile> {
  if (!request.isMultipart()) throw new NotMultipart();
  if (Number(request.headers['content-length'] ?? 0) > maxBytes + OVERHEAD) throw tooLarge();
  let file: MultipartFile | undefined;
  try {
    file = await request.file({ throwFileSizeLimit: false });
  } catch {
    throw new UploadMalformed();
  }
  if (!file) throw new FileMissing();
  if (file.fieldname !== 'file') {
    file.file.resume();
    throw fieldErrors(ValidationFailed, 'Tệp phải gửi trong trường "file"', [
      { in: 'body', field: file.fieldname, message: 'trường không được nhận; hãy dùng "file"' },
    ]);
  }
  return { fileName: file.filename, mimeType: file.mimetype, stream: file.file };
}
