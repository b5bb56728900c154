// Pure checks of an uploaded evidence file: its declared type must be allowed and its first bytes must
// look like that type, so a renamed executable is not served back to other users as a "PDF".

import { contentDisposition as httpContentDisposition } from '../../http/content-disposition.js';

/** Bytes of the start of a file that the signature checks need. */
export const SNIFF_BYTES = 16;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(head: Uint8Array, bytes: number[], offset = 0): boolean {
  return bytes.every((b, i) => head[offset + i] === b);
}

const ascii = (text: string) => Array.from(Buffer.from(text, 'latin1'));

const signatures: Record<string, (head: Uint8Array) => boolean> = {
  'application/pdf': (h) => startsWith(h, ascii('%PDF-')),
  'image/jpeg': (h) => startsWith(h, [0xff, 0xd8, 0xff]),
  'image/png': (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (h) => startsWith(h, ZIP),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (h) => startsWith(h, ZIP),
  'application/zip': (h) => startsWith(h, ZIP),
  'application/msword': (h) => startsWith(h, OLE),
  'application/vnd.ms-excel': (h) => startsWith(h, OLE),
};

/** "image/PNG; charset=x" → "image/png". */
export function baseType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

export type TypeCheck = { ok: true; mimeType: string } | { ok: false; reason: string };

/** The declared type must be in the allowed list; when we know its signature, the bytes must match it. */
export function checkEvidenceType(declared: string, head: Uint8Array, allowed: readonly string[]): TypeCheck {
  const type = baseType(declared);
  if (!allowed.includes(type)) {
    return { ok: false, reason: `Kiểu tệp "${type || 'không rõ'}" không được nhận; chỉ nhận: ${allowed.join(', ')}.` };
  }
  const matches = signatures[type];
  if (matches && !matches(head)) {
    return { ok: false, reason: `Nội dung tệp không phải ${type} như đã khai.` };
  }
  return { ok: true, mimeType: type };
}

/** Content-Disposition for a download, keeping a Vietnamese file name (RFC 6266 / RFC 8187). */
export function contentDisposition(fileName: string): string {
  return httpContentDisposition('attachment', fileName);
}

/** A safe name to keep: the last path segment, without control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = last
    .normalize('NFC')
    .replace(/[\p{Cc}]/gu, '')
    .trim()
    .slice(0, 200);
  return clean === '' ? 'tep-dinh-kem' : clean;
}
