import { z } from 'zod';
import type { ReferenceDeclaration } from './references.js';

// The files under outlines/<set>/: set.yaml, outline-<code>.yaml, blocks/<id>.yaml (see outlines/README.md).
// Ids are written in the files, never derived, so correcting a text never changes an id.

const text = z.string().trim().min(1).max(4000);
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch nối')
  .max(80);
const itemId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+$/, 'mã mục có dạng A.1.2, A.2.b1, noi-vu.q1')
  .max(120);
export const outlineCode = z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, 'mã đề cương là chữ in hoa, ví dụ A, B');

export interface OutlineNode {
  id: string;
  /** The source's numbering ("1", "1.1", "I"); absent for bullets. */
  no?: string | undefined;
  /** "-" bullet or "+" sub-bullet; absent for numbered items. */
  marker?: '-' | '+' | undefined;
  text: string;
  /** The item asks for numbers (see outlines/README.md for the rule). */
  figures: boolean;
  children: OutlineNode[];
}

export const outlineNodeSchema: z.ZodType<OutlineNode, unknown> = z.lazy(() =>
  z
    .object({
      id: itemId,
      no: z.string().trim().min(1).max(20).optional(),
      marker: z.enum(['-', '+']).optional(),
      text,
      figures: z.boolean().default(false),
      children: z.array(outlineNodeSchema).default([]),
    })
    .strict()
    .refine((n) => (n.no === undefined) !== (n.marker === undefined), {
      message: 'mỗi mục có đúng một trong hai: số thứ tự (no) hoặc dấu đầu dòng (marker)',
    }),
).meta({ id: 'OutlineNode' }); // recursive: OpenAPI needs it as a named component to refer to itself

export const outlineFileSchema = z
  .object({
    format: z.literal('outline/v1'),
    code: outlineCode,
    title: text,
    appliesTo: text,
    /** The period sentence exactly as the source prints it (documents print the campaign's period). */
    dataPeriodNote: text.optional(),
    /** Printed after the items when the unit also has department blocks ("Lưu ý: …"). */
    trailingNote: text.optional(),
    items: z.array(outlineNodeSchema).min(1),
  })
  .strict();

const subBulletSchema = z.object({ id: itemId, text, figures: z.boolean().default(false) }).strict();

const questionSchema = z
  .object({
    id: itemId,
    no: z.number().int().min(1).max(999),
    text,
    figures: z.boolean().default(false),
    subBullets: z.array(subBulletSchema).default([]),
  })
  .strict();

const groupSchema = z
  .object({
    id: itemId,
    title: text.nullable().default(null),
    legalBasis: text.nullable().default(null),
    questions: z.array(questionSchema).min(1),
  })
  .strict();

export const blockFileSchema = z
  .object({
    format: z.literal('outline-block/v1'),
    id: slug,
    heading: text,
    legalBasis: text.nullable().default(null),
    /** The outline the block extends ("Lưu ý" of outline A in seed 001). */
    forOutline: outlineCode.optional(),
    groups: z.array(groupSchema).min(1),
  })
  .strict();

/** A placeholder the set's texts use, "{plan:<id>}", filled from each campaign's plan.references. */
export const referenceDeclarationSchema = z
  .object({
    id: slug,
    description: text.describe('what the campaign must cite there'),
    kind: text.default('Kế hoạch').describe('the kind of document, printed when the campaign has not entered it'),
  })
  .strict();

export const setFileSchema = z
  .object({
    format: z.literal('outline-set/v1'),
    id: slug,
    title: text,
    source: text.optional(),
    references: z.array(referenceDeclarationSchema).default([]),
    outlines: z.array(outlineCode).min(1),
    blocks: z.array(slug).default([]),
  })
  .strict();

/** A whole set in one document, as an office loads it through the API (PUT /outline-sets/{setId}). */
export const setDocumentSchema = z
  .object({
    format: z.literal('outline-set-document/v1'),
    id: slug,
    title: text,
    source: text.optional(),
    references: z.array(referenceDeclarationSchema).default([]),
    outlines: z.array(outlineFileSchema).min(1).max(20),
    blocks: z.array(blockFileSchema).max(100).default([]),
  })
  .strict();

export type OutlineFile = z.output<typeof outlineFileSchema>;
export type BlockFile = z.output<typeof blockFileSchema>;
export type SetFile = z.output<typeof setFileSchema>;
export type SetDocument = z.output<typeof setDocumentSchema>;
export type SetDocumentInput = z.input<typeof setDocumentSchema>;

export interface Outline extends OutlineFile {
  /** Short hash of the outline's content: changes whenever a text, id or flag changes. */
  version: string;
}
export interface Block extends BlockFile {
  version: string;
}
export interface OutlineSet {
  id: string;
  title: string;
  source: string | null;
  /** The placeholders its texts use ({plan:<id>}). */
  references: ReferenceDeclaration[];
  /** null for a set shipped in outlines/; 1, 2, … for the versions of a set loaded through the API. */
  version: number | null;
  outlines: Map<string, Outline>;
  blocks: Map<string, Block>;
  /** Block ids in the order of set.yaml (the order they are printed in). */
  blockOrder: string[];
}
export type OutlineSets = Map<string, OutlineSet>;
