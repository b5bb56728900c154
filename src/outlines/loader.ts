import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { fieldPath } from '../http/errors.js';
import { projectRoot } from '../paths.js';
import { deepNfc } from '../text/vietnamese.js';
import { computeAlways, type ContentCache } from '../text/content-cache.js';
import { blockFileSchema, outlineFileSchema, setFileSchema, type BlockFile, type OutlineFile, type OutlineSet, type OutlineSets } from './data.js';
import { blockIds, blockTexts, buildSet, idProblems, outlineIds, outlineTexts, referenceProblems } from './set-rules.js';

// Outline sets are read and validated once at start-up (YAML parsing through the value cache). Any error stops start-up with the file, the
// line where the YAML node is, and the path inside the document.

export class OutlineFileError extends Error {
  override name = 'OutlineFileError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly path: string,
    detail: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${path ? `${path}: ` : ''}${detail}`);
  }
}

const shown = (file: string) => {
  const rel = relative(projectRoot, file);
  return rel.startsWith('..') ? file : rel;
};

function parseYaml(file: string, text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const at = first.linePos?.[0].line ?? null;
    throw new OutlineFileError(shown(file), at, '', `YAML không hợp lệ: ${first.message.split('\n')[0]}`);
  }
  return { doc, lines };
}

function readYaml<S extends z.ZodType>(file: string, schema: S, cache: ContentCache): z.output<S> {
  if (!existsSync(file)) throw new OutlineFileError(shown(file), null, '', 'thiếu tệp');
  const text = readFileSync(file, 'utf8');
  const parsed = schema.safeParse(deepNfc(cache('yaml', text, (): unknown => parseYaml(file, text).doc.toJS())));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // The deepest node of the path that exists in the document gives the line.
  const { doc, lines } = parseYaml(file, text);
  let line: number | null = null;
  for (let depth = issue.path.length; depth >= 0 && line === null; depth -= 1) {
    const node = doc.getIn(issue.path.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) line = lines.linePos(node.range[0]).line;
  }
  throw new OutlineFileError(shown(file), line, fieldPath(issue.path), issue.message);
}

export { contentVersion } from './set-rules.js';

function loadSet(dir: string, cache: ContentCache): OutlineSet {
  const setFile = join(dir, 'set.yaml');
  const set = readYaml(setFile, setFileSchema, cache);
  if (set.id !== basename(dir)) {
    throw new OutlineFileError(shown(setFile), null, 'id', `mã bộ đề cương "${set.id}" phải trùng tên thư mục "${basename(dir)}"`);
  }
  const outlines: { file: string; value: OutlineFile }[] = [];
  for (const code of set.outlines) {
    const file = join(dir, `outline-${code}.yaml`);
    const outline = readYaml(file, outlineFileSchema, cache);
    if (outline.code !== code) throw new OutlineFileError(shown(file), null, 'code', `phải là "${code}" như trong set.yaml`);
    outlines.push({ file: shown(file), value: outline });
  }
  const blocks: { file: string; value: BlockFile }[] = [];
  for (const blockId of set.blocks) {
    const file = join(dir, 'blocks', `${blockId}.yaml`);
    const block = readYaml(file, blockFileSchema, cache);
    if (block.id !== blockId) throw new OutlineFileError(shown(file), null, 'id', `phải là "${blockId}" như trong set.yaml`);
    if (block.forOutline && !set.outlines.includes(block.forOutline)) {
      throw new OutlineFileError(shown(file), null, 'forOutline', `bộ đề cương không có đề cương "${block.forOutline}"`);
    }
    blocks.push({ file: shown(file), value: block });
  }
  const problems = idProblems([
    ...outlines.map((o) => ({ owner: o.file, label: `đề cương ${o.value.code}`, ids: outlineIds(o.value) })),
    ...blocks.map((b) => ({ owner: b.file, label: `khối ${b.value.id}`, ids: blockIds(b.value) })),
  ]);
  const first = problems[0];
  if (first) {
    throw new OutlineFileError(
      first.part.owner,
      null,
      first.item.id,
      first.kind === 'prefix' ? `mã mục phải bắt đầu bằng "${first.item.parent}." (${first.part.label})` : `mã mục đã dùng trong ${first.earlier}`,
    );
  }
  const declared = new Set(set.references.map((r) => r.id));
  for (const { file, texts } of [
    ...outlines.map((o) => ({ file: o.file, texts: outlineTexts(o.value) })),
    ...blocks.map((b) => ({ file: b.file, texts: blockTexts(b.value) })),
  ]) {
    const problem = referenceProblems(texts, declared)[0];
    if (problem) {
      throw new OutlineFileError(
        file,
        null,
        problem.path,
        problem.kind === 'undeclared'
          ? `"{plan:${problem.id}}" không có trong references của set.yaml`
          : 'dấu { } chỉ dùng cho chỗ dẫn chiếu kế hoạch, dạng {plan:ma-ke-hoach}',
      );
    }
  }
  const listed = new Set(set.blocks.map((id) => `${id}.yaml`));
  const blockDir = join(dir, 'blocks');
  for (const name of existsSync(blockDir) ? readdirSync(blockDir) : []) {
    if (!listed.has(name)) throw new OutlineFileError(shown(join(blockDir, name)), null, '', 'tệp không có trong set.yaml (blocks)');
  }
  return buildSet(
    { id: set.id, title: set.title, source: set.source ?? null, references: set.references, version: null },
    outlines.map((o) => o.value),
    blocks.map((b) => b.value),
  );
}

/** Every set under dir (one folder per set, each with a set.yaml). */
export function loadOutlineSets(dir: string, cache: ContentCache = computeAlways): OutlineSets {
  if (!existsSync(dir)) throw new OutlineFileError(shown(dir), null, '', 'không có thư mục đề cương');
  const sets: OutlineSets = new Map();
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    sets.set(name, loadSet(path, cache));
  }
  return sets;
}
