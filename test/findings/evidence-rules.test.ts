import t from 'tap';
import { baseType, checkEvidenceType, cleanFileName, contentDisposition } from '../../src/findings/evidence/rules.js';

const allowed = ['application/pdf', 'image/png', 'image/jpeg', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'];

t.test('the declared type must be allowed and the bytes must match it', async (t) => {
  t.same(checkEvidenceType('application/pdf', Buffer.from('%PDF-1.7\n'), allowed), { ok: true, mimeType: 'application/pdf' });
  t.same(checkEvidenceType('Image/PNG; x=y', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), allowed), {
    ok: true,
    mimeType: 'image/png',
  });
  const exe = checkEvidenceType('application/pdf', Buffer.from('MZ\x90\x00'), allowed);
  t.equal(exe.ok, false, 'an executable named .pdf');
  t.match(exe, { reason: /không phải application\/pdf/ });
  const html = checkEvidenceType('text/html', Buffer.from('<html>'), allowed);
  t.match(html, { ok: false, reason: /text\/html.*không được nhận/ });
  t.equal(checkEvidenceType('application/vnd.openxmlformats-officedocument.wordprocessingml.document', Buffer.from('PK\x03\x04'), allowed).ok, true);
  t.equal(baseType(''), '');
});

t.test('download names keep Vietnamese and are safe in a header', async (t) => {
  const header = contentDisposition('Biên bản "kiểm tra" (1).pdf');
  t.match(header, /^attachment; filename="Bien ban _kiem tra_ \(1\)\.pdf"; filename\*=UTF-8''/);
  t.match(header, /Bi%C3%AAn%20b%E1%BA%A3n%20%22ki%E1%BB%83m%20tra%22%20%281%29\.pdf$/);
  t.equal(cleanFileName('C:\\Users\\a\\Đề án 06.docx'), 'Đề án 06.docx');
  t.equal(cleanFileName('../../etc/passwd'), 'passwd');
  t.equal(cleanFileName(undefined), 'tep-dinh-kem');
});
