import {
  AlignmentType,
  HeadingLevel,
  Paragraph,
  TabStopPosition,
  TabStopType,
  TextRun,
  convertMillimetersToTwip,
  type FileChild,
} from 'docx';
import { bodyParagraph, docxBuffer, headingStyle, nd30Footer, nd30Header, titleBlock } from '../render/docx.js';
import type { DocLine, OutlineDocument } from './document.js';

// The outline as an editable Word file: the same lines as the PDF, headings as Word headings
// (Heading 1 is "BÁO CÁO", the outline's levels are Heading 2–4), dotted lines to write on.
// Outlines go one heading level deeper than documents: they pass Heading 1–4 to the shared builder.

const mm = convertMillimetersToTwip;
const INDENT = mm(10);
const HEADINGS = [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

function line(l: DocLine): Paragraph {
  if (l.level > 0) {
    return new Paragraph({
      heading: HEADINGS[l.level - 1],
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: INDENT },
      spacing: { before: 120, after: 60 },
      children: [new TextRun(l.text)],
    });
  }
  if (l.cls === 'write' || l.cls === 'figures-hint') {
    // A right tab with a dot leader draws the dotted line to the margin; the writer types over it.
    return new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TabStopPosition.MAX, leader: 'dot' }],
      indent: l.cls === 'figures-hint' ? { firstLine: INDENT } : undefined,
      spacing: { after: 60, line: 360 },
      children: [new TextRun({ text: l.text ? `${l.text}\t` : '\t', italics: l.cls === 'figures-hint' })],
    });
  }
  const italic = l.cls === 'basis' || l.cls === 'note' || l.cls === 'missing';
  if (!italic) return bodyParagraph(l.text);
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: INDENT },
    spacing: { after: 120, line: 288 },
    children: [new TextRun({ text: l.text, italics: true })],
  });
}

export async function outlineDocx(doc: OutlineDocument): Promise<Buffer> {
  const children: FileChild[] = [
    nd30Header(doc.header),
    ...titleBlock(doc.docType, doc.subject),
    ...(doc.periodNote
      ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: doc.periodNote, italics: true })] })]
      : []),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, children: [new TextRun(doc.addressee)] }),
    ...doc.intro.map(bodyParagraph),
    ...doc.body.map(line),
    nd30Footer(doc.recipients, doc.signature),
  ];
  return docxBuffer(doc.documentTitle, children, [headingStyle(1), headingStyle(2), headingStyle(3), headingStyle(4, true)]);
}
