// Content-Disposition for a download (RFC 6266): an ASCII filename="…" for older clients, then the
// real name as filename* (RFC 8187, formerly 5987), where only attr-char may stand unencoded:
// encodeURIComponent also leaves ' ( ) * unencoded, which RFC 8187 forbids.

const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function extValue(name: string): string {
  let out = '';
  for (const byte of Buffer.from(name.normalize('NFC'), 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** "Đề cương - Xã An.pdf" → "De cuong - Xa An.pdf": printable ASCII, no quote or backslash. */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
}

export function contentDisposition(type: 'attachment' | 'inline', fileName: string, ascii = asciiFileName(fileName)): string {
  return `${type}; filename="${asciiFileName(ascii)}"; filename*=UTF-8''${extValue(fileName)}`;
}
