import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

// Reading rendered documents back the way a person would see them: pdftotext/pdffonts/pdfinfo
// (poppler-utils) for PDFs, the paragraphs of word/document.xml for .docx, the visible lines of HTML.

function withPdfFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'ics-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of the PDF (or of one page), laid out as printed. */
export function pdfText(pdf: Buffer, page?: number): string {
  return withPdfFile(pdf, (file) => {
    const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
    return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' });
  });
}

export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  return withPdfFile(pdf, (file) => {
    const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2);
    return lines
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const columns = line.trim().split(/\s+/);
        // name type... encoding emb sub uni object ID: emb is the 5th field from the end.
        return { name: columns[0]!, embedded: columns[columns.length - 5] === 'yes' };
      });
  });
}

export function pdfInfo(pdf: Buffer): { pages: number; pageSize: string } {
  return withPdfFile(pdf, (file) => {
    const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return {
      pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]),
      pageSize: /^Page size:\s+(.*)$/m.exec(out)?.[1]?.trim() ?? '',
    };
  });
}

/** Collapses runs of white space, so a name wrapped over two lines still reads as one. */
export const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return entities[name] ?? whole;
  });
}

/** The visible lines of an HTML document: one per block element, tags removed, entities decoded. */
export function htmlLines(html: string): string[] {
  const body = html.replace(/<head>[\s\S]*?<\/head>/i, '');
  return decode(body.replace(/<\/(p|div|li|h1|h2|h3|th|td)>|<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ''))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The XML parts of a .docx. */
export function docxParts(docx: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(docx));
  return Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => name.endsWith('.xml'))
      .map(([name, data]) => [name, strFromU8(data)]),
  );
}

/** The non-empty paragraphs of word/document.xml, in order. */
export function docxLines(docx: Buffer): string[] {
  const xml = docxParts(docx)['word/document.xml'] ?? '';
  return xml
    .split('</w:p>')
    .map((paragraph) => decode([...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).trim())
    .filter((line) => line !== '');
}
