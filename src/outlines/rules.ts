import { shortDate } from '../text/dates.js';
import type { Block, Outline, OutlineNode, OutlineSet } from './data.js';

// Pure: which items a unit answers, and what its answers say. An item is answerable when it has
// nothing under it (a numbered heading with bullets is answered through its bullets; a block question
// with sub-bullets through its sub-bullets). The data period is printed from the campaign's period.

export interface ItemView {
  id: string;
  no: string | null;
  marker: '-' | '+' | null;
  text: string;
  figures: boolean;
  answerable: boolean;
  children: ItemView[];
}

export interface BlockView {
  id: string;
  heading: string;
  legalBasis: string | null;
  groups: {
    id: string;
    title: string | null;
    legalBasis: string | null;
    questions: {
      id: string;
      no: number;
      text: string;
      figures: boolean;
      answerable: boolean;
      subBullets: { id: string; text: string; figures: boolean }[];
    }[];
  }[];
}

export interface AnswerableItem {
  id: string;
  /** The top-level item or block the item belongs to, for completeness per section. */
  sectionId: string;
  figures: boolean;
}

export interface Section {
  id: string;
  title: string;
}

export function itemViews(nodes: OutlineNode[]): ItemView[] {
  return nodes.map((n) => ({
    id: n.id,
    no: n.no ?? null,
    marker: n.marker ?? null,
    text: n.text,
    figures: n.figures,
    answerable: n.children.length === 0,
    children: itemViews(n.children),
  }));
}

export function blockView(block: Block): BlockView {
  return {
    id: block.id,
    heading: block.heading,
    legalBasis: block.legalBasis,
    groups: block.groups.map((g) => ({
      id: g.id,
      title: g.title,
      legalBasis: g.legalBasis,
      questions: g.questions.map((q) => ({
        id: q.id,
        no: q.no,
        text: q.text,
        figures: q.figures,
        answerable: q.subBullets.length === 0,
        subBullets: q.subBullets.map((s) => ({ id: s.id, text: s.text, figures: s.figures })),
      })),
    })),
  };
}

/** The unit's outline and blocks, in the set's block order; null names what the set lacks. */
export function selectOutline(
  set: OutlineSet,
  code: string,
  blockIds: string[],
): { outline: Outline; blocks: Block[] } | { missing: string } {
  const outline = set.outlines.get(code);
  if (!outline) return { missing: `đề cương ${code}` };
  const unknown = blockIds.find((id) => !set.blocks.has(id));
  if (unknown) return { missing: `khối câu hỏi ${unknown}` };
  const wanted = new Set(blockIds);
  return { outline, blocks: set.blockOrder.filter((id) => wanted.has(id)).map((id) => set.blocks.get(id)!) };
}

export function sectionsOf(outline: Outline, blocks: Block[]): Section[] {
  return [
    ...outline.items.map((n) => ({ id: n.id, title: n.no ? `${n.no}. ${n.text}` : n.text })),
    ...blocks.map((b) => ({ id: b.id, title: b.heading })),
  ];
}

/** Every item a unit may answer, in document order. */
export function answerableItems(outline: Outline, blocks: Block[]): AnswerableItem[] {
  const out: AnswerableItem[] = [];
  const visit = (node: OutlineNode, sectionId: string) => {
    if (node.children.length === 0) out.push({ id: node.id, sectionId, figures: node.figures });
    for (const child of node.children) visit(child, sectionId);
  };
  for (const node of outline.items) visit(node, node.id);
  for (const block of blocks) {
    for (const q of block.groups.flatMap((g) => g.questions)) {
      if (q.subBullets.length === 0) out.push({ id: q.id, sectionId: block.id, figures: q.figures });
      for (const s of q.subBullets) out.push({ id: s.id, sectionId: block.id, figures: s.figures });
    }
  }
  return out;
}

/** Ids of every item of the outline and blocks, answerable or not (headings, groups). */
export function allItemIds(outline: Outline, blocks: Block[]): Set<string> {
  const ids = new Set<string>();
  const visit = (node: OutlineNode) => {
    ids.add(node.id);
    node.children.forEach(visit);
  };
  outline.items.forEach(visit);
  for (const block of blocks) {
    for (const g of block.groups) {
      ids.add(g.id);
      for (const q of g.questions) {
        ids.add(q.id);
        for (const s of q.subBullets) ids.add(s.id);
      }
    }
  }
  return ids;
}

const monthYear = (iso: string) => `${Number(iso.slice(5, 7))}/${iso.slice(0, 4)}`;
function isLastDayOfMonth(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
}

/** "(Số liệu báo cáo được lấy từ năm 2022 đến hết tháng 6/2023)" for 2022-01-01 … 2023-06-30. */
export function periodNote(period: { from: string; to: string }): string {
  const { from, to } = period;
  if (from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31`) return `(Số liệu báo cáo được lấy trong năm ${from.slice(0, 4)})`;
  const start = from.endsWith('-01-01')
    ? `từ năm ${from.slice(0, 4)}`
    : from.endsWith('-01')
      ? `từ tháng ${monthYear(from)}`
      : `từ ngày ${shortDate(from)}`;
  const end = to.endsWith('-12-31')
    ? `đến hết năm ${to.slice(0, 4)}`
    : isLastDayOfMonth(to)
      ? `đến hết tháng ${monthYear(to)}`
      : `đến hết ngày ${shortDate(to)}`;
  return `(Số liệu báo cáo được lấy ${start} ${end})`;
}
