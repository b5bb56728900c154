import {
  AlignmentType,
  Document,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TabStopPosition,
  TabStopType,
  TextRun,
  convertMillimetersToTwip,
  type FileChild,
} from 'docx';
import { bodyParagraph, nd30Footer, nd30Header, titleBlock } from '../render/docx.js';
import type { DocLine, OutlineDocument } from './document.js';

// The outline as an editable Word file: the same lines as the PDF, headings as Word headings
// (Heading 1 is "BÁO CÁO", the outline's levels are Heading 2–4), dotted lines to write on.
// Outlines go one heading level deeper than the shared builder styles, hence the own Document.

const FONT = 'Times New Roman';
const pt = (size: number) => size * 2;
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

const headingStyle = (level: number, italics = false) => ({
  id: `Heading${level}`,
  name: `Heading ${level}`,
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  run: { font: FONT, size: pt(14), bold: true, italics, color: '000000' },
});

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
  const document = new Document({
    title: doc.documentTitle,
    creator: 'Dịch vụ đợt kiểm tra Đề án 06',
    styles: {
      default: { document: { run: { font: FONT, size: pt(14) }, paragraph: { spacing: { after: 0 } } } },
      paragraphStyles: [headingStyle(1), headingStyle(2), headingStyle(3), headingStyle(4, true)],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(8) },
          },
        },
        headers: {
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(13) })] })],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}
