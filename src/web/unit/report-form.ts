import { createHash } from 'node:crypto';
import type { ItemView } from '../../outlines/rules.js';
import type { SelfReportView, UnitOutlineView } from '../../outlines/schema.js';
import { vietnameseNumber } from '../../text/numbers.js';
import type { FieldErrors } from '../forms.js';

// Pure: the self-report as a form following the outline (its sections, numbering and questions, as in
// Phụ lục 2), and the form's fields read back into answers. Figures are typed the Vietnamese way
// ("1.520", "87,5"); what is not a number is refused beside its field, with what was typed kept.

/** Figure rows offered under an item that asks for figures, besides those already written. */
const FIGURE_ROWS = 3;

type StoredAnswer = SelfReportView['answers'][string];

export interface TypedItem {
  text: string;
  notApplicable: boolean;
  figures: { label: string; value: string }[];
}

/** "1.520" → 1520, "87,5" → 87.5, "1.234.567,8" → 1234567.8, "12.5" → 12.5; anything else → null. */
export function parseVietnameseNumber(raw: string): number | null {
  const text = raw.replace(/\s|\u00a0/g, '');
  if (text === '') return null;
  let normal: string;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) normal = text.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+(,\d+)?$/.test(text)) normal = text.replace(',', '.');
  else if (/^-?\d+\.\d+$/.test(text)) normal = text;
  else return null;
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}

/** 1520 → "1.520", 87.5 → "87,5": how the figure is shown back in the form. */
export function formatVietnameseNumber(value: number): string {
  return vietnameseNumber(value, 6);
}

/** A short fingerprint of an answer as the form showed it, to tell the items the person changed. */
export function fingerprint(item: TypedItem): string {
  const figures = item.figures.filter((f) => f.label.trim() !== '' || f.value.trim() !== '').map((f) => [f.label.trim(), f.value.trim()]);
  return createHash('sha256')
    .update(JSON.stringify([item.text.trim(), item.notApplicable, figures]))
    .digest('base64url')
    .slice(0, 16);
}

export function typedOf(answer: StoredAnswer | undefined): TypedItem {
  return {
    text: answer?.text ?? '',
    notApplicable: answer?.notApplicable ?? false,
    figures: Object.entries(answer?.figures ?? {}).map(([label, value]) => ({ label, value: formatVietnameseNumber(value) })),
  };
}

/** Element ids cannot hold every character of an item id: "A.1.2.b1" → "A-1-2-b1". */
export const fieldId = (itemId: string) => itemId.replace(/[^\w-]/g, '-');

export interface FormItem {
  id: string;
  fid: string;
  no: string | null;
  marker: string | null;
  text: string;
  depth: number;
  answerable: boolean;
  figures: boolean;
  typed: TypedItem & { rows: { n: number; label: string; value: string; error: string | null }[] };
  revision: number;
  original: string;
  answered: boolean;
  updatedBy: string | null;
  errors: { text: string | null; figures: string | null };
  conflict: { text: string | null; by: string; at: string } | null;
}

export interface FormSection {
  id: string;
  fid: string;
  title: string;
  legalBasis: string | null;
  answered: number;
  total: number;
  items: FormItem[];
}

export interface FormState {
  typed: Map<string, TypedItem>;
  errors: FieldErrors;
  /** Items someone else saved meanwhile, with what they saved. */
  conflicts: Map<string, { text: string | null; by: string; at: string }>;
}

function formItem(
  id: string,
  node: { no: string | null; marker: string | null; text: string; figures: boolean; answerable: boolean },
  depth: number,
  report: SelfReportView,
  state: FormState | null,
): FormItem {
  const stored = report.answers[id];
  const fromStore = typedOf(stored);
  const typed = state?.typed.get(id) ?? fromStore;
  const fid = fieldId(id);
  const rowCount = node.figures || typed.figures.length > 0 ? Math.max(typed.figures.length + 1, FIGURE_ROWS) : 0;
  const rows = Array.from({ length: rowCount }, (_, n) => ({
    n,
    label: typed.figures[n]?.label ?? '',
    value: typed.figures[n]?.value ?? '',
    error: state?.errors[`so_lieu:${id}:${n}`] ?? null,
  }));
  return {
    id,
    fid,
    no: node.no,
    marker: node.marker,
    text: node.text,
    depth,
    answerable: node.answerable,
    figures: node.figures,
    typed: { ...typed, rows },
    revision: stored?.revision ?? 0,
    original: fingerprint(fromStore),
    answered: stored !== undefined,
    updatedBy: stored?.updatedBy ?? null,
    errors: { text: state?.errors[`noi_dung:${id}`] ?? null, figures: state?.errors[`so_lieu:${id}`] ?? null },
    conflict: state?.conflicts.get(id) ?? null,
  };
}

function flatten(nodes: ItemView[], depth: number, report: SelfReportView, state: FormState | null, out: FormItem[]): void {
  for (const node of nodes) {
    out.push(formItem(node.id, node, depth, report, state));
    flatten(node.children, depth + 1, report, state, out);
  }
}

