import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { buildNoticeContent } from '../../src/documents/notice-content.js';
import { fromRoot } from '../../src/paths.js';
import { createTemplates, TemplateError } from '../../src/render/templates.js';
import { contentCache } from '../../src/text/content-cache.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { htmlLines, flat } from '../helpers/document-text.js';
import { noticeInput, visit } from '../helpers/documents.js';

const shipped = fromRoot('templates');

/** A copy of templates/ with one file replaced, to break it on purpose. */
function brokenCopy(t: Test, file: string, source: string): string {
  const dir = join(tempDir(t), 'templates');
  cpSync(shipped, dir, { recursive: true });
  writeFileSync(join(dir, file), source);
  return dir;
}

t.test('every shipped template compiles and renders a notice as a complete ND30 document', async (t) => {
  const templates = createTemplates({ dir: shipped });
  t.same(templates.names().sort(), ['invitation-sheet', 'notice', 'results-notice', 'team-report', 'timeline', 'timeline-figure']);
  const html = templates.render('notice', buildNoticeContent(noticeInput()));
  const text = flat(htmlLines(html).join(' '));
  for (const expected of [
    'TỔ CÔNG TÁC ĐỀ ÁN 06 HUYỆN QUẢNG XƯƠNG',
    'ĐOÀN KIỂM TRA SỐ 01',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Số: 01/TB-ĐKT01',
    'Quảng Xương, ngày 28 tháng 7 năm 2023',
    'THÔNG BÁO',
    'Thứ Năm, ngày 03/8/2023',
    'Nơi nhận:',
    '- Lưu: VT, ĐKT01.',
    'TRƯỞNG ĐOÀN',
    'Lê Văn Hùng',
  ]) {
    t.ok(text.includes(expected), `contains ${expected}`);
  }
  t.match(html, /<style>[\s\S]*size: A4 portrait[\s\S]*<\/style>/, 'print.css is inlined: the renderer fetches nothing');
});

t.test('names typed by users come out as text, never markup or template code', async (t) => {
  const templates = createTemplates({ dir: shipped });
  const hostile = '<script>alert(1)</script>';
  const curly = 'Xã {{constructor}} {{#each this}}x{{/each}}';
  const content = buildNoticeContent(
    noticeInput({ visits: [visit({ id: 1, unitName: hostile, date: '2023-08-07' }), visit({ id: 2, unitName: curly, date: '2023-08-08' })] }),
  );
  const html = templates.render('notice', content);
  t.notOk(html.includes('<script>'), 'no script element');
  t.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the name is escaped');
  t.ok(htmlLines(html).includes(hostile), 'and reads back as the same text');
  t.ok(htmlLines(html).includes(curly), '{{constructor}} is printed literally, not evaluated');
});

t.test('strict mode: a field missing from the data is an error, not a blank in an official document', async (t) => {
  const templates = createTemplates({ dir: shipped });
  const content = buildNoticeContent(noticeInput()) as unknown as Record<string, unknown>;
  delete content['subject'];
  t.throws(() => templates.render('notice', content), /"subject" not defined/);
});

t.test('a broken template stops start-up with the file named', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['notice.hbs', '{{#> document}}{{#each intro}}<p>{{this}}</p>{{/document}}', /notice\.hbs: .*Parse error|notice\.hbs: .*each/],
    ['results-notice.hbs', '{{shout subject}}', /results-notice\.hbs: .*unknown helper shout/],
    ['team-report.hbs', '{{> no-such-partial}}', /team-report\.hbs: unknown partial "no-such-partial"/],
    ['partials/signature.hbs', '{{#if title}}', /partials\/signature\.hbs: /],
  ];
  for (const [file, source, message] of cases) {
    const dir = brokenCopy(t, file, source);
    t.throws(() => createTemplates({ dir }), message, file);
    t.throws(() => createTemplates({ dir }), TemplateError);
    await t.rejects(buildTestApp(t, { seed: false, config: { templatesDir: dir } }), message, `the app refuses to start: ${file}`);
  }
});

t.test('date and text helpers print Nghị định 30 dates, and their output is escaped like any value', async (t) => {
  const dir = join(tempDir(t), 'templates');
  cpSync(shipped, dir, { recursive: true });
  writeFileSync(
    join(dir, 'probe.hbs'),
    '{{documentDate d}}|{{placeDateLine p d}}|{{weekdayDate d}}|{{weekdayName d}}|{{sessionName s}}|{{twoDigits n}}|' +
      '{{#each list}}{{ordinal @index}}{{/each}}|{{upper p}}|{{#if (eq n 5)}}năm{{/if}}|{{#if (not missing)}}không{{/if}}',
  );
  const templates = createTemplates({ dir });
  const out = templates.render('probe', { d: '2024-01-05', p: 'Quảng <Xương>', s: 'chieu', n: 5, list: ['a', 'b'], missing: null });
  t.equal(
    out,
    'ngày 05 tháng 01 năm 2024|Quảng &lt;Xương&gt;, ngày 05 tháng 01 năm 2024|Thứ Sáu, ngày 05/01/2024|Thứ Sáu|chiều|05|12|QUẢNG &lt;XƯƠNG&gt;|năm|không',
  );
});

t.test('checked templates are remembered by content: a template broken later still stops start-up', async (t) => {
  const cacheDir = join(tempDir(t), 'cache');
  const cache = contentCache(cacheDir);
  const dir = join(tempDir(t), 'templates');
  cpSync(shipped, dir, { recursive: true });
  t.ok(createTemplates({ dir, cache }).has('notice'));
  t.equal(readdirSync(cacheDir).filter((name) => name.startsWith('templates-')).length, 1, 'the check is kept');
  t.ok(createTemplates({ dir, cache }).has('notice'), 'the same sources start from the kept check');
  writeFileSync(join(dir, 'team-report.hbs'), '{{> no-such-partial}}');
  t.throws(() => createTemplates({ dir, cache }), /team-report\.hbs: unknown partial "no-such-partial"/);
  t.throws(() => createTemplates({ dir, cache }), TemplateError, 'and at every start after');
  t.equal(readdirSync(cacheDir).filter((name) => name.startsWith('templates-')).length, 1, 'nothing kept for the broken set');
});
