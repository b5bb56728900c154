import createError from '@fastify/error';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withExtensions } from './errors.js';

// Optimistic concurrency for records two people may edit at once (visits, conclusions): every read
// carries a strong ETag built from the row's version, every update must send it back in If-Match.

export const PreconditionRequired = createError<[string]>('PRECONDITION_REQUIRED', '%s', 428);
export const StaleVersion = createError<[string]>('PRECONDITION_FAILED', '%s', 412);

/** Strong ETag of a version number or content hash: `"7"`. */
export function etag(version: number | string): string {
  return `"${String(version).replace(/["\\]/g, '')}"`;
}

/** The entity tags listed in an If-Match / If-None-Match value ('*' stays '*'). */
export function parseEtags(header: string | string[] | undefined): string[] {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const tags: string[] = [];
  const pattern = /\s*(\*|(?:W\/)?"[^"]*")\s*(?:,|$)/gy;
  for (let match = pattern.exec(value); match && match[0] !== ''; match = pattern.exec(value)) tags.push(match[1]!);
  return tags;
}

/**
 * Refuses an update that does not name the version it was based on: no If-Match → 428, a stale or
 * weak tag → 412 (If-Match uses strong comparison, RFC 9110 §13.1.1). `*` matches any existing
 * version. Call it inside the update's transaction, after reading the current row. Neither answer
 * tells the current ETag: with it a client could overwrite a record it never read.
 */
export function assertIfMatch(request: Pick<FastifyRequest, 'headers'>, currentEtag: string): void {
  const header = request.headers['if-match'];
  if (header === undefined || (typeof header === 'string' && header.trim() === '')) {
    throw withExtensions(new PreconditionRequired('Cần gửi tiêu đề If-Match với ETag của phiên bản đang sửa (lấy từ lần đọc gần nhất).'), {
      requiredHeader: 'If-Match',
    });
  }
  const tags = parseEtags(header);
  if (tags.includes('*') || tags.includes(currentEtag)) return;
  throw new StaleVersion('Bản ghi đã được người khác thay đổi sau lần bạn đọc; hãy tải lại rồi sửa tiếp.');
}

/** If-None-Match uses weak comparison: W/"7" and "7" name the same version. */
function weakMatch(header: string | string[] | undefined, currentEtag: string): boolean {
  // The usual case, a client sending back the one tag it was given, needs no parsing.
  if (header === currentEtag) return true;
  const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return parseEtags(header).some((tag) => tag === '*' || opaque(tag) === opaque(currentEtag));
}

/**
 * Sets the ETag of a read and answers 304 when the client already holds that version. Use as
 * `return notModified(request, reply, tag) ?? body` in a GET handler.
 */
export function notModified(request: FastifyRequest, reply: FastifyReply, currentEtag: string): FastifyReply | undefined {
  reply.header('etag', currentEtag);
  if (!weakMatch(request.headers['if-none-match'], currentEtag)) return undefined;
  return reply.code(304).send();
}
