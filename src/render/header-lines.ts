// Where a body's name breaks in the header's left column (Nghị định 30/2020, Phụ lục I: 12–13 pt,
// capitals). A line break may fall only between word groups: after the dash ("PHÒNG TÀI CHÍNH -" /
// "KẾ HOẠCH"), after a comma, before "VÀ", before the administrative level ("… / HUYỆN QUẢNG XƯƠNG",
// "… / XÃ QUẢNG BÌNH"), after "ỦY BAN NHÂN DÂN". A name that fits on one line at 12 pt is set so
// rather than broken; one that does not is broken at such points, at 13 pt if its groups fit, else at
// 12 pt; only a group too wide even then is broken between any two of its words.
//
// Widths are Times New Roman's (Liberation Serif has the same metrics), in thousandths of an em, for
// the capitals, digits and punctuation of a name; Vietnamese marks do not change a letter's advance.

const REGULAR: Record<string, number> = {
  ' ': 250,
  A: 722,
  B: 667,
  C: 667,
  D: 722,
  E: 611,
  F: 556,
  G: 722,
  H: 722,
  I: 333,
  J: 389,
  K: 722,
  L: 611,
  M: 889,
  N: 722,
  O: 722,
  P: 556,
  Q: 722,
  R: 667,
  S: 556,
  T: 611,
  U: 722,
  V: 722,
  W: 944,
  X: 722,
  Y: 722,
  Z: 611,
  '-': 333,
  '.': 250,
  ',': 250,
  '/': 278,
  '(': 333,
  ')': 333,
  '&': 778,
  ':': 278,
};
const BOLD: Record<string, number> = {
  ' ': 250,
  A: 722,
  B: 667,
  C: 722,
  D: 722,
  E: 667,
  F: 611,
  G: 778,
  H: 778,
  I: 389,
  J: 500,
  K: 778,
  L: 667,
  M: 944,
  N: 722,
  O: 778,
  P: 611,
  Q: 778,
  R: 722,
  S: 556,
  T: 667,
  U: 722,
  V: 722,
  W: 1000,
  X: 722,
  Y: 722,
  Z: 667,
  '-': 333,
  '.': 250,
  ',': 250,
  '/': 278,
  '(': 333,
  ')': 333,
  '&': 833,
  ':': 333,
};

/**
 * The issuer column is 40% of the 165 mm text width (187 pt); Word keeps 0.19 cm cell margins on each
 * side, which leaves 176 pt.
 */
export const HEADER_WIDTH_PT = 175;
const SIZES = [13, 12] as const;

export interface HeaderName {
  lines: string[];
  size: number;
}

function width(text: string, bold: boolean, size: number): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const char of text.normalize('NFD')) {
    if (/\p{Mn}/u.test(char)) continue;
    const base = char === 'Đ' || char === 'đ' ? 'D' : char.toLocaleUpperCase('vi');
    // Ư's horn widens it (Liberation Serif: 776 regular, 796 bold); Ơ keeps O's width.
    units += (table[base] ?? (/\d/.test(base) ? 500 : 750)) + (/[Ưư]/.test(char) ? 74 : 0);
  }
  return (units / 1000) * size;
}

const LEVELS = new Set(['HUYỆN', 'TỈNH', 'QUẬN', 'PHƯỜNG', 'XÃ', 'THỊ', 'THÀNH', 'TP']);

/** May a line start at word i (words[i - 1] ends the previous line)? */
function breakBefore(words: readonly string[], i: number): boolean {
  const previous = words[i - 1]!;
  const word = words[i]!;
  const next = words[i + 1];
  if (previous === '-' || previous.endsWith(',')) return true;
  if (word === 'VÀ') return true;
  if (words.slice(Math.max(0, i - 4), i).join(' ') === 'ỦY BAN NHÂN DÂN' || previous === 'UBND') return true;
  if (!LEVELS.has(word) || next === undefined) return false;
  if (word === 'XÃ') return next !== 'HỘI';
  if (word === 'THỊ') return next === 'TRẤN' || next === 'XÃ';
  if (word === 'THÀNH') return next === 'PHỐ';
  return true;
}

/** Fills lines with the pieces, joining while they fit. */
function fill(pieces: readonly string[], fits: (line: string) => boolean): string[] {
  const lines: string[] = [];
  for (const piece of pieces) {
    const joined = lines.length > 0 ? `${lines.at(-1)} ${piece}` : null;
    if (joined !== null && fits(joined)) lines[lines.length - 1] = joined;
    else lines.push(piece);
  }
  return lines;
}

export function fitHeaderName(name: string, bold: boolean, widthPt = HEADER_WIDTH_PT): HeaderName {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return { lines: [], size: SIZES[0] };
  const groups: string[] = [words[0]!];
  for (let i = 1; i < words.length; i += 1) {
    if (breakBefore(words, i)) groups.push(words[i]!);
    else groups[groups.length - 1] += ` ${words[i]}`;
  }
  // One line at 13 pt, else one line at 12 pt, else lines broken between word groups at 13 or 12 pt.
  for (const size of SIZES) {
    if (width(name.trim(), bold, size) <= widthPt) return { lines: [words.join(' ')], size };
  }
  for (const size of SIZES) {
    const fits = (line: string) => width(line, bold, size) <= widthPt;
    if (groups.every(fits)) return { lines: fill(groups, fits), size };
  }
  // A group too wide even at 12 pt is split between its words; the other breaks stay where they were.
  const fits = (line: string) => width(line, bold, SIZES[0]) <= widthPt;
  return { lines: groups.flatMap((group) => (fits(group) ? [group] : fill(group.split(' '), fits))), size: SIZES[0] };
}
