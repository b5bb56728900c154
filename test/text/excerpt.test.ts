import t from 'tap';
import { excerpt } from '../../src/text/excerpt.js';

t.test('a short text is kept whole, its spacing flattened', async (t) => {
  t.equal(excerpt('  Đơn vị đã ban hành\n\nkế hoạch.  ', 40), 'Đơn vị đã ban hành kế hoạch.');
  t.equal(excerpt('Mười ký tự', 10), 'Mười ký tự', 'exactly the limit: nothing left out');
});

t.test('a long text is cut at the last word that fits, without trailing punctuation, and says so', async (t) => {
  const text = 'Đã ban hành kế hoạch, phân công cán bộ phụ trách; tuyên truyền đến người dân.';
  t.equal(excerpt(text, 24), 'Đã ban hành kế hoạch…', 'the comma before the cut goes');
  t.equal(excerpt(text, 52), 'Đã ban hành kế hoạch, phân công cán bộ phụ trách…', 'and the semicolon');
  for (const limit of [10, 24, 40, 60]) t.ok(excerpt(text, limit).length <= limit + 1, `at most ${limit} characters and "…"`);
});

t.test('a word longer than half the limit is cut where the limit falls', async (t) => {
  t.equal(excerpt(`Số ${'1'.repeat(30)}`, 12), `Số ${'1'.repeat(9)}…`);
});
