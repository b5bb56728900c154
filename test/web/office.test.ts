import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { addWorkingDays } from '../../src/calendar/rules.js';
import { checkPage, follow, launchBrowser, newPerson, signIn, startWebApp, text } from '../helpers/browser.js';
import { checklistReason, sampleDraft } from '../helpers/findings.js';
import { afterDeadline, announceSampleVisit, docxText, figureItem, officePath, readWorkbook, sheetRows } from '../helpers/office.js';

// The standing office's journey on the rehearsal campaign, in Chromium, the day after its window
// opened: it sees what is late, opens the timeline, registers a late target with a written reason,
// watches a conclusion published from another browser context appear in the feed page without
// reloading, exports the schedule, the recommendations and the figures and reads them back, reads
// the Word summary back, adds and removes a local day off, and reads a visit's audit trail.

const actor = systemActor('test');

/** A file downloaded by the page itself (its session cookie), as bytes. */
async function fetchBytes(page: Page, href: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const got = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { status: response.status, type: response.headers.get('content-type'), bytes: Array.from(new Uint8Array(await response.arrayBuffer())) };
  }, href);
  return { ...got, bytes: Buffer.from(got.bytes) };
}

// A long journey (seven pages at two widths under axe-core, a PDF, four downloads) on a machine
// shared with other test files: its own time limit, above tap's default for a file.
t.setTimeout(420_000);

