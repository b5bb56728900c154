import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { fromRoot } from '../../src/paths.js';
import { tempDir, testConfig } from '../helpers/app.js';

// A broken outline file stops start-up with the file, the line and the field named.

async function startWith(t: Test, breakIt: (setDir: string) => void) {
  const dir = tempDir(t);
  const outlines = join(dir, 'outlines');
  cpSync(fromRoot('outlines'), outlines, { recursive: true });
  breakIt(join(outlines, 'quang-xuong-2023'));
  return buildApp(testConfig(dir, { outlinesDir: outlines }));
}

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`"${from}" not in ${file}`);
  writeFileSync(file, text.replace(from, to));
};
const lineOf = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

t.test('an empty item text names the file, its line and the field', async (t) => {
  let file = '';
  let line = 0;
  await t.rejects(
    startWith(t, (set) => {
      file = join(set, 'outline-A.yaml');
      line = lineOf(file, 'text: Kết quả làm sạch, cập nhật dữ liệu hội viên đoàn thể.');
      edit(file, 'text: Kết quả làm sạch, cập nhật dữ liệu hội viên đoàn thể.', 'text: ""');
    }),
    { name: 'OutlineFileError', message: new RegExp(`outline-A\\.yaml:${line}: items\\[2\\]\\.children\\[1\\]\\.text: `) },
  );
  t.ok(line > 0 && file !== '');
});

t.test('a YAML syntax error names the file and the line', async (t) => {
  await t.rejects(
    startWith(t, (set) => edit(join(set, 'blocks', 'y-te.yaml'), 'forOutline: A', 'forOutline: [A')),
    { name: 'OutlineFileError', message: /blocks\/y-te\.yaml:\d+: YAML không hợp lệ/ },
  );
});

t.test('a block listed in set.yaml without its file, or a duplicate id, stops start-up', async (t) => {
  await t.rejects(
    startWith(t, (set) => rmSync(join(set, 'blocks', 'gddt.yaml'))),
    { message: /blocks\/gddt\.yaml: thiếu tệp/ },
  );
  await t.rejects(
    startWith(t, (set) => edit(join(set, 'blocks', 'tnmt.yaml'), 'id: tnmt.q2', 'id: tnmt.q1')),
    { message: /blocks\/tnmt\.yaml: tnmt\.q1: mã mục đã dùng/ },
  );
  await t.rejects(
    startWith(t, (set) => edit(join(set, 'outline-B.yaml'), 'id: B.II.1', 'id: B.I.99')),
    { message: /outline-B\.yaml: B\.I\.99: mã mục phải bắt đầu bằng "B\.II\."/ },
  );
});

t.test('an unknown field is refused rather than ignored', async (t) => {
  await t.rejects(
    startWith(t, (set) => edit(join(set, 'blocks', 'khac.yaml'), 'forOutline: A', 'forOutline: A\nfooter: x')),
    { message: /blocks\/khac\.yaml:\d+: .*footer/ },
  );
});

t.test('with the parsed YAML kept from an earlier start, a file that fails validation still names its line', async (t) => {
  const dir = tempDir(t);
  const outlines = join(dir, 'outlines');
  cpSync(fromRoot('outlines'), outlines, { recursive: true });
  const file = join(outlines, 'quang-xuong-2023', 'outline-A.yaml');
  const config = testConfig(dir, { outlinesDir: outlines, cacheDir: join(dir, 'cache') });
  await (await buildApp(config)).close();
  t.ok(readdirSync(join(dir, 'cache')).some((name) => name.startsWith('yaml-')), 'the parsed files are kept');
  const line = lineOf(file, 'text: Kết quả làm sạch, cập nhật dữ liệu hội viên đoàn thể.');
  edit(file, 'text: Kết quả làm sạch, cập nhật dữ liệu hội viên đoàn thể.', 'text: ""');
  const expected = { name: 'OutlineFileError', message: new RegExp(`outline-A\\.yaml:${line}: items\\[2\\]\\.children\\[1\\]\\.text: `) };
  await t.rejects(buildApp(config), expected, 'first start after the edit (parsed now, kept: the YAML is valid)');
  await t.rejects(buildApp(config), expected, 'next start (from the kept parse)');
});
