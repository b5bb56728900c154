// Text helpers for Vietnamese names. Everything stored is NFC; keys derived here are for matching only.

const NON_ASCII = /[\u0080-\uffff]/;

/** NFC form; ASCII text is NFC already, and skipping ICU for it matters on every request's input. */
export function nfc(value: string): string {
  return NON_ASCII.test(value) ? value.normalize('NFC') : value;
}

/** Lower-case, no diacritics, đ → d, single spaces: "Quảng Xương" → "quang xuong". */
export function foldKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Key for recognising the same unit name written differently: case, spacing and punctuation are
 * ignored ("Phòng Lao động Thương binh và Xã hội" = "Phòng Lao động - Thương binh và Xã hội"),
 * diacritics are kept ("Quảng Hải" ≠ "Quảng Hà").
 */
export function nameKey(value: string): string {
  return nfc(value)
    .toLocaleLowerCase('vi')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Thị trấn Tân Phong" → "thi-tran-tan-phong". */
export function slugify(value: string): string {
  return foldKey(value)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Recursively NFC-normalises every string in a parsed JSON value. */
export function deepNfc<T>(value: T): T {
  if (typeof value === 'string') return nfc(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((item) => deepNfc(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[nfc(key)] = deepNfc(item);
    return out as T;
  }
  return value;
}

/** Numbers below 10 get a leading zero, as official documents write them: "Đoàn 01", "Số: 05". */
export function twoDigits(value: number | string): string {
  return String(value).padStart(2, '0');
}
