import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer';
import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { addDays, workingDaysLeft } from '../../src/calendar/rules.js';
import { sessionName, shortDate, weekdayName } from '../../src/text/dates.js';
import { checkPage, follow, launchBrowser, newPerson, signIn, startWebApp, text, type WebApp } from '../helpers/browser.js';
import { announcedVisit, onItsDay } from '../helpers/visit-day.js';

// Both journeys of issue 13 on the rehearsal campaign, in Chromium, in the order they happen: the
// inspected unit (Phòng Tài chính - Kế hoạch) downloads its outline and fills its report over two
// sessions, submits it and uploads the signed scan; on the day, a member unit of team 01 fills the
// checklist with a photo and a PDF; the leader publishes the conclusion and issues the results notice
// and the team report; the unit reads the conclusion and answers a recommendation. Another unit's
// person reaches none of it.

const office = systemActor('test');

// The longest journey of the suite (six pages at two widths under axe-core, pages of a hundred fields,
// four PDFs) on a machine shared with other test files: its own time limit, above tap's default.
t.setTimeout(600_000);

/** A person's single-use sign-in link (a new one for each session). */
function linkFor(web: WebApp, personId: number): string {
  return `${web.url}/moi/${web.services.people.invite(web.rehearsal, personId, office).code}`;
}

async function download(page: Page, href: string): Promise<{ type: string | null; bytes: Buffer }> {
  const got = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { type: response.headers.get('content-type'), bytes: Array.from(new Uint8Array(await response.arrayBuffer())) };
  }, href);
  return { type: got.type, bytes: Buffer.from(got.bytes) };
}

