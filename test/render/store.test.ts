import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { createFileStore } from '../../src/render/store.js';
import { tempDir } from '../helpers/app.js';

t.test('files are stored once by content hash and read back', async (t) => {
  const dir = tempDir(t);
  const store = createFileStore({ dir });
  const first = store.put(Buffer.from('%PDF-1.7 một'), 'pdf');
  const again = store.put(Buffer.from('%PDF-1.7 một'), 'pdf');
  t.same(again, first);
  t.match(first.hash, /^[0-9a-f]{64}$/);
  t.equal(store.get(first.hash, 'pdf')?.toString(), '%PDF-1.7 một');
  t.equal(store.get('0'.repeat(64), 'pdf'), null, 'a missing file is null, not an error');
  const folder = join(dir, 'renders', first.hash.slice(0, 2));
  t.same(readdirSync(folder), [`${first.hash}.pdf`], 'no temporary file left behind');
  t.equal(store.get('../../../../etc/passwd', 'pdf'), null, 'only hash names are ever opened');
});
