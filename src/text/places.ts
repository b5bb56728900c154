// How Vietnamese administrative documents name a commune-level People's Committee and its place.

const COMMUNE_KINDS = new Set(['commune-committee', 'township']);
const PREFIX = /^(xã|phường|thị trấn)\s+/iu;

/** A xã, phường or thị trấn of the plan is visited at, and reports as, its People's Committee. */
export const isCommuneCommittee = (kind: string) => COMMUNE_KINDS.has(kind);

const lowerFirst = (value: string) => value.charAt(0).toLocaleLowerCase('vi') + value.slice(1);

/** "Xã Quảng Bình" → "UBND xã Quảng Bình", as body text names it. */
export function committeeName(unitName: string): string {
  return `UBND ${lowerFirst(unitName)}`;
}

/** "Xã Quảng Bình" → "ỦY BAN NHÂN DÂN XÃ QUẢNG BÌNH": an issuing body is written in full (Nghị định 30/2020, Phụ lục I). */
export function committeeTitle(unitName: string): string {
  return `Ủy ban nhân dân ${lowerFirst(unitName)}`.toLocaleUpperCase('vi');
}

/**
 * The place name a commune's documents are dated at (Nghị định 30/2020, Phụ lục I, 1.3.a): the
 * commune's own name, "Quảng Bình, ngày …"; a numbered ward keeps its word, "Phường 12, ngày …".
 */
export function communePlaceName(unitName: string): string {
  const rest = unitName.replace(PREFIX, '');
  return rest === unitName || /^\d/.test(rest) ? unitName : rest;
}

/** The default place of a visit: "Trụ sở UBND xã Quảng Bình", "Trụ sở Phòng Tư pháp". */
export function seatOf(unit: { name: string; kind: string }): string {
  return `Trụ sở ${isCommuneCommittee(unit.kind) ? committeeName(unit.name) : unit.name}`;
}
