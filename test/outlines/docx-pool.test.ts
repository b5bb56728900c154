import t from 'tap';
import type { OutlineDocument } from '../../src/outlines/document.js';
import { createDocxRenderer } from '../../src/outlines/docx-pool.js';
import { docxLines } from '../helpers/document-text.js';

const document: OutlineDocument = {
  documentTitle: 'Báo cáo thử',
  draft: false,
  header: { parentBody: 'UBND HUYỆN THỬ', issuingBody: 'PHÒNG NỘI VỤ', nationalTitle: 'CỘNG HÒA', motto: 'Độc lập', numberLine: 'Số:', placeDate: 'Thử' },
  docType: 'BÁO CÁO',
  subject: 'Kết quả thực hiện Đề án 06 tại Phòng Nội vụ',
  periodNote: '(Số liệu báo cáo được lấy trong năm 2024)',
  addressee: 'Kính gửi: Đoàn kiểm tra số 01',
  intro: [],
  body: [
    { level: 1, cls: 'heading', text: '1. Công tác chỉ đạo' },
    { level: 0, cls: 'write', text: '' },
  ],
  recipients: ['- Lưu: VT.'],
  signature: { authority: null, title: 'THỦ TRƯỞNG ĐƠN VỊ', name: null },
  headings: ['1. Công tác chỉ đạo'],
};

t.test('Word files are built in a worker thread, several at once', async (t) => {
  const docx = createDocxRenderer();
  t.teardown(() => docx.close());
  const files = await Promise.all([docx.render(document), docx.render({ ...document, subject: 'Thứ hai' })]);
  t.ok(docxLines(files[0]).includes('1. Công tác chỉ đạo'));
  t.ok(docxLines(files[1]).includes('Thứ hai'));
});

t.test('a worker that cannot load leaves the work to the main thread', async (t) => {
  const warnings: string[] = [];
  const docx = createDocxRenderer({ workerUrl: new URL('./no-such-worker.js', import.meta.url), log: { warn: (_o, m) => warnings.push(m) } });
  t.teardown(() => docx.close());
  t.ok(docxLines(await docx.render(document)).includes('BÁO CÁO'));
  t.ok(docxLines(await docx.render(document)).includes('BÁO CÁO'), 'and keeps doing so');
  t.same(warnings, ['docx worker failed']);
});
