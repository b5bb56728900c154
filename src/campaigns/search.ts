import { foldKey } from '../text/vietnamese.js';

// Pure: unit search by words. A query matches a name (or one alias) when each of its words begins a
// word of that name, in any order; case, diacritics and punctuation never count ("phong ke hoach"
// finds "Phòng Tài chính - Kế hoạch").

/** The distinct folded words of a text: "Phòng Kế-hoạch" → ["phong", "ke", "hoach"]. */
export function searchWords(text: string): string[] {
  return [
    ...new Set(
      foldKey(text)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((word) => word !== ''),
    ),
  ];
}

export function matchesWords(words: readonly string[], text: string): boolean {
  const own = searchWords(text);
  return words.every((word) => own.some((candidate) => candidate.startsWith(word)));
}
