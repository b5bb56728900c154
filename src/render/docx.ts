import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { fitHeaderName } from './header-lines.js';
import type { Grid, Nd30Header, Section, Signature } from './layout.js';

// Word output with the same content as the HTML/PDF: offices finish and sign documents in Word.
// Layout follows Nghị định 30/2020 (Phụ lục I): A4, margins 20/15/20/30 mm, Times New Roman, the
// header and footer as borderless two-column tables, page numbers top-centre from page 2.

const FONT = 'Times New Roman';
const MADE_BY = 'Dịch vụ đợt kiểm tra Đề án 06';
const pt = (size: number) => size * 2; // docx sizes are half-points
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
const TEXT_WIDTH = mm(210 - 30 - 15);
const INDENT = mm(10);
const RULE = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } as const;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    bold: style.bold,
    italics: style.italics,
    size: style.size === undefined ? undefined : pt(style.size),
    underline: style.underline ? {} : undefined,
  });
}

function centred(text: string, style: RunStyle = {}, spacingAfter = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: spacingAfter }, children: [run(text, style)] });
}

/** A short centred rule (the line under the issuing body and under the subject). */
function shortRule(widthTwip: number, columnTwip: number): Paragraph {
  const side = Math.max(0, Math.round((columnTwip - widthTwip) / 2));
  return new Paragraph({ border: { top: RULE }, indent: { left: side, right: side }, spacing: { after: 0 }, children: [] });
}

function cell(children: Paragraph[], widthTwip: number, borders = false): TableCell {
  return new TableCell({
    width: { size: widthTwip, type: WidthType.DXA },
    children: children.length > 0 ? children : [new Paragraph({ children: [] })],
    ...(borders ? {} : { borders: TableBorders.NONE }),
  });
}

function borderless(rows: TableCell[][], widths: number[], cantSplit = false): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map((cells) => new TableRow({ cantSplit, children: cells })),
  });
}

/** A body's name in the header, one centred paragraph per line, broken as the HTML breaks it. */
function nameLines(name: string, bold: boolean): Paragraph[] {
  const { lines, size } = fitHeaderName(name, bold);
  return lines.map((line) => centred(line, { size, bold }));
}

export function nd30Header(header: Nd30Header): Table {
  const left = Math.round(TEXT_WIDTH * 0.4);
  const right = TEXT_WIDTH - left;
  return borderless(
    [
      [
        cell([...nameLines(header.parentBody, false), ...nameLines(header.issuingBody, true), shortRule(left * 0.25, left)], left),
        cell([centred(header.nationalTitle, { size: 13, bold: true }), centred(header.motto, { size: 14, bold: true, underline: true })], right),
      ],
      [
        cell([new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120 }, children: [run(header.numberLine, { size: 13 })] })], left),
        cell([new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120 }, children: [run(header.placeDate, { italics: true })] })], right),
      ],
    ],
    [left, right],
  );
}

/** The rehearsal line at the top of every page of a rehearsal campaign's document. */
export const REHEARSAL_LINE = 'DIỄN TẬP – văn bản tập dượt, không có giá trị pháp lý';

export function draftMark(): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, children: [run('DỰ THẢO', { bold: true, size: 12 })] });
}

/** "THÔNG BÁO" (Word Heading 1) and the subject line with its short rule. */
export function titleBlock(docType: string, subject: string): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, spacing: { before: 360, after: 0 }, children: [run(docType)] }),
    centred(subject, { bold: true }),
    shortRule(TEXT_WIDTH * 0.25, TEXT_WIDTH),
  ];
}

export function centredLine(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, children: [run(text)] });
}

const bodyOptions = { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: { after: 120, line: 288 } } as const;

export function bodyParagraph(text: string): Paragraph {
  return new Paragraph({ ...bodyOptions, children: [run(text)] });
}

/** The body's last paragraph: never split, and on the page of what follows (Nơi nhận and the signature). */
export function lastBodyParagraph(text: string): Paragraph {
  return new Paragraph({ ...bodyOptions, keepNext: true, keepLines: true, children: [run(text)] });
}

export function heading(text: string, level: 2 | 3 = 2): Paragraph {
  return new Paragraph({
    heading: level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
    indent: { firstLine: INDENT },
    spacing: { before: 120, after: 120 },
    children: [run(text)],
  });
}

export function section(s: Section): Paragraph[] {
  return [...(s.heading ? [heading(s.heading)] : []), ...s.paragraphs.map(bodyParagraph), ...s.items.map(bodyParagraph)];
}

export function grid(g: Grid): Table {
  const widths = g.columns.map((c) => Math.round((TEXT_WIDTH * c.width) / 100));
  const line = (text: string, bold = false, centre = false) =>
    new Paragraph({ alignment: centre ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, { size: 13, bold })] });
  const head = new TableRow({
    tableHeader: true,
    children: g.columns.map((c, i) => cell([line(c.title, true, true)], widths[i]!, true)),
  });
  const rows = g.rows.map(
    (cells) =>
      new TableRow({
        cantSplit: true,
        children: cells.map((lines, i) =>
          cell(
            lines.map((l) => line(l, false, i === 0)),
            widths[i]!,
            true,
          ),
        ),
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [head, ...rows],
  });
}

/** Nơi nhận on the left, the signature block on the right: one row that never splits across pages. */
export function nd30Footer(recipients: string[], signature: Signature): Table {
  const half = Math.round(TEXT_WIDTH / 2);
  const left = [
    new Paragraph({ spacing: { before: 240 }, children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }),
    ...recipients.map((r) => new Paragraph({ children: [run(r, { size: 11 })] })),
  ];
  const right = [
    ...(signature.authority ? [centred(signature.authority, { bold: true })] : []),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 1440 }, children: [run(signature.title, { bold: true })] }),
    ...(signature.name ? [centred(signature.name, { bold: true })] : []),
  ];
  return borderless([[cell(left, half), cell(right, TEXT_WIDTH - half)]], [half, TEXT_WIDTH - half], true);
}

/** Word's "Heading N" style in the document's font: bold 14 pt, italic where asked. */
export function headingStyle(level: number, italics = false) {
  return {
    id: `Heading${level}`,
    name: `Heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: FONT, size: pt(14), bold: true, italics, color: '000000' },
  };
}

/**
 * A complete A4 Word document from the blocks above: page, margins, page numbers from the second
 * page. Documents use Heading 1–3; outlines, one level deeper, pass their own heading styles.
 */
export async function docxBuffer(
  title: string,
  children: FileChild[],
  headingStyles = [headingStyle(1), headingStyle(2), headingStyle(3)],
  pageMark: string | null = null,
): Promise<Buffer> {
  const mark = pageMark === null ? [] : [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(pageMark, { bold: true, size: 12 })] })];
  const doc = new Document({
    title,
    creator: MADE_BY,
    // docx writes "Un-named" when no one is named.
    lastModifiedBy: MADE_BY,
    styles: {
      default: { document: { run: { font: FONT, size: pt(14), language: { value: 'vi-VN' } }, paragraph: { spacing: { after: 0 } } } },
      paragraphStyles: headingStyles,
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: 11906, height: 16838 }, // A4 as Word writes it
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(8) },
          },
        },
        headers: {
          default: new Header({
            children: [...mark, new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(13) })] })],
          }),
          first: new Header({ children: mark.length > 0 ? mark : [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