function pdfText(dir: string, bytes: Buffer): string {
  const file = join(dir, `f${Math.random().toString(16).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Waits until the status line of an item saved by the page's script says it was saved (or refused). */
async function savedState(page: Page, selector: string, expected: RegExp): Promise<string> {
  await page.waitForFunction(
    (sel, source) => new RegExp(source).test(document.querySelector(sel)?.textContent ?? ''),
    { timeout: 10_000 },
    selector,
    expected.source,
  );
  return page.$eval(selector, (el) => el.textContent ?? '');
}

t.test('the inspected unit reports, the team inspects and concludes, the unit follows up', async (t) => {
  const web = await startWebApp(t);
  const browser = await launchBrowser(t);
  const campaign = web.rehearsal;
  const dir = mkdtempSync(join(tmpdir(), 'inspection-day-'));
  const visit = announcedVisit(web, 'p-tckh');
  const unitPerson = web.services.people.create(campaign, { name: 'Hoàng Thị Dung', role: 'unit', unitId: 'p-tckh' }, office).id;

  await t.test('the unit downloads its outline and fills its report over two sessions, submits it and uploads the signed scan', async (t) => {
    const first = await newPerson(browser);
    await signIn(first.page, linkFor(web, unitPerson));
    t.match(first.page.url(), new RegExp(`/dot/${campaign}/don-vi/p-tckh$`));
    const home = await text(first.page);
    t.match(home, /Báo cáo cần sẵn sàng trước buổi kiểm tra ngày[\s\S]*còn \d+ ngày làm việc/, 'the deadline in working days left');
    t.match(home, /Đề cương A, \*\) Đối với Phòng Tài chính - Kế hoạch/, 'outline A with its department block');
    const row = await first.page.$eval('table.list tbody tr', (tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim()));
    t.same(
      row.slice(0, 4),
      [
        `${weekdayName(visit.date)}, ${shortDate(visit.date)}`,
        `${sessionName(visit.session)} (${visit.startTime}–${visit.endTime})`,
        web.services.campaigns.team(campaign, 1).name,
        visit.place,
      ],
      'its visit: date, session, team and place',
    );
    t.match(home, /Thông báo kiểm tra \(1\)\s+Thông báo số 01\/TB-ĐKT01/, 'the notice that concerns it, to download');
    await checkPage(t, first.page, 'unit-home');

    const word = await download(first.page, await first.page.$eval('a[href$="/de-cuong/docx"]', (a) => a.href));
    t.equal(word.type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'the outline in Word');
    t.equal(word.bytes.subarray(0, 2).toString(), 'PK');
    const pdf = await download(first.page, await first.page.$eval('a[href$="/de-cuong/pdf"]', (a) => a.href));
    t.equal(pdf.type, 'application/pdf', 'and in PDF');
    t.match(pdfText(dir, pdf.bytes), /BÁO CÁO[\s\S]*Kết quả thực hiện Đề án 06 tại Phòng Tài chính - Kế hoạch/, 'the outline to fill, with the unit named');

    await follow(first.page, 'a[href$="/bao-cao"]');
    await checkPage(t, first.page, 'self-report');
    // Typed, and saved by the page's script as it is typed.
    await first.page.type('#nd-A-1-1', 'Đã ban hành Kế hoạch số 12/KH-TCKH ngày 10/3/2022.');
    t.match(await savedState(first.page, '#muc-A-1-1 .save-state', /Đã lưu lúc/), /Đã lưu lúc \d\d:\d\d/, 'saved as typed');
    await first.page.type('#tsl-A-2-b2-0', 'Số tin bài');
    await first.page.type('#sl-A-2-b2-0', 'mười hai');
    t.match(
      await savedState(first.page, '#muc-A-2-b2 .save-state', /không phải là số/),
      /“mười hai” không phải là số/,
      'a figure that is not a number is refused',
    );
    await first.page.$eval('#sl-A-2-b2-0', (el) => ((el as HTMLInputElement).value = ''));
    await first.page.type('#sl-A-2-b2-0', '1.520');
    await savedState(first.page, '#muc-A-2-b2 .save-state', /Đã lưu lúc/);
    await first.context.close();

    const second = await newPerson(browser);
    await signIn(second.page, linkFor(web, unitPerson));
    await second.page.goto(`${web.url}/dot/${campaign}/don-vi/p-tckh/bao-cao`);
    t.equal(
      await second.page.$eval('#nd-A-1-1', (el) => (el as HTMLTextAreaElement).value),
      'Đã ban hành Kế hoạch số 12/KH-TCKH ngày 10/3/2022.',
      'what the first session typed is there',
    );
    t.equal(await second.page.$eval('#sl-A-2-b2-0', (el) => (el as HTMLInputElement).value), '1.520', 'the figure too, written the Vietnamese way');
    t.same(
      web.services.outlines.selfReport(office, campaign, 'p-tckh').answers['A.2.b2']!.figures,
      { 'Số tin bài': 1520 },
      'stored as a number the office can add up',
    );
    // A second tab, opened before the first one saves the same item.
    const tab = await second.context.newPage();
    await tab.setViewport({ width: 1366, height: 768 });
    await tab.goto(`${web.url}/dot/${campaign}/don-vi/p-tckh/bao-cao`);
    // A tab in the background runs no animation frames (Puppeteer's clicks wait for one).
    await second.page.bringToFront();
    // Without the script: the section's own button.
    await second.page.click('#kps-A-3-b1');
    await second.page.type('#nd-A-3-b2', 'Không có hội viên đoàn thể thuộc phòng.');
    await follow(second.page, '#phan-A-3 button[type=submit]');
    t.match(await text(second.page, '.notice.ok'), /Đã lưu/);
    t.match(web.services.outlines.selfReport(office, campaign, 'p-tckh').answers['A.3.b1'], { notApplicable: true }, '"không phát sinh" is kept');
    await tab.bringToFront();
    await tab.type('#nd-A-3-b2', 'Phòng có 2 đoàn viên.');
    t.match(
      await savedState(tab, '#muc-A-3-b2 .save-state', /vừa được/),
      /Mục A\.3\.b2 vừa được Hoàng Thị Dung \(Đơn vị được kiểm tra\) lưu sau khi bạn mở trang; những gì bạn nhập chưa được lưu/,
      'the later tab is told, not silently saved over',
    );
    t.equal(
      web.services.outlines.selfReport(office, campaign, 'p-tckh').answers['A.3.b2']!.text,
      'Không có hội viên đoàn thể thuộc phòng.',
      'the earlier save stands',
    );
    await tab.close();
    await second.page.bringToFront();

    await follow(second.page, '#nop button.primary');
    const refused = await text(second.page, '#nop');
    t.match(refused, /Chưa nộp: báo cáo còn \d+ mục để trống/, 'submitting with empty items lists them');
    t.match(refused, /mục A\.1\.2\.b1 chưa có nội dung/);
    await second.page.click('#xac_nhan');
    await follow(second.page, '#nop button.primary');
    t.match(await text(second.page, '.notice.ok'), /Đã nộp báo cáo/);
    t.equal(await second.page.$('textarea[name^="noi_dung:"]'), null, 'read-only once submitted');
    const scan = join(dir, 'Báo cáo đã ký.pdf');
    writeFileSync(scan, await second.page.pdf({ format: 'A4' }));
    const input = (await second.page.$('#tep-ban-ky')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(scan);
    await follow(second.page, '#ban-ky button[type=submit]');
    t.match(await text(second.page, '.notice.ok'), /Đã tải lên bản báo cáo có chữ ký, đóng dấu/);
    t.match(await text(second.page, '#ban-ky'), /Báo cáo đã ký\.pdf/);
    await checkPage(t, second.page, 'self-report-submitted');
    const report = web.services.outlines.selfReport(office, campaign, 'p-tckh');
    t.match(report, { status: 'submitted', submission: { by: 'Hoàng Thị Dung' }, signedScan: { fileName: 'Báo cáo đã ký.pdf' } });
    await second.context.close();
  });

  onItsDay(web, visit);
  const photo = join(dir, 'anh-bien-ban.png');
  const paper = join(dir, 'bien-ban-lam-viec.pdf');

  await t.test('on the day, a member unit of team 01 fills the checklist with a photo and a PDF', async (t) => {
    const member = web.services.people.create(campaign, { name: 'Phạm Văn Cường', role: 'member', unitId: 'bhxh' }, office).id;
    const { page } = await newPerson(browser);
    await signIn(page, linkFor(web, member));
    await page.screenshot({ path: photo, clip: { x: 0, y: 0, width: 120, height: 90 } });
    writeFileSync(paper, await page.pdf({ format: 'A4' }));
    // A second tab on the same visit, opened before the first one saves.
    const tab = await page.browserContext().newPage();
    await tab.setViewport({ width: 1366, height: 768 });
    await tab.goto(`${web.url}/dot/${campaign}/buoi/${visit.id}/kiem-tra`);
    await page.bringToFront();
    await follow(page, `a[href$="/buoi/${visit.id}/kiem-tra"]`);
    t.match(await text(page, 'h1'), /Kiểm tra tại Phòng Tài chính - Kế hoạch/);
    t.match(await text(page, '[data-tien-do]'), /Đã đánh giá 0\/20 nội dung/);

    await page.click('input[id="muc-II.1-dat"]');
    t.match(await savedState(page, 'article[id="muc-II.1"] .save-state', /Đã lưu lúc/), /Đã lưu lúc/, 'the result is saved as it is chosen');
    await page.type('textarea[id="muc-II.1-ghi-chu"]', 'Đã ban hành kế hoạch; có biên bản họp triển khai.');
    await savedState(page, 'article[id="muc-II.1"] .save-state', /Đã lưu lúc/);
    await page.waitForFunction(() => /1\/20/.test(document.querySelector('[data-tien-do]')?.textContent ?? ''));
    t.match(web.services.findings.checklist.get(office, campaign, visit.id).sections[0]!.items[0]!.answer, {
      result: 'dat',
      note: 'Đã ban hành kế hoạch; có biên bản họp triển khai.',
    });
    await tab.bringToFront();
    await tab.type('textarea[id="muc-II.1-ghi-chu"]', 'Chưa có kế hoạch.');
    t.match(
      await savedState(tab, 'article[id="muc-II.1"] .save-state', /vừa được/),
      /Nội dung này vừa được Phạm Văn Cường \(Đơn vị thành viên đoàn\) lưu lúc \d\d:\d\d \(kết quả: Đạt; ghi chú: Đã ban hành kế hoạch/,
      'the later tab shows what the earlier one saved',
    );
    t.match(
      web.services.findings.checklist.get(office, campaign, visit.id).sections[0]!.items[0]!.answer,
      { note: 'Đã ban hành kế hoạch; có biên bản họp triển khai.' },
      'and did not save over it',
    );
    await tab.close();
    await page.bringToFront();

    const camera = (await page.$('input[id="muc-II.1-chup"]')) as ElementHandle<HTMLInputElement>;
    t.equal(await camera.evaluate((el) => `${el.getAttribute('accept')} ${el.hasAttribute('capture')}`), 'image/* true', 'the camera input of a phone');
    await camera.uploadFile(photo);
    const chooser = (await page.$('input[id="muc-II.1-tep"]')) as ElementHandle<HTMLInputElement>;
    await chooser.uploadFile(paper);
    await page.waitForSelector('article[id="muc-II.1"] .preview img');
    await follow(page, 'article[id="muc-II.1"] form.upload button[type=submit]');
    t.match(await text(page, '.notice.ok'), /Đã tải lên/);
    const thumbs = await page.$$eval('article[id="muc-II.1"] .thumbs li', (items) => items.map((li) => li.textContent?.trim()));
    t.equal(thumbs.length, 2, 'the photo and the PDF are listed');
    await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('article[id="muc-II.1"] .thumbs img')?.naturalWidth ?? 0) > 0);
    t.ok(true, 'the photo shows as a thumbnail');
    t.match(thumbs.join(' '), /bien-ban-lam-viec\.pdf/);
    await checkPage(t, page, 'visit-day');
    t.equal((await page.goto(`${web.url}/dot/${campaign}/doan/1/ket-qua`))?.status(), 404, 'a member unit does not issue the team’s documents');
  });

  await t.test('the leader publishes the conclusion and issues the results notice and the team report', async (t) => {
    const leader = web.services.people.create(campaign, { name: 'Nguyễn Văn An', role: 'leader', teamNumber: 1 }, office).id;
    const { page } = await newPerson(browser);
    await signIn(page, linkFor(web, leader));
    await page.goto(`${web.url}/dot/${campaign}/buoi/${visit.id}/kiem-tra#ket-luan`);
    t.match(await text(page, '.card'), /Báo cáo của đơn vị\s*Đã nộp lúc/, 'the team sees that the report was submitted');
    await page.type('#ket_qua', 'Đơn vị đã ban hành kế hoạch và phân công cán bộ phụ trách.');
    await page.type('#ton_tai', 'Tỷ lệ hồ sơ trực tuyến còn thấp.');
    await page.type('#kn-0', 'Đẩy mạnh hướng dẫn người dân nộp hồ sơ trực tuyến.');
    await page.$eval('#kn-han-0', (el, value) => ((el as HTMLInputElement).value = value), '2027-03-31');
    await follow(page, '#ket-luan form[action$="/ket-luan#ket-luan"] button[type=submit]');
    t.match(await text(page, '#ket-luan'), /Đã lưu dự thảo kết luận/);
    t.match(await text(page, 'label[for=ly_do_danh_muc]'), /Danh mục mới có kết quả 1\/20 nội dung/, 'publishing before the checklist is finished asks why');
    await page.type('#ly_do_danh_muc', 'Kiểm tra theo chuyên đề; các nội dung còn lại đánh giá ở lần sau.');
    await follow(page, 'form[action$="/ket-luan/ban-hanh#ket-luan"] button.primary');
    const published = await text(page, '#ket-luan');
    t.match(published, /Đã ban hành kết luận/);
    t.match(published, /Kết luận đang có hiệu lực \(phiên bản 1/);
    t.match(published, /Đẩy mạnh hướng dẫn người dân nộp hồ sơ trực tuyến\.\s+Phòng Tài chính - Kế hoạch\s+31\/3\/2027/);

    // An amendment: the draft starts from the version in force; publishing it needs a reason.
    await page.type('#nguyen_nhan', 'Người dân chưa quen nộp hồ sơ trực tuyến.');
    await follow(page, '#ket-luan form[action$="/ket-luan#ket-luan"] button[type=submit]');
    t.match(await text(page, '#ket-luan'), /Đã lưu dự thảo kết luận[\s\S]*Ban hành bản sửa đổi/);
    await checkPage(t, page, 'visit-conclusion');
    await follow(page, 'form[action$="/ket-luan/ban-hanh#ket-luan"] button.primary');
    t.match(await text(page, '#ly_do-loi'), /Sửa đổi kết luận đã ban hành cần ghi lý do/, 'an amendment without a reason is refused beside the field');
    await page.type('#ly_do', 'Bổ sung nguyên nhân theo ý kiến của đơn vị.');
    await follow(page, 'form[action$="/ket-luan/ban-hanh#ket-luan"] button.primary');
    const amended = await text(page, '#ket-luan');
    t.match(amended, /Kết luận đang có hiệu lực \(phiên bản 2/, 'the amendment is in force');
    t.match(amended, /Người dân chưa quen nộp hồ sơ trực tuyến/);
    t.match(
      amended,
      /Phiên bản 1: đã được sửa đổi[\s\S]*Phiên bản 2: đang có hiệu lực[\s\S]*lý do sửa đổi: Bổ sung nguyên nhân theo ý kiến của đơn vị\./,
      'the versions and the reason are kept',
    );

    await follow(page, 'nav.crumbs a[href$="/doan/1/ket-qua"]');
    const due = web.services.schedule.get(campaign, visit.id).deadlines.resultsNoticeDue;
    const left = workingDaysLeft(web.services.calendar.forCampaign(campaign), visit.date, addDays(due, 1));
    t.ok(left > 0, 'not late yet');
    t.match(
      await text(page, '#don-vi-p-tckh'),
      `hạn cuối ${weekdayName(due)}, ${shortDate(due)} — còn ${left} ngày làm việc`,
      'the results notice due date, in working days left',
    );
    await checkPage(t, page, 'team-results');
    const preview = await download(page, await page.$eval('a[href*="/ket-qua/du-thao?don_vi=p-tckh"]', (a) => a.href));
    t.match(preview.bytes.toString(), /DỰ THẢO[\s\S]*Đẩy mạnh hướng dẫn người dân/, 'the draft previews the very text to be issued');
    await follow(page, '#don-vi-p-tckh button.primary');
    // One register of "TB" numbers for the team: the Thông báo kiểm tra of the visit took 01.
    t.match(await text(page, '#ket-qua'), /Đã ban hành Thông báo kết quả kiểm tra số 02\/TB-ĐKT01/);
    const notice = await download(page, await page.$eval('#ket-qua a[href$="/pdf"]', (a) => a.href));
    t.match(pdfText(dir, notice.bytes), /THÔNG BÁO[\s\S]*Kết quả kiểm tra thực hiện Đề án 06 tại Phòng Tài chính - Kế hoạch/);
    const noticeWord = await download(page, await page.$eval('#ket-qua a[href$="/docx"]', (a) => a.href));
    t.equal(noticeWord.type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'the results notice in Word');
    t.equal(noticeWord.bytes.subarray(0, 2).toString(), 'PK');

    const reportPreview = await download(page, await page.$eval('a[href$="/bao-cao/du-thao"]', (a) => a.href));
    t.match(reportPreview.bytes.toString(), /DỰ THẢO[\s\S]*BÁO CÁO/);
    await follow(page, 'form[action$="/doan/1/bao-cao"] button.primary');
    t.match(await text(page, '#ket-qua'), /Đã ban hành Báo cáo số 01\/BC-ĐKT01/);
    const word = await download(page, await page.$eval('#ket-qua a[href$="/docx"]', (a) => a.href));
    t.equal(word.type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'the team report in Word');
    const reportPdf = await download(page, await page.$eval('#ket-qua a[href$="/pdf"]', (a) => a.href));
    t.match(pdfText(dir, reportPdf.bytes), /BÁO CÁO[\s\S]*Phòng Tài chính - Kế hoạch/, 'and in PDF');
  });

  await t.test('the unit reads the conclusion and answers its recommendation', async (t) => {
    const { page } = await newPerson(browser);
    await signIn(page, linkFor(web, unitPerson));
    t.match(await text(page), /Thông báo kết quả kiểm tra \(1\)/, 'the results notice is on its home page');
    await follow(page, 'a[href*="/ket-luan/"]');
    const conclusion = await text(page);
    t.match(conclusion, /Tỷ lệ hồ sơ trực tuyến còn thấp/);
    t.match(
      conclusion,
      /Phiên bản 2, ban hành lúc \d\d:\d\d.*\(sửa đổi: Bổ sung nguyên nhân theo ý kiến của đơn vị\.\)/,
      'the amendment in force, with its reason',
    );
    await checkPage(t, page, 'unit-conclusion');
    await follow(page, 'a[href$="/kien-nghi"]');
    const id = await page.$eval('article.recommendation', (el) => el.id.replace('kn-', ''));
    await follow(page, `#kn-${id} form[action$="/kien-nghi/${id}#kn-${id}"] button.primary`);
    t.match(await text(page, `#kn-${id}`), /Hãy chọn: đã thực hiện xong, hoặc đang thực hiện/, 'refused beside the field, in Vietnamese');
    await page.click(`#tt-${id}-dang`);
    await follow(page, `#kn-${id} form[action$="/kien-nghi/${id}#kn-${id}"] button.primary`);
    t.match(await text(page, `#kn-${id}`), /Đang thực hiện thì hãy chọn ngày dự kiến hoàn thành/);
    await page.$eval(`#nd-${id}`, (el) => ((el as HTMLInputElement).value = '2027-02-26'));
    await page.type(`#gc-${id}`, 'Đã mở lớp hướng dẫn tại bộ phận một cửa; 40% hồ sơ nộp trực tuyến.');
    await follow(page, `#kn-${id} form[action$="/kien-nghi/${id}#kn-${id}"] button.primary`);
    t.match(await text(page, `#kn-${id}`), /Đã ghi nhận[\s\S]*Đang thực hiện, dự kiến xong Thứ Sáu, 26\/02\/2027: Đã mở lớp hướng dẫn/);
    const file = (await page.$(`#tep-${id}`)) as ElementHandle<HTMLInputElement>;
    await file.uploadFile(photo);
    await follow(page, `#kn-${id} form.upload button[type=submit]`);
    t.match(await text(page, `#kn-${id} .thumbs`), /anh-bien-ban\.png/);
    await checkPage(t, page, 'unit-recommendations');
    const [rec] = web.services.findings.recommendations.list(office, campaign, { unitId: 'p-tckh' });
    t.match(rec, { status: 'in-progress', expectedDate: '2027-02-26', evidence: [{ fileName: 'anh-bien-ban.png' }] }, 'the office tracks the answer');
  });

  await t.test("another unit's person reaches none of it", async (t) => {
    const other = web.services.people.create(campaign, { name: 'Lê Văn Bình', role: 'unit', unitId: 'p-tnmt' }, office).id;
    const { page } = await newPerson(browser);
    await signIn(page, linkFor(web, other));
    const rec = web.services.findings.recommendations.list(office, campaign, { unitId: 'p-tckh' })[0]!;
    const base = `/dot/${campaign}/don-vi/p-tckh`;
    const evidence = web.services.findings.checklist.get(office, campaign, visit.id).sections[0]!.items[0]!.evidence[0]!;
    const team = `/dot/${campaign}/doan/1`;
    for (const path of [
      base,
      `${base}/bao-cao`,
      `${base}/bao-cao/ban-ky`,
      `${base}/bao-cao/tai/pdf`,
      `${base}/de-cuong/docx`,
      `${base}/de-cuong/pdf`,
      `${base}/ket-luan/${visit.id}`,
      `${base}/kien-nghi`,
      `${base}/kien-nghi/${rec.id}/minh-chung/${rec.evidence[0]!.id}`,
      `/dot/${campaign}/buoi/${visit.id}/kiem-tra`,
      `/dot/${campaign}/buoi/${visit.id}/minh-chung/${evidence.id}`,
      `${team}/ket-qua`,
      `${team}/ket-qua/du-thao?don_vi=p-tckh`,
      `${team}/bao-cao/du-thao`,
    ]) {
      const response = await page.goto(`${web.url}${path}`);
      t.equal(response?.status(), 404, `404 for ${path}`);
    }
    const before = web.services.findings.recommendations.list(office, campaign, { unitId: 'p-tckh' })[0];
    const status = await page.evaluate(async (url) => {
      const csrf = (document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
      const body = new URLSearchParams({ _csrf: csrf, trang_thai: 'done', ghi_chu: 'Không phải của tôi', phien_ban: '9' });
      return (await fetch(url, { method: 'POST', body })).status;
    }, `${web.url}${base}/kien-nghi/${rec.id}`);
    t.equal(status, 404, 'answering for another unit is refused as not found');
    t.same(web.services.findings.recommendations.list(office, campaign, { unitId: 'p-tckh' })[0], before, 'and nothing changed');
  });
});
