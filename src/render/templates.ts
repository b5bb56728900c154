import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { computeAlways, type ContentCache } from '../text/content-cache.js';
import { builtInHelpers, documentHelpers, registerHelpers } from './helpers.js';

// One isolated Handlebars environment for every document: helpers registered once, every template
// and partial checked when the service starts (or found checked in the cache), so a broken template stops start-up
// with its file named instead of failing the first user who asks for that document.

export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

// Handlebars writes into the options it is given (data: true): it gets a copy, so this object, part
// of the cache key below, stays what it says.
const compileOptions = {
  strict: true,
  noEscape: false,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries([...builtInHelpers, ...Object.keys(documentHelpers)].map((name) => [name, true])),
} as const;

/** Partial names used by a template; dynamic partials ({{> (expr)}}) are refused. */
function partialNames(ast: hbs.AST.Program, file: string): string[] {
  const names: string[] = [];
  const visitor = new Handlebars.Visitor();
  const collect = (node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement) => {
    if (node.name.type !== 'PathExpression') throw new TemplateError(file, 'dynamic partials are not allowed');
    names.push(node.name.original);
  };
  visitor.PartialStatement = function (node) {
    collect(node);
    Handlebars.Visitor.prototype.PartialStatement.call(this, node);
  };
  visitor.PartialBlockStatement = function (node) {
    collect(node);
    Handlebars.Visitor.prototype.PartialBlockStatement.call(this, node);
  };
  visitor.accept(ast);
  return names;
}

function listFiles(dir: string, extensions: string[]): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries
    .filter((name) => extensions.includes(extname(name)))
    .sort()
    .map((name) => join(dir, name));
}

type Sources = Map<string, { file: string; source: string; kind: 'template' | 'partial' }>;

function checkSource(hbs: typeof Handlebars, file: string, source: string, sources: Sources): void {
  let ast: hbs.AST.Program;
  try {
    ast = hbs.parse(source);
    hbs.precompile(source, { ...compileOptions });
  } catch (error) {
    throw new TemplateError(file, (error as Error).message.split('\n').join(' '));
  }
  for (const partial of partialNames(ast, file)) {
    if (partial === '@partial-block') continue;
    if (sources.get(partial)?.kind !== 'partial') throw new TemplateError(file, `unknown partial "${partial}"`);
  }
}

export type Templates = ReturnType<typeof createTemplates>;

/**
 * Loads templates/*.hbs (documents), templates/partials/*.hbs (shared pieces) and templates/*.css
 * (stylesheets, usable as the partial "<name>-css", e.g. {{> print-css}}).
 */
export function createTemplates({ dir, cache = computeAlways }: { dir: string; cache?: ContentCache }) {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const sources: Sources = new Map();
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new TemplateError(file, (error as Error).message);
    }
  };
  for (const file of listFiles(join(dir, 'partials'), ['.hbs'])) {
    sources.set(basename(file, '.hbs'), { file, source: read(file), kind: 'partial' });
  }
  for (const file of listFiles(dir, ['.css'])) {
    sources.set(`${basename(file, '.css')}-css`, { file, source: read(file), kind: 'partial' });
  }
  const templateNames: string[] = [];
  for (const file of listFiles(dir, ['.hbs'])) {
    const name = basename(file, '.hbs');
    if (sources.has(name)) throw new TemplateError(file, `the name "${name}" is also a partial`);
    sources.set(name, { file, source: read(file), kind: 'template' });
    templateNames.push(name);
  }

  // Every source must parse, compile and name only partials that exist. Checked once per content of
  // the whole set (the check is kept in the cache); Handlebars itself compiles each on first use.
  cache('templates', JSON.stringify([compileOptions, [...sources]]), () => {
    for (const [, { file, source }] of sources) checkSource(hbs, file, source, sources);
    return true;
  });
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const [name, { source, kind }] of sources) {
    const template = hbs.compile(source, { ...compileOptions });
    if (kind === 'partial') hbs.registerPartial(name, template);
    else compiled.set(name, template);
  }

  return {
    names: (): string[] => [...templateNames],
    has: (name: string): boolean => compiled.has(name),
    /** HTML of a document; every value is escaped. Throws on a missing field (strict mode). */
    render(name: string, data: object): string {
      const template = compiled.get(name);
      if (!template) throw new Error(`no template "${name}"`);
      return template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    },
  };
}
