import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { CalendarFileError, parseCalendarText, readCalendarFile } from '../../src/calendar/file.js';
import { shippedCalendarFile } from '../../src/calendar/service.js';
import { tempDir, testConfig } from '../helpers/app.js';
import { serviceBundle } from '../helpers/bundle.js';
import { REFERENCE } from '../helpers/calendar.js';
import { childEnv } from '../helpers/child.js';

const shippedText = readFileSync(shippedCalendarFile, 'utf8');

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

t.test('the shipped file: 2023–2026 confirmed, every day named with its legal basis', async (t) => {
  const file = readCalendarFile(shippedCalendarFile);
  t.same(
    file.years.map((y) => [y.year, y.confirmed]),
    [
      [2023, true],
      [2024, true],
      [2025, true],
      [2026, true],
    ],
  );
  for (const block of file.years) {
    const ref = REFERENCE[block.year]!;
    t.same(
      block.daysOff.map((d) => d.date.slice(5)),
      ref.off,
      `${block.year} days off`,
    );
    t.same(
      block.workingDays.map((d) => d.date.slice(5)),
      ref.worked,
      `${block.year} Saturdays worked`,
    );
    for (const e of [...block.daysOff, ...block.workingDays]) {
      t.ok(e.name === e.name.normalize('NFC') && !/ƣ/.test(e.name), `${e.date}: NFC, no ƣ`);
      t.match(e.legalBasis, /Bộ luật Lao động 2019|VPCP-KGVX|Văn phòng Chính phủ/, `${e.date}: ${e.legalBasis}`);
    }
  }
  t.equal(file.years.find((y) => y.year === 2026)!.announcedBy, 'Bộ Nội vụ');
  t.match(shippedText, /basisVerified cho biết/, 'the file says which citations are unverified');
});

t.test('a day off on a weekend is refused with the file, the line and the field', async (t) => {
  const broken = shippedText.replace('date: 2024-04-18', 'date: 2024-04-20');
  const line = lineOf(broken, 'date: 2024-04-20');
  const error = t.throws(() => parseCalendarText(broken, 'lich.yaml')) as unknown as CalendarFileError;
  t.type(error, CalendarFileError);
  t.match(error.message, `lich.yaml:${line}: years[1].daysOff[6].date: 2024-04-20 là ngày cuối tuần`);
  t.same(
    error.issues.map((i) => i.line),
    [line],
  );
});

t.test('impossible dates, duplicates, wrong years, missing fields and YAML errors name their line', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['date: 2025-01-28', 'date: 2025-02-30', /ngày không hợp lệ/],
    ['date: 2025-01-28', 'date: 2025-01-27', /trùng với years\[2\]\.daysOff\[1\]/],
    ['date: 2025-01-28', 'date: 2024-01-29', /không thuộc năm 2025/],
    ['date: 2024-05-04', 'date: 2024-05-06', /phải là ngày nghỉ cuối tuần/],
  ];
  for (const [from, to, message] of cases) {
    const broken = shippedText.replace(from, to);
    const line = lineOf(broken, to === 'date: 2025-01-27' ? `${to}\n        name: Nghỉ Tết Nguyên đán Ất Tỵ\n        legalBasis: *tet2025` : to);
    const error = t.throws(() => parseCalendarText(broken, 'x.yaml')) as unknown as CalendarFileError;
    t.match(error.message, message, to);
    t.ok(
      error.issues.some((i) => i.line === line),
      `${to} at line ${line}: ${error.message}`,
    );
  }
  const missing = shippedText.replace(
    '        name: Giỗ Tổ Hùng Vương\n        legalBasis: *law112\n        basisVerified: true\n      - date: 2024-04-29',
    '        legalBasis: *law112\n        basisVerified: true\n      - date: 2024-04-29',
  );
  const error = t.throws(() => parseCalendarText(missing, 'x.yaml')) as unknown as CalendarFileError;
  t.match(error.message, /years\[1\]\.daysOff\[6\]\.name/);
  t.equal(error.issues[0]!.line, lineOf(missing, 'date: 2024-04-18'), 'a missing key points at its entry');
  const syntax = t.throws(() =>
    parseCalendarText('format: vn-civil-service-calendar/v1\nyears:\n  - year: 2023\n   daysOff: [', 'y.yaml'),
  ) as unknown as CalendarFileError;
  t.match(syntax.message, /y\.yaml:4: YAML/);
});

t.test('start-up stops on a broken calendar file, naming the file and the line', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'lich.yaml');
  const broken = shippedText.replace('date: 2026-04-27', 'date: 2026-04-26');
  writeFileSync(file, broken);
  const line = lineOf(broken, 'date: 2026-04-26');
  await t.rejects(buildApp(testConfig(dir, { calendarFile: file })), {
    name: 'CalendarFileError',
    message: new RegExp(`lich\\.yaml:${line}: years\\[3\\]\\.daysOff\\[7\\]\\.date`),
  });
  await t.rejects(buildApp(testConfig(dir, { calendarFile: join(dir, 'missing.yaml') })), { message: /missing\.yaml: không đọc được tệp/ });

  const run = spawnSync(process.execPath, serviceBundle(), {
    env: childEnv({
      CALENDAR_FILE: file,
      DATABASE_FILE: join(dir, 'db.sqlite'),
      SEED_ON_START: 'false',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DEMO_TOKENS_FILE: join(dir, 't.env'),
    }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.equal(run.status, 1, 'the server exits with status 1');
  t.match(run.stderr, `start-up failed: lịch làm việc không hợp lệ`);
  t.match(run.stderr, `${file}:${line}: years[3].daysOff[7].date: 2026-04-26 là ngày cuối tuần`);
});
