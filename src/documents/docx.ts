import type { FileChild } from 'docx';
import * as word from '../render/docx.js';
import type { DocumentContent } from './content.js';

// Word form of a document: the same blocks in the same order as its template in templates/.

function body(content: DocumentContent): FileChild[] {
  switch (content.kind) {
    case 'notice':
      return [...word.section(content.team), ...word.section(content.programme), word.grid(content.programme.table), ...word.section(content.preparation)];
    case 'results-notice':
      return content.sections.flatMap(word.section);
    case 'team-report':
      return [...word.section(content.overview), word.grid(content.overview.table), ...content.sections.flatMap(word.section)];
  }
}

export function documentDocx(content: DocumentContent): Promise<Buffer> {
  const children: FileChild[] = [
    ...(content.draft ? [word.draftMark()] : []),
    word.nd30Header(content.header),
    ...word.titleBlock(content.docType, content.subject),
    ...(content.kind === 'team-report' ? [word.centredLine(content.addressee)] : []),
    ...content.intro.map(word.bodyParagraph),
    ...body(content),
    // The last paragraph keeps with Nơi nhận and the signature, as print.css does for the PDF.
    ...content.closing.map((text, i) => (i === content.closing.length - 1 ? word.lastBodyParagraph(text) : word.bodyParagraph(text))),
    word.nd30Footer(content.recipients, content.signature),
  ];
  return word.docxBuffer(content.documentTitle, children, undefined, content.rehearsal ? word.REHEARSAL_LINE : null);
}
