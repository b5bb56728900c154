import { createHash } from 'node:crypto';
import type { BlockFile, OutlineFile, OutlineNode, OutlineSet } from './data.js';
import { placeholdersIn, type ReferenceDeclaration } from './references.js';

// Pure rules every outline set follows, whether shipped in outlines/ or loaded by an office through
// the API: item ids read as paths and are unique in the set, a block extends an outline of the set,
// and every placeholder a text uses is one the set declares.

export function contentVersion(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/** An item id with the id it must start with and where it is inside its file or document part. */
export interface ItemId {
  id: string;
  parent: string;
  path: string;
}

export function outlineIds(outline: OutlineFile): ItemId[] {
  const out: ItemId[] = [];
  const walk = (nodes: OutlineNode[], parent: string, at: string) =>
    nodes.forEach((node, i) => {
      out.push({ id: node.id, parent, path: `${at}[${i}].id` });
      walk(node.children, node.id, `${at}[${i}].children`);
    });
  walk(outline.items, outline.code, 'items');
  return out;
}

export function blockIds(block: BlockFile): ItemId[] {
  const out: ItemId[] = [];
  block.groups.forEach((group, g) => {
    out.push({ id: group.id, parent: block.id, path: `groups[${g}].id` });
    group.questions.forEach((q, k) => {
      out.push({ id: q.id, parent: block.id, path: `groups[${g}].questions[${k}].id` });
      q.subBullets.forEach((s, b) => out.push({ id: s.id, parent: q.id, path: `groups[${g}].questions[${k}].subBullets[${b}].id` }));
    });
  });
  return out;
}

/** A part of a set: where it is (a file, or a path in a document) and how to name it ("khối tnmt"). */
export interface SetPart {
  owner: string;
  label: string;
  ids: ItemId[];
}

export type IdProblem =
  | { kind: 'prefix'; part: SetPart; item: ItemId }
  | { kind: 'duplicate'; part: SetPart; item: ItemId; earlier: string };

/** Ids that do not start with their parent's, or that an earlier part of the set already used. */
export function idProblems(parts: SetPart[]): IdProblem[] {
  const seen = new Map<string, string>();
  const out: IdProblem[] = [];
  for (const part of parts) {
    for (const item of part.ids) {
      if (!item.id.startsWith(`${item.parent}.`)) out.push({ kind: 'prefix', part, item });
      const earlier = seen.get(item.id);
      if (earlier) out.push({ kind: 'duplicate', part, item, earlier });
      else seen.set(item.id, part.owner);
    }
  }
  return out;
}

/** Every printed text of an outline, with its path. */
export function outlineTexts(outline: OutlineFile): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [{ path: 'title', text: outline.title }];
  if (outline.trailingNote) out.push({ path: 'trailingNote', text: outline.trailingNote });
  const walk = (nodes: OutlineNode[], at: string) =>
    nodes.forEach((node, i) => {
      out.push({ path: `${at}[${i}].text`, text: node.text });
      walk(node.children, `${at}[${i}].children`);
    });
  walk(outline.items, 'items');
  return out;
}

export function blockTexts(block: BlockFile): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [{ path: 'heading', text: block.heading }];
  if (block.legalBasis) out.push({ path: 'legalBasis', text: block.legalBasis });
  block.groups.forEach((group, g) => {
    if (group.title) out.push({ path: `groups[${g}].title`, text: group.title });
    if (group.legalBasis) out.push({ path: `groups[${g}].legalBasis`, text: group.legalBasis });
    group.questions.forEach((q, k) => {
      out.push({ path: `groups[${g}].questions[${k}].text`, text: q.text });
      q.subBullets.forEach((s, b) => out.push({ path: `groups[${g}].questions[${k}].subBullets[${b}].text`, text: s.text }));
    });
  });
  return out;
}

export type ReferenceProblem = { path: string; kind: 'undeclared'; id: string } | { path: string; kind: 'stray' };

/** Placeholders a text uses that the set does not declare, and braces that are not placeholders. */
export function referenceProblems(texts: { path: string; text: string }[], declared: ReadonlySet<string>): ReferenceProblem[] {
  const out: ReferenceProblem[] = [];
  for (const { path, text } of texts) {
    const found = placeholdersIn(text);
    for (const id of found.ids) if (!declared.has(id)) out.push({ path, kind: 'undeclared', id });
    if (found.stray) out.push({ path, kind: 'stray' });
  }
  return out;
}

/** The set as the service uses it, each outline and block with the hash of its content. */
export function buildSet(
  meta: { id: string; title: string; source: string | null; references: ReferenceDeclaration[]; version: number | null },
  outlines: OutlineFile[],
  blocks: BlockFile[],
): OutlineSet {
  return {
    ...meta,
    outlines: new Map(outlines.map((o) => [o.code, { ...o, version: contentVersion(o) }])),
    blocks: new Map(blocks.map((b) => [b.id, { ...b, version: contentVersion(b) }])),
    blockOrder: blocks.map((b) => b.id),
  };
}
