import t, { type Test } from 'tap';
import type { DocumentContent } from '../../src/documents/content.js';
import { documentDocx } from '../../src/documents/docx.js';
import { buildNoticeContent } from '../../src/documents/notice-content.js';
import { buildResultsNoticeContent } from '../../src/documents/results-content.js';
import { fromRoot } from '../../src/paths.js';
import { createTemplates } from '../../src/render/templates.js';
import { sharedPdfEngine } from '../helpers/app.js';
import { docxParts, flat, pdfInfo, pdfText } from '../helpers/document-text.js';
import { noticeInput, qxCampaign, qxTeam1, visit } from '../helpers/documents.js';

// Issue 15, item 2: "Nơi nhận" and the signature never stand alone on a page. The closing block (the
// last paragraph, Nơi nhận and the signer's block) stays together; documents are padded one line at a
// time so that the page break falls at every point of that block, and each PDF is read back page by page.

const templates = createTemplates({ dir: fromRoot('templates') });

function shortResultsNotice(): DocumentContent {
  return buildResultsNoticeContent({
    campaign: qxCampaign,
    team: qxTeam1,
    unitId: 'p-tckh',
    unitName: 'Phòng Tài chính - Kế hoạch',
    visitDates: ['2023-08-07'],
    notice: { numberLabel: '01/TB-ĐKT01', issueDate: '2023-07-31' },
    conclusions: [
      {
        visitId: 1,
        version: 1,
        achieved: 'Đơn vị đã ban hành kế hoạch thực hiện Đề án 06 năm 2023.',
        shortcomings: 'Tỷ lệ hồ sơ trực tuyến còn thấp.',
        causes: '',
        recommendations: [
          { text: 'Đẩy mạnh số hóa hồ sơ', responsibleUnitId: 'p-tckh', responsibleUnitName: 'Phòng Tài chính - Kế hoạch', dueDate: '2023-09-29' },
        ],
      },
    ],
    number: 2,
    issueDate: '2023-08-08',
    signerName: null,
  });
}

/** A one-visit notice of a team without member units: short enough to start on one page. */
function oneVisitNotice(): DocumentContent {
  return buildNoticeContent(
    noticeInput({ team: { ...qxTeam1, members: [] }, visits: [visit({ id: 11, unitName: 'Phòng Tài chính - Kế hoạch', date: '2023-08-07' })] }),
  );
}

/** The document with `lines` one-line paragraphs added to its body (before the closing block). */
function padded(content: DocumentContent, lines: number): DocumentContent {
  const copy = structuredClone(content);
  const filler = Array.from({ length: lines }, (_, i) => `Nội dung bổ sung dòng ${i + 1}.`);
  copy.intro.push(...filler);
  return copy;
}

interface Layout {
  pages: number;
  /** Page of "Nơi nhận:". */
  footerPage: number;
  /** Page text where the closing block is, flattened. */
  footerText: string;
  /** Page on which the last filler line is printed (0 when none). */
  lastFillerPage: number;
}

async function layout(pdf: Buffer, fillers: number): Promise<Layout> {
  const pages = pdfInfo(pdf).pages;
  let footerPage = 0;
  let footerText = '';
  let lastFillerPage = 0;
  for (let page = 1; page <= pages; page += 1) {
    const text = flat(pdfText(pdf, page));
    if (text.includes('Nơi nhận:')) {
      footerPage = page;
      footerText = text;
    }
    if (fillers > 0 && text.includes(`Nội dung bổ sung dòng ${fillers}.`)) lastFillerPage = page;
  }
  return { pages, footerPage, footerText, lastFillerPage };
}

async function sweep(t: Test, name: string, content: DocumentContent) {
  const pdf = sharedPdfEngine();
  const last = content.closing.at(-1)!;
  const render = async (lines: number) => layout(await pdf.render(templates.render(content.kind, padded(content, lines))), lines);

  // Find the padding at which the document first needs a second page, then sweep one line at a time
  // from where everything fits on page 1 until the filler itself runs onto page 2.
  let coarse = 0;
  while ((await render(coarse)).pages === 1) coarse += 4;
  const seen = new Set<string>();
  let reachedPageTwo = false;
  for (let lines = Math.max(0, coarse - 8); lines <= coarse + 30; lines += 1) {
    const at = await render(lines);
    t.ok(at.footerPage > 0, `${name} +${lines}: Nơi nhận is printed`);
    t.ok(at.footerText.includes(last), `${name} +${lines}: the last paragraph is on the page of Nơi nhận (page ${at.footerPage})`);
    t.ok(
      at.footerText.includes('TRƯỞNG ĐOÀN') && at.footerText.includes('- Lưu: VT, ĐKT01.'),
      `${name} +${lines}: Nơi nhận and the signer's block are on one page`,
    );
    seen.add(`${at.pages}:${at.footerPage}:${at.lastFillerPage}`);
    if (at.lastFillerPage === 2) reachedPageTwo = true;
    if (reachedPageTwo && at.lastFillerPage === 2 && lines > coarse + 2) break;
  }
  t.ok(
    [...seen].some((key) => key.startsWith('1:1:')),
    `${name}: the sweep starts with everything on page 1`,
  );
  t.ok(reachedPageTwo, `${name}: and ends with body text before the closing block on page 2`);
}

t.test('a short results notice keeps its last paragraph with Nơi nhận and the signature at every break', async (t) => {
  await sweep(t, 'results notice', shortResultsNotice());
});

t.test('a one-visit notice keeps its last paragraph with Nơi nhận and the signature at every break', async (t) => {
  await sweep(t, 'notice', oneVisitNotice());
});

t.test('the Word file keeps the last paragraph with the closing block and never splits it', async (t) => {
  for (const content of [shortResultsNotice(), oneVisitNotice()]) {
    for (const lines of [0, 20, 40]) {
      const xml = docxParts(await documentDocx(padded(content, lines)))['word/document.xml']!;
      const paragraphs = xml.split('</w:p>');
      const lastIndex = paragraphs.findIndex((p) => p.includes(content.closing.at(-1)!));
      t.ok(lastIndex >= 0, 'the last paragraph is there');
      const lastParagraph = paragraphs[lastIndex]!;
      t.match(lastParagraph, /<w:keepNext\/>/, `${content.kind} +${lines}: the last paragraph keeps with the next (the closing block)`);
      t.match(lastParagraph, /<w:keepLines\/>/, `${content.kind} +${lines}: and is never split`);
      const footer = xml.slice(xml.lastIndexOf('<w:tbl>'));
      t.ok(footer.includes('Nơi nhận:') && footer.includes('TRƯỞNG ĐOÀN'), 'the last table is the closing block');
      t.match(footer, /<w:cantSplit\/>/, `${content.kind} +${lines}: its row never splits across pages`);
    }
  }
});
