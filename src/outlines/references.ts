import { shortDate } from '../text/dates.js';

// Pure: an outline set's texts cite the campaign's own plans through placeholders, "{plan:ke-hoach-nam}",
// which each campaign fills from its definition (plan.references). A set declares the placeholders it
// uses; a campaign that has not entered one yet prints the blanks a clerk fills in.

export interface ReferenceDeclaration {
  id: string;
  /** What the campaign must cite there, for the office entering it. */
  description: string;
  /** The kind of document printed when the campaign has not entered it ("Kế hoạch"). */
  kind: string;
}

/** A campaign's reference: as printed, or by kind, number and date (either may be unknown yet). */
export type PlanReference = string | { kind: string; number: string | null; date: string | null };

const PLACEHOLDER = /\{plan:([a-z0-9]+(?:-[a-z0-9]+)*)\}/g;

/** The placeholders of a text, and whether it has a brace that is not one of them. */
export function placeholdersIn(text: string): { ids: string[]; stray: boolean } {
  const ids = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  return { ids, stray: /[{}]/.test(text.replace(PLACEHOLDER, '')) };
}

/** "Kế hoạch số 56/KH-UBND ngày 02/3/2023"; unknown parts as blanks: "Kế hoạch số …/KH-UBND ngày …/…/…". */
export function renderReference(reference: PlanReference | undefined, declaration: ReferenceDeclaration): string {
  if (typeof reference === 'string') return reference;
  const kind = reference?.kind ?? declaration.kind;
  const number = reference?.number ?? null;
  const shown = number === null ? '…' : number.startsWith('/') ? `…${number}` : number;
  const date = reference?.date ? shortDate(reference.date) : '…/…/…';
  return `${kind} số ${shown} ngày ${date}`;
}

export function fillText(text: string, rendered: ReadonlyMap<string, string>): string {
  return text.includes('{plan:') ? text.replace(PLACEHOLDER, (whole, id: string) => rendered.get(id) ?? whole) : text;
}

/** The campaign's texts for each placeholder its set declares. */
export function renderedReferences(
  declarations: readonly ReferenceDeclaration[],
  references: Readonly<Record<string, PlanReference>> | undefined,
): Map<string, string> {
  return new Map(declarations.map((d) => [d.id, renderReference(references?.[d.id], d)]));
}

interface Node {
  text: string;
  children: Node[];
}

function fillNodes<N extends Node>(nodes: N[], rendered: ReadonlyMap<string, string>): N[] {
  return nodes.map((n) => ({ ...n, text: fillText(n.text, rendered), children: fillNodes(n.children, rendered) }));
}

/** An outline with the campaign's references in its texts. */
export function fillOutline<O extends { title: string; trailingNote?: string | undefined; items: Node[] }>(outline: O, rendered: ReadonlyMap<string, string>): O {
  if (rendered.size === 0) return outline;
  return {
    ...outline,
    title: fillText(outline.title, rendered),
    ...(outline.trailingNote === undefined ? {} : { trailingNote: fillText(outline.trailingNote, rendered) }),
    items: fillNodes(outline.items, rendered),
  };
}

interface BlockLike {
  heading: string;
  legalBasis: string | null;
  groups: { title: string | null; legalBasis: string | null; questions: { text: string; subBullets: { text: string }[] }[] }[];
}

export function fillBlock<B extends BlockLike>(block: B, rendered: ReadonlyMap<string, string>): B {
  if (rendered.size === 0) return block;
  const fill = (t: string | null) => (t === null ? null : fillText(t, rendered));
  return {
    ...block,
    heading: fillText(block.heading, rendered),
    legalBasis: fill(block.legalBasis),
    groups: block.groups.map((g) => ({
      ...g,
      title: fill(g.title),
      legalBasis: fill(g.legalBasis),
      questions: g.questions.map((q) => ({
        ...q,
        text: fillText(q.text, rendered),
        subBullets: q.subBullets.map((b) => ({ ...b, text: fillText(b.text, rendered) })),
      })),
    })),
  };
}
