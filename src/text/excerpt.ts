/**
 * The first `limit` characters of a text with its spacing flattened, cut at a word and marked "…" when
 * something was left out (a word longer than half the limit is cut where the limit falls).
 */
export function excerpt(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
