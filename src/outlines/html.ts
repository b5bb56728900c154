import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { builtInHelpers, documentHelpers, registerHelpers } from '../render/helpers.js';
import { TemplateError } from '../render/templates.js';
import { computeAlways, type ContentCache } from '../text/content-cache.js';
import type { OutlineDocument } from './document.js';

// The outline templates (templates/outlines/*.hbs) on the shared partials and stylesheet of
// templates/. Interim: the shared engine loads only templates/*.hbs; once it loads subfolders this
// file becomes a call to templates.render('outlines/report', …).

const options = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries([...builtInHelpers, ...Object.keys(documentHelpers)].map((n) => [n, true])),
} as const;

export interface OutlineTemplates {
  report(document: OutlineDocument): string;
  /** Hash of every template source used: part of each render key, so a new template re-renders. */
  version: string;
}

export function createOutlineTemplates(dir: string, cache: ContentCache = computeAlways): OutlineTemplates {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const hash = createHash('sha256');
  const sources: [string, string][] = [];
  const compile = (file: string) => {
    try {
      const source = readFileSync(file, 'utf8');
      hash.update(file).update(source);
      sources.push([file, source]);
      return hbs.compile(source, options);
    } catch (error) {
      throw new TemplateError(file, (error as Error).message.split('\n').join(' '));
    }
  };
  const partials = join(dir, 'partials');
  for (const name of readdirSync(partials).filter((n) => n.endsWith('.hbs')).sort()) {
    hbs.registerPartial(basename(name, '.hbs'), compile(join(partials, name)));
  }
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.css')).sort()) {
    hbs.registerPartial(`${basename(name, '.css')}-css`, compile(join(dir, name)));
  }
  const report = compile(join(dir, 'outlines', 'report.hbs'));
  const runtime = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
  const version = hash.digest('hex').slice(0, 16);
  const templates: OutlineTemplates = { report: (document) => report(document, runtime), version };
  // Compiled lazily by Handlebars: render once so a broken template stops start-up (once per content).
  cache('outline-templates', JSON.stringify([options, sources, sampleDocument]), () => {
    try {
      templates.report(sampleDocument);
    } catch (error) {
      throw new TemplateError(join(dir, 'outlines', 'report.hbs'), (error as Error).message.split('\n').join(' '));
    }
    return true;
  });
  return templates;
}

const sampleDocument: OutlineDocument = {
  documentTitle: 'Báo cáo',
  draft: false,
  header: { parentBody: '', issuingBody: 'ĐƠN VỊ', nationalTitle: '', motto: '', numberLine: 'Số:', placeDate: '' },
  docType: 'BÁO CÁO',
  subject: 'Kết quả',
  periodNote: null,
  addressee: 'Kính gửi:',
  intro: [],
  body: [
    { level: 1, cls: 'heading', text: '1.' },
    { level: 2, cls: 'heading', text: '1.1.' },
    { level: 3, cls: 'heading', text: '1.1.1.' },
    { level: 0, cls: 'write', text: '' },
  ],
  recipients: [],
  signature: { authority: null, title: 'THỦ TRƯỞNG', name: null },
  headings: [],
};