t.test('the standing office runs the round from its desk', async (t) => {
  const web = await startWebApp(t);
  const browser = await launchBrowser(t);
  const campaign = web.rehearsal;
  const { today } = afterDeadline(web);
  const { services } = web;

  // Two units report figures on the same question, for the office to add up.
  const item = figureItem(web, 'p-tckh');
  services.outlines.saveSelfReport(actor, campaign, 'p-tckh', { [item]: { text: 'Đã thực hiện.', figures: { 'Số hồ sơ': 120 } } }, { replace: false });
  services.outlines.saveSelfReport(actor, campaign, 'p-ldtbxh', { [item]: { figures: { 'Số hồ sơ': 80, 'Tỷ lệ (%)': 87.5 } } }, { replace: false });

  const office = await newPerson(browser);
  await signIn(office.page, `${web.url}${officePath(web)}`);
  t.match(office.page.url(), new RegExp(`/dot/${campaign}$`), 'the office lands on the dashboard');
  const late = await text(office.page, '#can-registration');
  t.match(late, /chưa có lịch sau hạn đăng ký: 38/, 'targets without a date after the deadline, counted');
  t.match(late, /Đoàn 01 · .+: chưa có lịch kiểm tra — hạn cuối/, 'each with its team and the last day');
  t.match(await text(office.page, '#can-notice'), /chưa có thông báo kiểm tra/, 'visits whose notice is late');
  t.match(await text(office.page, 'main'), /Theo đoàn[\s\S]*Đoàn kiểm tra số 05/, 'counts per team');
  await checkPage(t, office.page, 'office-dashboard');

  // The timeline, and its PDF.
  await follow(office.page, 'nav.office-nav a[href$="/toan-canh"]');
  const bars = await office.page.$$eval('.timeline-frame svg g title', (titles) => titles.map((x) => x.textContent ?? ''));
  t.equal(bars.length, 3, 'the three visits of the rehearsal as bars');
  t.match(bars.join('\n'), /Đoàn kiểm tra số 02 · Bảo hiểm xã hội huyện/);
  t.ok(await office.page.$('.timeline-frame svg line[stroke-dasharray]'), 'deadlines drawn as lines');
  await checkPage(t, office.page, 'office-timeline');
  await follow(office.page, 'a[href="?theo=don-vi"]');
  const rows = await office.page.$$eval('.timeline-frame svg > text[font-size="11"]', (labels) => labels.map((x) => x.textContent ?? ''));
  t.equal(rows.length, 41, 'by unit: a row per target');
  t.ok(
    rows.some((r) => /^Đoàn \d\d · Phòng Nông nghiệp và Phát triển nông thôn$/.test(r)),
    'each with its whole name, none cut',
  );
  await checkPage(t, office.page, 'office-timeline-units');
  const pdf = await fetchBytes(office.page, `${web.url}/dot/${campaign}/toan-canh.pdf`);
  t.equal(pdf.type, 'application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'timeline-'));
  writeFileSync(join(dir, 't.pdf'), pdf.bytes);
  const pdfText = execFileSync('pdftotext', ['-layout', join(dir, 't.pdf'), '-'], { encoding: 'utf8' });
  t.match(pdfText, /TOÀN CẢNH LỊCH KIỂM TRA/);
  t.match(execFileSync('pdfinfo', [join(dir, 't.pdf')], { encoding: 'utf8' }), /Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/, 'A4 landscape');

  // A late registration, overridden with a written reason from the board.
  await office.page.goto(`${web.url}/dot/${campaign}`);
  const target = await office.page.$eval('#can-registration li a', (a) => a.href);
  const unitId = /#don-vi-(.+)$/.exec(target)![1]!;
  await office.page.goto(target);
  const cells = await office.page.$$(`#don-vi-${unitId} td.blocked a[href*="lich/chon"]`);
  t.ok(cells.length > 0, 'after the deadline every cell of the row is closed, and the office may still choose one');
  await Promise.all([office.page.waitForNavigation(), cells.at(-1)!.click()]);
  const refusal = await text(office.page);
  t.match(refusal, /Không đăng ký được buổi này[\s\S]*REGISTRATION_CLOSED/, 'the check says why');
  t.notMatch(refusal, /Trùng lịch/, 'a closed deadline is not called a clash');
  await office.page.type('#ly_do', 'Đơn vị đề nghị kiểm tra sau kỳ họp HĐND huyện; Trưởng đoàn đồng ý.');
  await checkPage(t, office.page, 'office-override');
  await follow(office.page, 'form button.primary');
  t.match(await text(office.page, '#ket-qua'), /Đã đăng ký buổi kiểm tra/);
  const overridden = services.schedule.listForUnit(campaign, unitId)[0]!;
  t.equal(overridden.overrideReason, 'Đơn vị đề nghị kiểm tra sau kỳ họp HĐND huyện; Trưởng đoàn đồng ý.', 'saved with its reason');
  t.ok(overridden.overriddenCodes.includes('REGISTRATION_CLOSED'));

  // The audit trail of that visit.
  await office.page.goto(`${web.url}/dot/${campaign}/nhat-ky?buoi=${overridden.id}`);
  t.match(await text(office.page), /Đăng ký lịch vượt quy định[\s\S]*sau kỳ họp HĐND huyện/, 'who did it, what and why');
  await checkPage(t, office.page, 'office-audit');

  // The feed page follows a conclusion published from another browser context, without reloading.
  await office.page.goto(`${web.url}/dot/${campaign}/ket-luan`);
  await office.page.waitForFunction(() => document.getElementById('truc-tiep')?.textContent?.includes('Đang theo dõi'));
  // Team 02 announced its visit by a notice in time (only a notice makes a visit notified).
  const visit = announceSampleVisit(web);
  const token = services.auth.create({ role: 'leader', label: 'Trưởng Đoàn 02', campaignId: campaign, teamNumber: 2 }, actor).token;
  const leader = await newPerson(browser);
  await leader.page.goto(`${web.url}/dang-nhap`);
  const published = await leader.page.evaluate(
    async ({ campaignId, visitId, token, draft, checklistReason }) => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const base = `/campaigns/${campaignId}/visits/${visitId}`;
      const saved = await fetch(`${base}/conclusion/draft`, { method: 'PUT', headers, body: JSON.stringify(draft) });
      const publish = await fetch(`${base}/conclusion/publish`, {
        method: 'POST',
        headers: { ...headers, 'if-match': saved.headers.get('etag')! },
        body: JSON.stringify({ checklistReason }),
      });
      return [saved.status, publish.status];
    },
    {
      campaignId: campaign,
      visitId: visit.id,
      token,
      checklistReason,
      draft: { ...sampleDraft, recommendations: [{ text: 'Cập nhật dữ liệu dân cư cho hồ sơ bảo hiểm.', dueDate: today }] },
    },
  );
  t.same(published, [201, 200], 'team 02 publishes its conclusion');
  await office.page.waitForFunction(() => document.querySelector('#dong-ket-luan li.new')?.textContent?.includes('Bảo hiểm xã hội huyện'), { timeout: 15_000 });
  const entry = await text(office.page, '#dong-ket-luan li.new');
  t.match(
    entry,
    /Kết luận được ban hành[\s\S]*Đoàn kiểm tra số 02[\s\S]*Đơn vị đã ban hành kế hoạch/,
    'the new entry: what, unit, team and the conclusion in brief',
  );
  const publishedAt = await text(office.page, '#dong-ket-luan li.new time');
  t.match(publishedAt, /^09:00 ngày \d\d\/\d\d\/\d{4}$/, "its time, in Hà Nội's zone on the service's clock");
  t.equal(await text(office.page, '#truc-tiep'), `Vừa có 1 kết luận mới, mới nhất lúc ${publishedAt}.`, 'announced to screen readers, with that time');
  await checkPage(t, office.page, 'office-feed');

  // Exports, read back.
  await follow(office.page, 'nav.office-nav a[href$="/xuat"]');
  await checkPage(t, office.page, 'office-exports');
  const schedule = await fetchBytes(office.page, `${web.url}/dot/${campaign}/xuat/lich-kiem-tra.xlsx`);
  t.equal(schedule.status, 200);
  const scheduleRows = sheetRows((await readWorkbook(schedule.bytes)).worksheets[0]!);
  const visits = services.schedule.listForCampaign(campaign);
  t.equal(scheduleRows.length, visits.length + 1, 'a row per visit under the header');
  t.equal(scheduleRows[0]![3], 'Ngày kiểm tra');
  const dated = scheduleRows.slice(1).map((r) => (r[3] as Date).toISOString().slice(0, 10));
  t.same(
    dated,
    visits.map((v) => v.date),
    'real dates, in the schedule’s order',
  );
  t.ok(
    scheduleRows.slice(1).some((r) => r[11] === overridden.overrideReason),
    'the override reason is in the sheet',
  );

  const recs = await fetchBytes(office.page, `${web.url}/dot/${campaign}/xuat/kien-nghi.xlsx`);
  const recRows = sheetRows((await readWorkbook(recs.bytes)).worksheets[0]!);
  t.equal(recRows.length, 2, 'one recommendation');
  t.match(String(recRows[1]![3]), /Cập nhật dữ liệu dân cư/);
  t.equal(recRows[1]![4], 'Bảo hiểm xã hội huyện', 'its owner');
  t.equal((recRows[1]![5] as Date).toISOString().slice(0, 10), today, 'its due date, a real date');

  const figures = await fetchBytes(office.page, `${web.url}/dot/${campaign}/xuat/so-lieu-bao-cao.xlsx`);
  const figureRows = sheetRows((await readWorkbook(figures.bytes)).worksheets[0]!);
  const count = figureRows.find((r) => r[4] === 'Số hồ sơ')!;
  t.equal(count[5], 200, 'figures summed across units');
  t.equal(count[6], 2, 'from two units');
  t.equal(figureRows.find((r) => r[4] === 'Tỷ lệ (%)')![5], 87.5);

  const summary = await fetchBytes(office.page, `${web.url}/dot/${campaign}/xuat/bao-cao-tong-hop.docx`);
  const words = docxText(summary.bytes);
  for (const n of ['01', '02', '03', '04', '05']) t.match(words, new RegExp(`Đoàn kiểm tra số ${n}`), `the summary names team ${n}`);
  t.match(words, /BÁO CÁO[\s\S]*Tổng hợp kết quả/);
  t.match(words, /Bảo hiểm xã hội huyện[^\n]*Đơn vị đã ban hành kế hoạch/, 'conclusions in brief');
  t.match(words, /1 kiến nghị đã quá hạn|0 kiến nghị đã quá hạn/);

  // A local day off, added and removed.
  await follow(office.page, 'nav.office-nav a[href$="/ngay-nghi"]');
  const dayOff = addWorkingDays(services.calendar.forCampaign(campaign), today, 5);
  await office.page.evaluate((d) => ((document.getElementById('ngay') as HTMLInputElement).value = d), dayOff);
  await office.page.type('#ten', 'Nghỉ lễ hội truyền thống của huyện');
  await follow(office.page, 'form[action$="/ngay-nghi"] button.primary');
  t.match(await text(office.page, '#ket-qua'), /Đã thêm ngày nghỉ riêng/);
  t.equal(services.calendar.forCampaign(campaign).daysOff.get(dayOff)?.name, 'Nghỉ lễ hội truyền thống của huyện', 'the calendar has it');
  await checkPage(t, office.page, 'office-days-off');
  await follow(office.page, `form[action$="/ngay-nghi/${dayOff}/bo"] button`);
  t.match(await text(office.page, '#ket-qua'), /Đã bỏ ngày nghỉ riêng/);
  t.notOk(services.calendar.forCampaign(campaign).daysOff.has(dayOff), 'and it is gone');
});