/** The outline's sections (its top items, then each department block), each item in document order. */
export function reportSections(outline: UnitOutlineView, report: SelfReportView, state: FormState | null): FormSection[] {
  const counts = new Map(report.completeness.sections.map((s) => [s.id, s]));
  const sections: FormSection[] = outline.items.map((top) => {
    const items: FormItem[] = [];
    flatten(top.children, 1, report, state, items);
    if (top.children.length === 0) items.unshift(formItem(top.id, { ...top, no: null, text: 'Nội dung báo cáo' }, 1, report, state));
    return {
      id: top.id,
      fid: fieldId(top.id),
      title: top.no ? `${top.no}. ${top.text}` : top.text,
      legalBasis: null,
      answered: counts.get(top.id)?.answered ?? 0,
      total: counts.get(top.id)?.total ?? 0,
      items,
    };
  });
  for (const block of outline.blocks) {
    const items: FormItem[] = [];
    for (const group of block.groups) {
      if (group.title)
        items.push({ ...formItem(group.id, { no: null, marker: null, text: group.title, figures: false, answerable: false }, 1, report, state) });
      for (const q of group.questions) {
        items.push(formItem(q.id, { no: `(${q.no})`, marker: null, text: q.text, figures: q.figures, answerable: q.answerable }, 1, report, state));
        for (const b of q.subBullets)
          items.push(formItem(b.id, { no: null, marker: '-', text: b.text, figures: b.figures, answerable: true }, 2, report, state));
      }
    }
    sections.push({
      id: block.id,
      fid: fieldId(block.id),
      title: block.heading,
      legalBasis: block.legalBasis,
      answered: counts.get(block.id)?.answered ?? 0,
      total: counts.get(block.id)?.total ?? 0,
      items,
    });
  }
  return sections;
}

export interface ReadItems {
  /** Answers of the items the person changed (unchanged items are left alone). */
  answers: Record<string, { text: string | null; figures: Record<string, number>; notApplicable: boolean } | null>;
  expected: Record<string, number>;
  typed: Map<string, TypedItem>;
  errors: FieldErrors;
}

/**
 * Reads the items of a posted section (or of one item, from the page's script). Field names:
 * noi_dung:<id>, khong_phat_sinh:<id>, ten_so_lieu:<id>:<n>, so_lieu:<id>:<n>, phien_ban:<id>, goc:<id>.
 */
export function readItems(body: Record<string, unknown>): ReadItems {
  const value = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
  const ids = new Set<string>();
  for (const key of Object.keys(body)) {
    const match = /^phien_ban:(.{1,120})$/.exec(key);
    if (match) ids.add(match[1]!);
  }
  const out: ReadItems = { answers: {}, expected: {}, typed: new Map(), errors: {} };
  for (const id of ids) {
    const figures: TypedItem['figures'] = [];
    for (let n = 0; n < 50 && (`ten_so_lieu:${id}:${n}` in body || `so_lieu:${id}:${n}` in body); n += 1) {
      figures.push({ label: value(`ten_so_lieu:${id}:${n}`), value: value(`so_lieu:${id}:${n}`) });
    }
    const typed: TypedItem = { text: value(`noi_dung:${id}`), notApplicable: value(`khong_phat_sinh:${id}`) !== '', figures };
    out.typed.set(id, typed);
    if (fingerprint(typed) === value(`goc:${id}`)) continue; // not touched since the page was shown
    const numbers: Record<string, number> = {};
    figures.forEach((f, n) => {
      const label = f.label.trim();
      const raw = f.value.trim();
      if (label === '' && raw === '') return;
      if (label === '') out.errors[`so_lieu:${id}:${n}`] = 'Hãy ghi tên số liệu (ví dụ “Số hồ sơ tiếp nhận”) bên cạnh con số.';
      else if (raw === '') out.errors[`so_lieu:${id}:${n}`] = `Hãy ghi con số của “${label}”, hoặc xóa tên số liệu.`;
      else {
        const number = parseVietnameseNumber(raw);
        if (number === null) out.errors[`so_lieu:${id}:${n}`] = `“${raw}” không phải là số. Hãy ghi số, ví dụ 1.520 hoặc 87,5.`;
        else if (label in numbers) out.errors[`so_lieu:${id}:${n}`] = `Số liệu “${label}” đã ghi ở dòng trên.`;
        else numbers[label] = number;
      }
    });
    if (typed.notApplicable && Object.keys(numbers).length > 0)
      out.errors[`so_lieu:${id}`] = 'Đã chọn “không phát sinh” thì không ghi số liệu; bỏ chọn hoặc xóa số liệu.';
    if (typed.text.length > 20_000) out.errors[`noi_dung:${id}`] = 'Nội dung dài quá 20.000 ký tự.';
    const text = typed.text.trim();
    const empty = text === '' && Object.keys(numbers).length === 0 && !typed.notApplicable;
    out.answers[id] = empty ? null : { text: text === '' ? null : text, figures: typed.notApplicable ? {} : numbers, notApplicable: typed.notApplicable };
    out.expected[id] = Number(value(`phien_ban:${id}`)) || 0;
  }
  return out;
}
