import t from 'tap';
import { documentDocx } from '../../src/documents/docx.js';
import { buildNoticeContent } from '../../src/documents/notice-content.js';
import { fromRoot } from '../../src/paths.js';
import { createTemplates } from '../../src/render/templates.js';
import { docxLines, docxParts, htmlLines } from '../helpers/document-text.js';
import { noticeInput, visit } from '../helpers/documents.js';

const templates = createTemplates({ dir: fromRoot('templates') });

t.test('the Word notice has the same text as the HTML, paragraph by paragraph', async (t) => {
  const content = buildNoticeContent(noticeInput());
  const word = docxLines(await documentDocx(content));
  t.same(word, htmlLines(templates.render('notice', content)));
  t.same(word.slice(0, 2), ['TỔ CÔNG TÁC ĐỀ ÁN 06', 'HUYỆN QUẢNG XƯƠNG'], 'the parent body breaks before the district, between word groups');
  t.ok(word.includes('Số: 01/TB-ĐKT01'));
  t.equal(word.at(-1), 'Lê Văn Hùng', 'the signer closes the document');

  const draft = buildNoticeContent(noticeInput({ number: null }));
  t.same(docxLines(await documentDocx(draft)), htmlLines(templates.render('notice', draft)));
  t.ok(docxLines(await documentDocx(draft)).includes('Số:      /TB-ĐKT01'), 'a draft leaves the number blank');
});

t.test('the Word notice is A4 with legal margins, Times New Roman, Word headings and page numbers from page 2', async (t) => {
  const parts = docxParts(await documentDocx(buildNoticeContent(noticeInput())));
  const document = parts['word/document.xml']!;
  t.match(document, /<w:pgSz w:w="11906" w:h="16838"/, 'A4 portrait');
  t.match(document, /<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/, '20/15/20/30 mm');
  t.match(document, /<w:titlePg\/>/, 'the first page has its own (empty) header');
  const headers = Object.entries(parts)
    .filter(([name]) => /^word\/header\d\.xml$/.test(name))
    .map(([, xml]) => xml);
  t.equal(headers.filter((xml) => xml.includes('>PAGE<')).length, 1, 'one header carries the PAGE field');
  t.match(parts['word/styles.xml']!, /<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/);
  t.match(parts['word/styles.xml']!, /w:styleId="Heading1"[\s\S]*?<w:color w:val="000000"\/>/, 'headings are black Times New Roman');
  t.match(document, /<w:pStyle w:val="Heading1"\/>[\s\S]*?THÔNG BÁO/, 'the document type is Heading 1');
  t.equal(document.match(/<w:pStyle w:val="Heading2"\/>/g)?.length, 3, 'the three numbered sections are Heading 2');
  t.match(document, /<w:tblBorders><w:top w:val="none"/, 'the ND30 header is a borderless table');
});

t.test('names typed by users are text in Word too', async (t) => {
  const hostile = '<script>alert(1)</script>';
  const curly = 'Xã {{constructor}}';
  const content = buildNoticeContent(
    noticeInput({ visits: [visit({ id: 1, unitName: hostile, date: '2023-08-07' }), visit({ id: 2, unitName: curly, date: '2023-08-08' })] }),
  );
  const docx = await documentDocx(content);
  const lines = docxLines(docx);
  t.ok(lines.includes(hostile));
  t.ok(lines.includes(curly));
  t.notOk(docxParts(docx)['word/document.xml']!.includes('<script>'), 'escaped in the XML');
});
